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

version="${OPENTOFU_VERSION:-v1.12.6}"
case "$version" in
  v*) ;;
  *) version="v$version" ;;
esac
GO="${GO:-go}"
cache_root="${OPENTOFU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/livechat-terraform-provider}"
dest_dir="$cache_root/opentofu-${version#v}"
bin="$dest_dir/tofu"

log() { printf 'opentofu.sh: %s\n' "$*" >&2; }

# Run tofu for a version check without the caller's CLI config: a TF_CLI_CONFIG_FILE naming a
# missing file makes tofu print warnings on stdout.
tofu_version() { env -u TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE=1 "$@" 2>/dev/null; }

# Is $1 a working tofu of the wanted version?
usable() {
  [ -x "$1" ] || return 1
  local out
  out="$(tofu_version "$1" version -json)" || return 1
  case "$out" in
    *"\"terraform_version\": \"${version#v}\""* | *"\"terraform_version\":\"${version#v}\""*) return 0 ;;
  esac
  return 1
}

if usable "$bin"; then
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$dest_dir"

# One build at a time per version (parallel `make test-opentofu` runs, CI matrix jobs).
exec 9>"$dest_dir/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  # Holding the lock, no other build is running: drop what an interrupted one left behind.
  for stale in "$dest_dir"/build.*; do
    [ -e "$stale" ] || continue
    chmod -R u+w "$stale" 2>/dev/null || true
    rm -rf "$stale"
  done
fi
if usable "$bin"; then # another process built it while we waited
  printf '%s\n' "$bin"
  exit 0
fi

log "building OpenTofu $version into $bin (one-off, several minutes)"
start=$(date +%s)

# Locate (downloading if needed) the module source. -json prints the module's Dir. Run it
# outside any module so no go.mod/go.sum (this repository's included) is touched.
json="$(cd "$dest_dir" && GOWORK=off GOFLAGS='' "$GO" mod download -json "github.com/opentofu/opentofu@$version")" || {
  log "go mod download github.com/opentofu/opentofu@$version failed: ${json:-no output}"
  log "available versions: $("$GO" list -m -versions github.com/opentofu/opentofu 2>/dev/null || echo '?')"
  exit 1
}
src="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
  log "could not find the module directory in: $json"
  exit 1
fi

# The module cache is read-only; build from a writable copy next to the destination.
work="$(mktemp -d "$dest_dir/build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -R "$src/." "$work/src"
chmod -R u+w "$work/src"

# version.dev=no: report "1.12.6" rather than "1.12.6-dev" (the testing framework parses it).
(
  cd "$work/src"
  GOWORK=off GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    "$GO" build -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$work/tofu" ./cmd/tofu
) >&2

if ! usable "$work/tofu"; then
  log "the built binary does not report version ${version#v}:"
  tofu_version "$work/tofu" version >&2 || true
  exit 1
fi
mv -f "$work/tofu" "$bin"
log "built $(tofu_version "$bin" version | head -n 1) in $(($(date +%s) - start))s"
printf '%s\n' "$bin"
