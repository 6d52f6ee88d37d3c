#!/usr/bin/env bash
# Build Terraform once from its Go module and print the path of the binary.
#
#   scripts/terraform.sh                       # -> ~/.cache/livechat-terraform-provider/terraform-1.14.3/terraform
#   TERRAFORM_VERSION=v1.15.0 scripts/terraform.sh
#
# The machine's Terraform (1.11) predates `terraform query`, list resources, resource identity
# import blocks and actions. Terraform is never downloaded as a release here: the Go module proxy
# serves its source (exact versions only: `go list -m -versions` stops at 1.13.3). The module zip
# lacks nine nested modules (internal/backend/remote-state/{azure,consul,cos,gcs,kubernetes,oci,
# oss,pg,s3}); this script drops those state backends from internal/backend/init/init.go and their
# require/replace lines from go.mod, then runs `go build .`. The binary is kept in a cache
# directory OUTSIDE the repository and reused; the source copy is deleted after the build.
#
# Only the binary path goes to stdout (so `$(scripts/terraform.sh)` works); progress goes to
# stderr. A cold build takes about 4 minutes on two idle cores; later runs return at once.
#
# Environment:
#   TERRAFORM_VERSION    module version to build (default below)
#   TERRAFORM_CACHE_DIR  where to keep binaries
#                        (default ${XDG_CACHE_HOME:-$HOME/.cache}/livechat-terraform-provider)
#   GO                   go command (default: go)
set -euo pipefail

version="${TERRAFORM_VERSION:-v1.14.3}"
case "$version" in
  v*) ;;
  *) version="v$version" ;;
esac
GO="${GO:-go}"
cache_root="${TERRAFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/livechat-terraform-provider}"
dest_dir="$cache_root/terraform-${version#v}"
bin="$dest_dir/terraform"
missing_backends="azure consul cos gcs kubernetes oci oss pg s3"

log() { printf 'terraform.sh: %s\n' "$*" >&2; }

# A version check without the caller's CLI config (a missing TF_CLI_CONFIG_FILE prints warnings).
tf_version() { env -u TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE=1 "$@" 2>/dev/null; }

usable() {
  [ -x "$1" ] || return 1
  local out
  out="$(tf_version "$1" version -json)" || return 1
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

# One build at a time per version.
exec 9>"$dest_dir/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  for stale in "$dest_dir"/build.*; do
    [ -e "$stale" ] || continue
    chmod -R u+w "$stale" 2>/dev/null || true
    rm -rf "$stale"
  done
fi
if usable "$bin"; then
  printf '%s\n' "$bin"
  exit 0
fi

log "building Terraform $version into $bin (one-off, several minutes)"
start=$(date +%s)
json="$(cd "$dest_dir" && GOWORK=off GOFLAGS='' "$GO" mod download -json "github.com/hashicorp/terraform@$version")" || {
  log "go mod download github.com/hashicorp/terraform@$version failed: ${json:-no output}"
  exit 1
}
src="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
  log "could not find the module directory in: $json"
  exit 1
fi

work="$(mktemp -d "$dest_dir/build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -R "$src/." "$work/src"
chmod -R u+w "$work/src"

# Drop the state backends whose nested modules the zip does not carry.
init="$work/src/internal/backend/init/init.go"
for b in $missing_backends; do
  [ -d "$work/src/internal/backend/remote-state/$b" ] && continue
  alias="$(sed -n "s|^[[:space:]]*\([A-Za-z0-9_]*\) \"github.com/hashicorp/terraform/internal/backend/remote-state/$b\"$|\1|p" "$init")"
  [ -n "$alias" ] || { log "no import of remote-state/$b in init.go (layout changed?)"; exit 1; }
  sed -i -e "\|\"github.com/hashicorp/terraform/internal/backend/remote-state/$b\"|d" \
         -e "/[[:space:]]$alias\.New()/d" "$init"
  sed -i -e "\|github.com/hashicorp/terraform/internal/backend/remote-state/$b |d" "$work/src/go.mod"
done

(
  cd "$work/src"
  GOWORK=off GOFLAGS='-buildvcs=false -mod=mod' CGO_ENABLED=0 \
    "$GO" build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$work/terraform" .
) >&2

if ! usable "$work/terraform"; then
  log "the built binary does not report version ${version#v}:"
  tf_version "$work/terraform" version >&2 || true
  exit 1
fi
mv -f "$work/terraform" "$bin"
log "built $(tf_version "$bin" version | head -n 1) in $(($(date +%s) - start))s"
printf '%s\n' "$bin"
