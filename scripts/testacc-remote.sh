#!/usr/bin/env bash
# make testacc-remote: the acceptance suite in remote mode, against livechat-emulator run as an
# outside server, as it would run against a real license:
#   1. checks that the test binary built for remote mode (-tags remote) has no emulator in it;
#   2. builds and starts the emulator with fresh tokens, and exports only the URL, the
#      credentials and the harness's remote-mode settings;
#   3. runs the acceptance tests of internal/provider in remote mode;
#   4. interrupts an apply of objects named tf-acc-... (the whole Terraform process group is
#      killed), then runs the sweepers (make sweep), which must delete what it left, and checks
#      through the API that nothing named tf-acc-... is left.
#
# Environment:
#   REMOTE_EMULATOR_FLAGS  flags for livechat-emulator (e.g. "-propagation-delay 3s")
#   REMOTE_PARALLEL        go test -parallel (default 8)
#   REMOTE_PROPAGATION_TIMEOUT  the harness's bound on its own waits (default 1m)
#   TESTARGS, TESTTIMEOUT  extra go test flags, and its -timeout (default 20m)
#   TERRAFORM              terraform binary (default: terraform on PATH)
set -euo pipefail
me=testacc-remote
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

MODULE="$(go list -m)"
TERRAFORM="${TERRAFORM:-terraform}"
REMOTE_EMULATOR_FLAGS="${REMOTE_EMULATOR_FLAGS:-}"
REMOTE_PARALLEL="${REMOTE_PARALLEL:-8}"
TESTARGS="${TESTARGS:-}"
TESTTIMEOUT="${TESTTIMEOUT:-20m}"

open_work livechat-remote
on_failure() { show_tail "emulator stderr" "$EMULATOR_ERR"; }

step "checking that the remote-mode test binary has no emulator in it"
if go list -deps -test -tags remote ./internal/provider/ | grep -qx "$MODULE/internal/emulator"; then
	die "internal/provider's tests built with -tags remote import internal/emulator: only acc_local_test.go may"
fi

step "building the emulator and the provider"
go build -o "$WORK/livechat-emulator" ./cmd/livechat-emulator
mkdir -p "$WORK/provider"
go build -o "$WORK/provider/terraform-provider-livechat" .

# Only what this script sets reaches the tests.
unset_livechat_env

step "starting the emulator ${REMOTE_EMULATOR_FLAGS}"
# shellcheck disable=SC2086 # a list of flags, split on purpose
start_emulator "$WORK/livechat-emulator" $REMOTE_EMULATOR_FLAGS
# LIVECHAT_API_URL, LIVECHAT_ACCESS_TOKEN and LIVECHAT_PARTNER_API_TOKEN, generated at start.
await_emulator LIVECHAT_PARTNER_API_TOKEN
step "emulator at $LIVECHAT_API_URL (pid $EMULATOR_PID)"

# What a maintainer sets for a real license (CONTRIBUTING.md): the emulator accepts any Client Id
# and organization, and its Partner Program password is documented.
export LIVECHAT_CLIENT_ID="remote-test-app"
export LIVECHAT_TEST_OTHER_CLIENT_ID="remote-test-app-2"
export LIVECHAT_TEST_ORGANIZATION_ID="5b1c7e6a-0d2f-4c3b-9a8e-7f6d5c4b3a21"
export LIVECHAT_TEST_PARTNER_PASSWORD="emulator-partner-password"
export LIVECHAT_TEST_PARTNER_SOLUTIONS=1
export LIVECHAT_TEST_PROPAGATION_TIMEOUT="${REMOTE_PROPAGATION_TIMEOUT:-1m}"
export CHECKPOINT_DISABLE=1 TF_ACC=1

step "acceptance tests in remote mode"
tests_rc=0
# shellcheck disable=SC2086 # TESTARGS is a list of flags
go test -tags remote ./internal/provider/ -count=1 -parallel "$REMOTE_PARALLEL" -run 'TestAcc' \
	-timeout "$TESTTIMEOUT" $TESTARGS || tests_rc=$?

step "an apply killed half-way, as an interrupted CI job"
TF_DIR="$WORK/interrupted"
mkdir -p "$TF_DIR"
write_dev_overrides "$WORK/provider" "$WORK/terraformrc"
cat >"$TF_DIR/main.tf" <<'EOF'
terraform {
  required_providers {
    livechat = {
      source = "livechat-terraform/livechat"
    }
  }
}

resource "livechat_group" "g" {
  count = 20
  name  = "tf-acc-interrupted-${count.index}"
}

resource "livechat_tag" "t" {
  count     = 20
  name      = "tf-acc-interrupted-${count.index}"
  group_ids = [livechat_group.g[count.index].id]
}

resource "livechat_agent" "a" {
  count  = 10
  id     = "tf-acc-interrupted-${count.index}@example.com"
  name   = "Interrupted ${count.index}"
  groups = [{ id = livechat_group.g[count.index].id, priority = "normal" }]
}

resource "livechat_campaign" "c" {
  count   = 3
  product = "livechat"
  name    = "tf-acc-interrupted-${count.index}"
}
EOF
(
	cd "$TF_DIR"
	TF_CLI_CONFIG_FILE="$WORK/terraformrc" setsid "$TERRAFORM" apply -auto-approve -input=false -no-color >"$WORK/apply.log" 2>&1 &
	apply_pid=$!
	deadline=$((SECONDS + 120))
	until grep -q 'Creation complete' "$WORK/apply.log"; do
		kill -0 "$apply_pid" 2>/dev/null || { cat "$WORK/apply.log" >&2; die "the apply ended before creating anything"; }
		((SECONDS < deadline)) || die "the apply created nothing within 120s"
		sleep 0.2
	done
	kill -KILL -- "-$apply_pid" 2>/dev/null || true
	wait "$apply_pid" 2>/dev/null || true
	printf '    killed the apply after %s objects were created (more were in flight)\n' "$(grep -c 'Creation complete' "$WORK/apply.log")"
)

step "make sweep (the sweepers, then the check that nothing named tf-acc-... is left)"
sweep_rc=0
go test -tags remote ./internal/provider/ -count=1 -v -run '^$' -sweep=default -timeout 30m >"$WORK/sweep.log" 2>&1 || sweep_rc=$?
grep -E 'sweeping|left|refusing|error|Error' "$WORK/sweep.log" | sed 's/^/    /' || true
swept=$(grep -c 'sweeping ' "$WORK/sweep.log" || true)
if [[ $sweep_rc -ne 0 ]]; then
	tail -n 40 "$WORK/sweep.log" >&2
	die "the sweep failed (exit $sweep_rc)"
fi
((swept > 0)) || die "the sweep deleted nothing, though the interrupted apply left objects"
step "the sweep deleted $swept objects; nothing named tf-acc-... is left"

[[ $tests_rc -eq 0 ]] || die "acceptance tests failed (exit $tests_rc)"
step "testacc-remote passed"
