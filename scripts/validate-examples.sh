#!/usr/bin/env bash
# Validates every example directory on its own, as a user who copies it
# would: `terraform validate` with only this provider installed (a local
# build, through dev_overrides), so an example that refers to something it
# does not declare, reads a missing file or needs another provider fails.
#
# Environment:
#   TERRAFORM   terraform (or tofu) binary to use (default: terraform on PATH)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly root
readonly terraform_bin="${TERRAFORM:-terraform}"

work="$(mktemp -d "${TMPDIR:-/tmp}/cloudcmd-examples.XXXXXX")"
trap 'rm -rf "${work}"' EXIT

(cd "${root}" && go build -o "${work}/bin/terraform-provider-cloudcmd" .)

# Both address forms: terraform reads the first, OpenTofu the second.
cat >"${work}/cli.tfrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudcmd/cloudcmd" = "${work}/bin"
    "registry.opentofu.org/cloudcmd/cloudcmd" = "${work}/bin"
  }
  direct {}
}
CONFIG
export TF_CLI_CONFIG_FILE="${work}/cli.tfrc"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# Actions (`action` blocks) need Terraform 1.14 or later: under an older
# CLI, or OpenTofu, the examples that declare one are skipped, and
# `make examples-check TF_ACC_TERRAFORM_PATH=...` with a newer one checks them.
actions_supported=0
if version_line="$("${terraform_bin}" version 2>/dev/null | grep -m1 -E '^Terraform v')" &&
	[[ "${version_line}" =~ ^Terraform\ v([0-9]+)\.([0-9]+) ]] &&
	((BASH_REMATCH[1] > 1 || BASH_REMATCH[2] >= 14)); then
	actions_supported=1
fi

failed=()
count=0
skipped=0
while IFS= read -r dir; do
	rel="${dir#"${root}/"}"
	if ((!actions_supported)) && grep -qsE '^action "' "${dir}"/*.tf; then
		printf 'skip  %s (actions need Terraform 1.14+)\n' "${rel}"
		skipped=$((skipped + 1))
		continue
	fi
	count=$((count + 1))
	copy="${work}/examples/${rel}"
	mkdir -p "${copy}"
	cp -R "${dir}/." "${copy}/"
	# Examples leave the provider's source out for brevity; a user's
	# configuration names it once, as this file does.
	if ! grep -rqs 'required_providers' "${copy}"/*.tf; then
		cat >"${copy}/zz_required_providers.tf" <<'HCL'
terraform {
  required_providers {
    cloudcmd = { source = "cloudcmd/cloudcmd" }
  }
}
HCL
	fi
	if out="$(cd "${copy}" && "${terraform_bin}" validate -no-color 2>&1)"; then
		printf 'ok    %s\n' "${rel}"
	else
		# Only the errors: every run also warns that dev_overrides are in effect.
		printf 'FAIL  %s\n%s\n' "${rel}" "$(sed -n '/Error:/,$p' <<<"${out}" | sed 's/^/      /')"
		failed+=("${rel}")
	fi
done < <(find "${root}/examples" -name '*.tf' -printf '%h\n' | sort -u)

if ((${#failed[@]} > 0)); then
	printf '\n%d of %d example directories fail terraform validate: %s\n' "${#failed[@]}" "${count}" "${failed[*]}" >&2
	exit 1
fi
printf '\nall %d example directories are valid on their own (%d skipped)\n' "${count}" "${skipped}"
