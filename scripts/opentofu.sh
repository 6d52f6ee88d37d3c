#!/usr/bin/env bash
# Build OpenTofu once from its Go module and print the path of the binary.
#
#   scripts/opentofu.sh            # -> ~/.cache/livechat-terraform-provider/opentofu-1.12.6/tofu
#   OPENTOFU_VERSION=v1.10.10 scripts/opentofu.sh
#
# OpenTofu cannot be `go install`ed (its go.mod has replace directives), so this script
# downloads the module source through the Go module proxy (`go mod download`), copies it
# out of the read-only module cache into a scratch directory and runs `go build ./cmd/tofu`.
# The binary is kept in a cache directory OUTSIDE the repository and reused on later runs;
# the source copy is deleted after the build. Nothing here is ever committed.
#
# Only the binary path goes to stdout (so `$(scripts/opentofu.sh)` works); progress goes to
# stderr. A cold build takes several minutes on a small machine; later runs return at once.
#
# Environment:
#   OPENTOFU_VERSION    module version to build (default below; must be a v1.x the proxy has)
#   OPENTOFU_CACHE_DIR  where to keep binaries
#                       (default ${XDG_CACHE_HOME:-$HOME/.cache}/livechat-terraform-provider)
#   GO                  go command (default: go)
set -euo pipefail
me=opentofu.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cli_paths opentofu "${OPENTOFU_VERSION:-v1.12.6}" "${OPENTOFU_CACHE_DIR:-}" tofu

print_cached_or_lock
begin_build OpenTofu
module_source github.com/opentofu/opentofu list-versions
copy_source

# version.dev=no: report "1.12.6" rather than "1.12.6-dev" (the testing framework parses it).
(
  cd "$work/src"
  GOWORK=off GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    "$GO" build -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$work/tofu" ./cmd/tofu
) >&2

finish_build "$work/tofu"
