# shellcheck shell=bash
# What the scripts in this folder share; sourced (after `set -euo pipefail` and `me=<name>`),
# never run. Two families:
#   - terraform.sh, opentofu.sh: build a Terraform-compatible CLI once from its Go module into a
#     cache outside the repository (DESIGN.md §9) and print its path;
#   - demo.sh, testacc-remote.sh: run livechat-emulator as an outside server for one run.

# The repository (this file lives in scripts/).
# shellcheck disable=SC2034 # used by the scripts that source this file
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# me names the script in its messages ("terraform.sh: ...", "demo: ...").
me="${me:-${0##*/}}"

# log: a message to stderr, so that stdout carries only what the script prints for its caller.
log() { printf '%s: %s\n' "$me" "$*" >&2; }
die() {
	log "$@"
	exit 1
}
# step: a heading on stdout, between the tools' own output.
step() { printf '==> %s\n' "$*"; }

# ---- Building a CLI from its Go module -------------------------------------------------------

# cli_paths NAME VERSION CACHE_DIR BINARY sets version (with its v), GO, dest_dir
# (CACHE_DIR or ~/.cache/livechat-terraform-provider, then NAME-<version without v>) and bin.
cli_paths() {
	version="$2"
	case "$version" in
		v*) ;;
		*) version="v$version" ;;
	esac
	GO="${GO:-go}"
	local cache_root="${3:-${XDG_CACHE_HOME:-$HOME/.cache}/livechat-terraform-provider}"
	dest_dir="$cache_root/$1-${version#v}"
	bin="$dest_dir/$4"
}

# cli_version runs a CLI for a version check without the caller's CLI config: a TF_CLI_CONFIG_FILE
# naming a missing file makes terraform and tofu print warnings on stdout.
cli_version() { env -u TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE=1 "$@" 2>/dev/null; }

# usable: is $1 a working CLI of the wanted version? (tofu reports terraform_version too.)
usable() {
	[ -x "$1" ] || return 1
	local out
	out="$(cli_version "$1" version -json)" || return 1
	case "$out" in
		*"\"terraform_version\": \"${version#v}\""* | *"\"terraform_version\":\"${version#v}\""*) return 0 ;;
	esac
	return 1
}

# print_cached_or_lock prints bin and exits if it is usable; otherwise it takes the build lock.
print_cached_or_lock() {
	if usable "$bin"; then
		printf '%s\n' "$bin"
		exit 0
	fi
	mkdir -p "$dest_dir"

	# One build at a time per version (parallel make runs, CI matrix jobs).
	exec 9>"$dest_dir/.lock"
	if command -v flock >/dev/null 2>&1; then
		flock 9
		# Holding the lock, no other build is running: drop what an interrupted one left behind.
		local stale
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
}

# begin_build LABEL says what is built where, and starts the clock for finish_build.
begin_build() {
	log "building $1 $version into $bin (one-off, several minutes)"
	build_start=$(date +%s)
}

# module_source MODULE [list-versions] sets src to the directory of MODULE@version in the module
# cache, downloading it if needed; list-versions: on failure, also print what the proxy has.
module_source() {
	# -json prints the module's Dir. Run outside any module so no go.mod/go.sum (this
	# repository's included) is touched.
	local json
	json="$(cd "$dest_dir" && GOWORK=off GOFLAGS='' "$GO" mod download -json "$1@$version")" || {
		log "go mod download $1@$version failed: ${json:-no output}"
		if [ "${2:-}" = list-versions ]; then
			log "available versions: $("$GO" list -m -versions "$1" 2>/dev/null || echo '?')"
		fi
		exit 1
	}
	src="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
	if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
		log "could not find the module directory in: $json"
		exit 1
	fi
}

# copy_source copies src into work/src, a writable scratch directory next to the destination
# (the module cache is read-only), removed when the script exits.
copy_source() {
	work="$(mktemp -d "$dest_dir/build.XXXXXX")"
	trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
	cp -R "$src/." "$work/src"
	chmod -R u+w "$work/src"
}

