#!/usr/bin/env bash
# Builds the Terraform CLI from source once and caches the binary, so the
# acceptance tests that need a newer Terraform than the machine's (list
# resources, resource identity and actions need 1.14 or later) can run on a
# machine that reaches only the Go module proxy. Prints the path of the binary
# on stdout (and nothing else there); progress and the binary's version go to
# stderr.
#
# The module zip the proxy serves for github.com/hashicorp/terraform lacks the
# nested modules of the remote-state backends (azurerm, consul, cos, gcs,
# kubernetes, oci, oss, pg, s3) and internal/legacy, which only a test
# imports. In a writable copy of the source, those backends are removed from
# internal/backend/init/init.go and their require and replace lines from
# go.mod; the resulting CLI keeps the local, http, inmem, remote and cloud
# backends, which is all the tests and the demo use.
#
# Usage: scripts/install-terraform.sh VERSION        (e.g. v1.15.9)
# Environment:
#   TERRAFORM_CACHE_DIR   where binaries are kept
#                         (default: ${XDG_CACHE_HOME:-$HOME/.cache}/cloudcmd,
#                         as for OpenTofu); the binary is
#                         TERRAFORM_CACHE_DIR/terraform-VERSION/terraform
set -euo pipefail

log() { printf 'install-terraform: %s\n' "$*" >&2; }
die() { printf 'install-terraform: error: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 VERSION (e.g. v1.15.9)"
version="$1"
[[ "${version}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must look like v1.15.9, got '${version}'"
command -v go >/dev/null 2>&1 || die "go not found on PATH."

cache_dir="${TERRAFORM_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/cloudcmd}"
target_dir="${cache_dir}/terraform-${version}"
target="${target_dir}/terraform"

# A cached binary is reused only if it runs and reports the pinned version.
# The "Terraform vX.Y.Z" line is looked for rather than taken as the first
# line, in case warnings about the CLI configuration come first.
# CHECKPOINT_DISABLE keeps `terraform version` from asking for the latest
# release over the network.
cached_version() {
	CHECKPOINT_DISABLE=1 "${target}" version 2>/dev/null | grep -m1 '^Terraform v'
}
if [[ -x "${target}" ]]; then
	reported="$(cached_version || true)"
	if [[ "${reported}" == "Terraform ${version}" ]]; then
		log "using cached ${target} (${reported})"
		printf '%s\n' "${target}"
		exit 0
	fi
	log "cached ${target} reports '${reported}', not 'Terraform ${version}': rebuilding"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/install-terraform.XXXXXX")"
trap 'chmod -R u+w "${work}" 2>/dev/null || true; rm -rf "${work}" "${target}.partial"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "fetching github.com/hashicorp/terraform@${version} from the Go module proxy"
# Run outside any module so the project's go.mod plays no part.
module_dir="$(cd "${work}" && go mod download -json "github.com/hashicorp/terraform@${version}" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
[[ -n "${module_dir}" && -d "${module_dir}" ]] || die "go mod download did not report a source directory for ${version}."

# The module cache is read-only; the build needs a writable module root.
cp -R "${module_dir}" "${work}/src"
chmod -R u+w "${work}/src"

# The backends whose nested modules the zip lacks: their package directory
# under internal/backend/remote-state and, for init.go, the name each is
# registered under.
missing_dirs='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
missing_names='azurerm|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
init_go="${work}/src/internal/backend/init/init.go"
go_mod="${work}/src/go.mod"
[[ -f "${init_go}" && -f "${go_mod}" ]] || die "${version} has no internal/backend/init/init.go or go.mod"

log "removing the remote-state backends missing from the module zip"
sed -i -E \
	-e "/\"github.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/(${missing_dirs})\"/d" \
	-e "/^[[:space:]]*\"(${missing_names})\":[[:space:]]*func\(\)/d" \
	"${init_go}"
sed -i -E \
	-e "/^[[:space:]]*github.com\/hashicorp\/terraform\/internal\/(backend\/remote-state\/(${missing_dirs})|legacy) v/d" \
	-e "/^replace github.com\/hashicorp\/terraform\/internal\/(backend\/remote-state\/(${missing_dirs})|legacy) =>/d" \
	"${go_mod}"
# Fail here, with a clear message, if a new release changed the layout the
# edits above expect, rather than later with a compiler error.
if grep -E -q "remote-state/(${missing_dirs})\"|internal/legacy" "${init_go}" ||
	grep -E -q "internal/(backend/remote-state/(${missing_dirs})|legacy)( |$)" "${go_mod}"; then
	die "could not remove the missing backends from ${version}'s init.go or go.mod; its layout has changed."
fi

log "building the terraform CLI (this takes several minutes the first time)"
start=${SECONDS}
mkdir -p "${target_dir}"
# -mod=mod lets go.sum keep the entries of the removed modules. version.dev=no
# drops the "-dev" marker, as upstream's release builds do, so the binary
# reports exactly the version it was built from.
(
	cd "${work}/src"
	CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
		-ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" \
		-o "${target}.partial" .
)
# Renamed only when complete, so an interrupted build leaves no binary behind.
mv -f "${target}.partial" "${target}"
reported="$(cached_version || true)"
[[ "${reported}" == "Terraform ${version}" ]] ||
	die "the built binary reports '${reported}', expected 'Terraform ${version}'."
log "built ${target} (${reported}) in $((SECONDS - start))s"
printf '%s\n' "${target}"
