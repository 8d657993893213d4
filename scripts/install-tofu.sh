#!/usr/bin/env bash
# Builds the OpenTofu CLI from source once and caches the binary, so the
# acceptance tests and the demo can run under tofu on a machine that reaches
# only the Go module proxy. Prints the path of the binary on stdout (and
# nothing else there); progress and the binary's version go to stderr.
#
# `go install github.com/opentofu/opentofu/cmd/tofu@VERSION` does not work:
# OpenTofu's go.mod has replace directives, which `go install pkg@version`
# refuses. Instead the module's source is fetched with `go mod download` and
# ./cmd/tofu is built inside a writable copy of it, where the replace
# directives apply as they do for upstream's own builds.
#
# Usage: scripts/install-tofu.sh VERSION        (e.g. v1.12.6)
# Environment:
#   TOFU_CACHE_DIR   where binaries are kept
#                    (default: ${XDG_CACHE_HOME:-$HOME/.cache}/cloudcmd);
#                    the binary is TOFU_CACHE_DIR/tofu-VERSION/tofu
set -euo pipefail

log() { printf 'install-tofu: %s\n' "$*" >&2; }
die() { printf 'install-tofu: error: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 VERSION (e.g. v1.12.6)"
version="$1"
[[ "${version}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must look like v1.12.6, got '${version}'"
command -v go >/dev/null 2>&1 || die "go not found on PATH."

cache_dir="${TOFU_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/cloudcmd}"
target_dir="${cache_dir}/tofu-${version}"
target="${target_dir}/tofu"

# A cached binary is reused only if it runs and reports the pinned version.
# Its "OpenTofu vX.Y.Z" line is looked for, not taken as the first line: tofu
# prints warnings about the CLI configuration (such as a TF_CLI_CONFIG_FILE
# naming a missing file) before it, on stdout.
cached_version() {
	"${target}" version 2>/dev/null | grep -m1 '^OpenTofu v'
}
if [[ -x "${target}" ]]; then
	reported="$(cached_version || true)"
	if [[ "${reported}" == "OpenTofu ${version}" ]]; then
		log "using cached ${target} (${reported})"
		printf '%s\n' "${target}"
		exit 0
	fi
	log "cached ${target} reports '${reported}', not 'OpenTofu ${version}': rebuilding"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/install-tofu.XXXXXX")"
trap 'chmod -R u+w "${work}" 2>/dev/null || true; rm -rf "${work}" "${target}.partial"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "fetching github.com/opentofu/opentofu@${version} from the Go module proxy"
# Run outside any module so the project's go.mod plays no part.
module_dir="$(cd "${work}" && go mod download -json "github.com/opentofu/opentofu@${version}" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
[[ -n "${module_dir}" && -d "${module_dir}" ]] || die "go mod download did not report a source directory for ${version}."

# The module cache is read-only; the build needs a writable module root.
cp -R "${module_dir}" "${work}/src"
chmod -R u+w "${work}/src"

log "building ./cmd/tofu (this takes several minutes the first time)"
start=${SECONDS}
mkdir -p "${target_dir}"
# version.dev=no drops the "-dev" marker, as upstream's release builds do, so
# the binary reports exactly the version it was built from.
(
	cd "${work}/src"
	CGO_ENABLED=0 go build -trimpath \
		-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
		-o "${target}.partial" ./cmd/tofu
)
# Renamed only when complete, so an interrupted build leaves no binary behind.
mv -f "${target}.partial" "${target}"
reported="$(cached_version || true)"
[[ "${reported}" == "OpenTofu ${version}" ]] ||
	die "the built binary reports '${reported}', expected 'OpenTofu ${version}'."
log "built ${target} (${reported}) in $((SECONDS - start))s"
printf '%s\n' "${target}"
