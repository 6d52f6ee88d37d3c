#!/usr/bin/env bash
# Demo: build the provider and the LiveChat API emulator, start the emulator on a random
# loopback port, and run examples/demo through apply -> output -> plan (must be empty) -> destroy
# with a Terraform CLI config whose dev_overrides point at the freshly built provider.
#
# Environment:
#   TERRAFORM       terraform binary to use (default: terraform on PATH)
#   EMULATOR_FLAGS  extra flags for livechat-emulator (e.g. "-propagation-delay 5s")
#   VERSION         version stamped into the provider (default 0.1.0-dev)
set -euo pipefail
me=demo
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TERRAFORM="${TERRAFORM:-terraform}"
VERSION="${VERSION:-0.1.0-dev}"
EMULATOR_FLAGS="${EMULATOR_FLAGS:-}"

open_work livechat-demo
PROVIDER_DIR="$WORK/provider"    # dev_overrides directory: holds only the provider binary
EMULATOR_BIN="$WORK/livechat-emulator"
TF_DIR="$WORK/tf"

on_failure() {
	show_tail emulator.stdout "$EMULATOR_OUT"
	show_tail emulator.stderr "$EMULATOR_ERR"
	log "FAILED (exit $1)"
}

command -v "$TERRAFORM" >/dev/null 2>&1 || die "terraform not found (set TERRAFORM=/path/to/terraform)"
compgen -G "examples/demo/*.tf" >/dev/null || die "no examples/demo/*.tf to apply"

# Never talk to a real LiveChat account.
unset_livechat_env

mkdir -p "$PROVIDER_DIR" "$TF_DIR"

step "building provider"
go build -ldflags "-X main.version=$VERSION" -o "$PROVIDER_DIR/terraform-provider-livechat" .

step "building emulator"
go build -o "$EMULATOR_BIN" ./cmd/livechat-emulator

step "starting emulator"
# shellcheck disable=SC2086 # EMULATOR_FLAGS is a list of flags, split on purpose.
start_emulator "$EMULATOR_BIN" $EMULATOR_FLAGS
await_emulator LIVECHAT_API_URL LIVECHAT_ACCESS_TOKEN
step "emulator listening at $LIVECHAT_API_URL (pid $EMULATOR_PID)"

# Terraform CLI config: use the provider just built, no registry, no `terraform init`.
write_dev_overrides "$PROVIDER_DIR" "$WORK/terraformrc"
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
unset TF_WORKSPACE TF_DATA_DIR TF_PLUGIN_CACHE_DIR

cp examples/demo/*.tf "$TF_DIR/"
cd "$TF_DIR"

color=()
[[ -t 1 ]] || color=(-no-color)

step "terraform apply"
"$TERRAFORM" apply -auto-approve -input=false "${color[@]}"

step "terraform output"
"$TERRAFORM" output "${color[@]}"

step "terraform plan (must show no changes)"
plan_rc=0
"$TERRAFORM" plan -detailed-exitcode -input=false "${color[@]}" || plan_rc=$?
if [[ $plan_rc -ne 0 ]]; then
	if [[ $plan_rc -eq 2 ]]; then
		echo "demo: second plan is not empty: the provider is not idempotent for examples/demo" >&2
	else
		echo "demo: second plan failed (exit $plan_rc)" >&2
	fi
	step "terraform destroy (best effort)"
	"$TERRAFORM" destroy -auto-approve -input=false "${color[@]}" || true
	exit 1
fi
echo "second plan: no changes"

step "terraform destroy"
"$TERRAFORM" destroy -auto-approve -input=false "${color[@]}"

step "demo finished"
