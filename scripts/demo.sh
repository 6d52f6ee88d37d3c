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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TERRAFORM="${TERRAFORM:-terraform}"
VERSION="${VERSION:-0.1.0-dev}"
EMULATOR_FLAGS="${EMULATOR_FLAGS:-}"
STARTUP_TIMEOUT_S=30

WORK="$(mktemp -d "${TMPDIR:-/tmp}/livechat-demo.XXXXXX")"
PROVIDER_DIR="$WORK/provider"    # dev_overrides directory: holds only the provider binary
EMULATOR_BIN="$WORK/livechat-emulator"
EMULATOR_OUT="$WORK/emulator.stdout"
EMULATOR_ERR="$WORK/emulator.stderr"
TF_DIR="$WORK/tf"
EMULATOR_PID=""

log() { printf '==> %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n "$EMULATOR_PID" ]] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
		kill "$EMULATOR_PID" 2>/dev/null || true
		wait "$EMULATOR_PID" 2>/dev/null || true
	fi
	if [[ $rc -ne 0 ]]; then
		for f in "$EMULATOR_OUT" "$EMULATOR_ERR"; do
			if [[ -s "$f" ]]; then
				printf -- '--- %s (last 40 lines) ---\n' "$(basename "$f")" >&2
				tail -n 40 "$f" >&2 || true
			fi
		done
		printf 'demo: FAILED (exit %d)\n' "$rc" >&2
	fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v "$TERRAFORM" >/dev/null 2>&1 || die "terraform not found (set TERRAFORM=/path/to/terraform)"
compgen -G "examples/demo/*.tf" >/dev/null || die "no examples/demo/*.tf to apply"

# Never talk to a real LiveChat account: drop any LIVECHAT_* settings from the caller's shell.
while IFS= read -r name; do
	unset "$name"
done < <(compgen -e | grep '^LIVECHAT_' || true)

mkdir -p "$PROVIDER_DIR" "$TF_DIR"

log "building provider"
go build -ldflags "-X main.version=$VERSION" -o "$PROVIDER_DIR/terraform-provider-livechat" .

log "building emulator"
go build -o "$EMULATOR_BIN" ./cmd/livechat-emulator

log "starting emulator"
# shellcheck disable=SC2086 # EMULATOR_FLAGS is a list of flags, split on purpose.
"$EMULATOR_BIN" -listen 127.0.0.1:0 $EMULATOR_FLAGS >"$EMULATOR_OUT" 2>"$EMULATOR_ERR" &
EMULATOR_PID=$!

# The emulator prints LIVECHAT_API_URL=... and LIVECHAT_ACCESS_TOKEN=... once it listens.
deadline=$((SECONDS + STARTUP_TIMEOUT_S))
until grep -q '^LIVECHAT_API_URL=' "$EMULATOR_OUT" && grep -q '^LIVECHAT_ACCESS_TOKEN=' "$EMULATOR_OUT"; do
	kill -0 "$EMULATOR_PID" 2>/dev/null || die "emulator exited before printing its address and token"
	((SECONDS < deadline)) || die "emulator did not print LIVECHAT_API_URL and LIVECHAT_ACCESS_TOKEN within ${STARTUP_TIMEOUT_S}s"
	sleep 0.2
done

# Export every LIVECHAT_NAME=value line the emulator printed (at least the two above).
while IFS= read -r line; do
	line="${line%$'\r'}"
	export "${line%%=*}=${line#*=}"
done < <(grep -E '^LIVECHAT_[A-Z0-9_]+=' "$EMULATOR_OUT")
[[ -n "${LIVECHAT_API_URL:-}" && -n "${LIVECHAT_ACCESS_TOKEN:-}" ]] || die "emulator printed an empty address or token"
log "emulator listening at $LIVECHAT_API_URL (pid $EMULATOR_PID)"

# Terraform CLI config: use the provider just built, no registry, no `terraform init`.
cat >"$WORK/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "livechat-terraform/livechat" = "$PROVIDER_DIR"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
unset TF_WORKSPACE TF_DATA_DIR TF_PLUGIN_CACHE_DIR

cp examples/demo/*.tf "$TF_DIR/"
cd "$TF_DIR"

color=()
[[ -t 1 ]] || color=(-no-color)

log "terraform apply"
"$TERRAFORM" apply -auto-approve -input=false "${color[@]}"

log "terraform output"
"$TERRAFORM" output "${color[@]}"

log "terraform plan (must show no changes)"
plan_rc=0
"$TERRAFORM" plan -detailed-exitcode -input=false "${color[@]}" || plan_rc=$?
if [[ $plan_rc -ne 0 ]]; then
	if [[ $plan_rc -eq 2 ]]; then
		echo "demo: second plan is not empty: the provider is not idempotent for examples/demo" >&2
	else
		echo "demo: second plan failed (exit $plan_rc)" >&2
	fi
	log "terraform destroy (best effort)"
	"$TERRAFORM" destroy -auto-approve -input=false "${color[@]}" || true
	exit 1
fi
echo "second plan: no changes"

log "terraform destroy"
"$TERRAFORM" destroy -auto-approve -input=false "${color[@]}"

log "demo finished"
