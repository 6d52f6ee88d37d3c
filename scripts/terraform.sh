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
me=terraform.sh
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cli_paths terraform "${TERRAFORM_VERSION:-v1.14.3}" "${TERRAFORM_CACHE_DIR:-}" terraform
missing_backends="azure consul cos gcs kubernetes oci oss pg s3"

print_cached_or_lock
begin_build Terraform
module_source github.com/hashicorp/terraform
copy_source

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

finish_build "$work/terraform"