# finish_build BUILT checks that BUILT reports the wanted version, moves it to bin and prints bin.
finish_build() {
	if ! usable "$1"; then
		log "the built binary does not report version ${version#v}:"
		cli_version "$1" version >&2 || true
		exit 1
	fi
	mv -f "$1" "$bin"
	log "built $(cli_version "$bin" version | head -n 1) in $(($(date +%s) - build_start))s"
	printf '%s\n' "$bin"
}

# ---- An emulator for one run -----------------------------------------------------------------

STARTUP_TIMEOUT_S=30

# open_work PREFIX makes WORK, a temporary directory for the run that holds the emulator's output,
# and sets the traps: on exit (Ctrl-C exits 130, TERM 143) cleanup stops the emulator and removes
# WORK, after calling the script's on_failure EXIT_CODE, if it has one, when the run failed.
open_work() {
	WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
	EMULATOR_OUT="$WORK/emulator.stdout"
	EMULATOR_ERR="$WORK/emulator.stderr"
	EMULATOR_PID=""
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	if [[ -n "$EMULATOR_PID" ]] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
		kill "$EMULATOR_PID" 2>/dev/null || true
		wait "$EMULATOR_PID" 2>/dev/null || true
	fi
	if [[ $rc -ne 0 ]] && declare -F on_failure >/dev/null; then
		on_failure "$rc"
	fi
	rm -rf "$WORK"
	exit "$rc"
}

# show_tail TITLE FILE prints the end of FILE to stderr, if it has anything.
show_tail() {
	if [[ -s "$2" ]]; then
		printf -- '--- %s (last 40 lines) ---\n' "$1" >&2
		tail -n 40 "$2" >&2 || true
	fi
}

# unset_livechat_env drops every LIVECHAT_* variable of the caller's shell: never a real
# account, and only what the script sets reaches Terraform and the tests.
unset_livechat_env() {
	local name
	while IFS= read -r name; do
		unset "$name"
	done < <(compgen -e | grep '^LIVECHAT_' || true)
}

# start_emulator BINARY [FLAG...] runs the emulator on a random loopback port in the background.
start_emulator() {
	local binary="$1"
	shift
	# Created here: the background job opens them later, and await_emulator may read first.
	: >"$EMULATOR_OUT"
	: >"$EMULATOR_ERR"
	"$binary" -listen 127.0.0.1:0 "$@" >"$EMULATOR_OUT" 2>"$EMULATOR_ERR" &
	EMULATOR_PID=$!
}

# await_emulator NAME... waits until the emulator has printed a line NAME=... for each NAME (it
# prints LIVECHAT_API_URL, LIVECHAT_ACCESS_TOKEN and, with partner tokens,
# LIVECHAT_PARTNER_API_TOKEN once it listens), then exports every LIVECHAT_*=value line it printed.
await_emulator() {
	local deadline=$((SECONDS + STARTUP_TIMEOUT_S)) name line
	for name; do
		until grep -q "^$name=" "$EMULATOR_OUT"; do
			kill -0 "$EMULATOR_PID" 2>/dev/null || die "the emulator exited before printing its address and tokens"
			((SECONDS < deadline)) || die "the emulator printed no address and tokens within ${STARTUP_TIMEOUT_S}s"
			sleep 0.2
		done
	done
	while IFS= read -r line; do
		line="${line%$'\r'}"
		export "${line%%=*}=${line#*=}"
	done < <(grep -E '^LIVECHAT_[A-Z0-9_]+=' "$EMULATOR_OUT")
	[[ -n "${LIVECHAT_API_URL:-}" && -n "${LIVECHAT_ACCESS_TOKEN:-}" ]] || die "the emulator printed an empty address or token"
}

# write_dev_overrides DIR FILE writes a Terraform CLI config that takes the provider from DIR (the
# binary just built): no registry, no `terraform init`.
write_dev_overrides() {
	cat >"$2" <<EOF
provider_installation {
  dev_overrides {
    "livechat-terraform/livechat" = "$1"
  }
  direct {}
}
EOF
}
