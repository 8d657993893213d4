#!/usr/bin/env bash
# Builds the provider and the bundled fake endpoint, starts the fake on a free
# loopback port, and runs examples/demo against it with terraform or
# OpenTofu: apply, output, a plan that must find nothing to change, destroy.
# Nothing is downloaded and no cloud account is used.
#
# Environment:
#   TERRAFORM        CLI to use: terraform (the default, found on PATH), tofu,
#                    or a path to either
#   DEMO_KEEP=1      keep the temporary directory (state, logs) for inspection
#   DEMO_FAKE_ARGS   extra flags for cloudcmd-fake, e.g. "-realistic"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly root
readonly terraform_bin="${TERRAFORM:-terraform}"

# The fake is started with these credentials and terraform is given the same
# ones. They are the fake's defaults (see `cloudcmd-fake -help`).
readonly tencent_secret_id="AKIDcloudcmdfake"
readonly tencent_secret_key="cloudcmd-fake-tencent-secret"
readonly alicloud_access_key="LTAIcloudcmdfake"
readonly alicloud_secret_key="cloudcmd-fake-alicloud-secret"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

command -v "${terraform_bin}" >/dev/null 2>&1 ||
	die "'${terraform_bin}' not found. Install terraform >= 1.11 (or OpenTofu >= 1.12) and put it on PATH, or set TERRAFORM=/path/to/terraform (or tofu)."
# What the log lines call the CLI: "terraform" or "tofu".
cli_name="terraform"
cli_version="$("${terraform_bin}" version 2>/dev/null | grep -m1 -E '^(Terraform|OpenTofu) v' || true)"
if [[ "${cli_version}" == OpenTofu* ]]; then
	cli_name="tofu"
fi
readonly cli_name cli_version
command -v go >/dev/null 2>&1 || die "go not found on PATH."

work="$(mktemp -d "${TMPDIR:-/tmp}/cloudcmd-demo.XXXXXX")"
fake_pid=""

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [[ -n "${fake_pid}" ]] && kill -0 "${fake_pid}" 2>/dev/null; then
		kill -TERM "${fake_pid}" 2>/dev/null || true
		wait "${fake_pid}" 2>/dev/null || true
		log "stopped the fake endpoint"
	fi
	if [[ "${status}" -ne 0 && -s "${work}/fake.log" ]]; then
		printf '%s\n' "--- cloudcmd-fake log ---" >&2
		cat "${work}/fake.log" >&2 || true
	fi
	if [[ "${DEMO_KEEP:-}" == "1" ]]; then
		log "kept ${work}"
	else
		rm -rf "${work}"
	fi
	exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building the provider and the fake into ${work}/bin"
mkdir -p "${work}/bin"
(
	cd "${root}"
	go build -o "${work}/bin/terraform-provider-cloudcmd" .
	go build -o "${work}/bin/cloudcmd-fake" ./internal/fakecloud/cmd/cloudcmd-fake
)

log "starting the fake endpoint (TAT scripts really run here, with /bin/sh)"
# -exec makes the fake run the demo's TAT script on this machine, so the
# output shown below is a real command's. It listens on loopback only.
# The output file exists before the fake starts, so the loop below never
# reads a file the background process has not opened yet.
: >"${work}/fake.out"
# shellcheck disable=SC2086 # DEMO_FAKE_ARGS is a list of flags
"${work}/bin/cloudcmd-fake" -listen 127.0.0.1:0 -exec \
	-tencent-secret-id "${tencent_secret_id}" -tencent-secret-key "${tencent_secret_key}" \
	-alicloud-access-key "${alicloud_access_key}" -alicloud-secret-key "${alicloud_secret_key}" \
	${DEMO_FAKE_ARGS:-} >"${work}/fake.out" 2>"${work}/fake.log" &
fake_pid=$!

# The fake's first line on stdout names the address it bound.
first_line=""
for _ in $(seq 1 300); do
	if IFS= read -r first_line <"${work}/fake.out" 2>/dev/null && [[ -n "${first_line}" ]]; then
		# read succeeds only on a complete line.
		break
	fi
	first_line=""
	kill -0 "${fake_pid}" 2>/dev/null || die "the fake endpoint exited before it was ready."
	sleep 0.1
done
[[ -n "${first_line}" ]] || die "the fake endpoint did not report its address within 30s."
[[ "${first_line}" =~ ^cloudcmd-fake\ listening\ on\ (http://[^[:space:]]+)$ ]] ||
	die "unexpected first line from the fake: ${first_line}"
fake_url="${BASH_REMATCH[1]}"
log "fake endpoint at ${fake_url}"

log "preparing a ${cli_name} working directory (${cli_version:-unknown version})"
cp -R "${root}/examples/demo" "${work}/demo"
rm -rf "${work}/demo/.terraform" "${work}/demo/.terraform.lock.hcl" "${work}/demo/"terraform.tfstate*

# Terraform 1.14 and later have actions: the demo then also declares one and
# invokes it after the apply, as a day-2 operation. Older CLIs and OpenTofu
# would refuse the block, so it is added here rather than kept in
# examples/demo.
with_action=0
if [[ "${cli_version}" =~ ^Terraform\ v([0-9]+)\.([0-9]+) ]] && ((BASH_REMATCH[1] > 1 || BASH_REMATCH[2] >= 14)); then
	with_action=1
	cat >"${work}/demo/action.tf" <<'HCL'
# A day-2 operation on the TAT instances, one at a time, with no state:
#   terraform apply -invoke=action.cloudcmd_tat_run_command.uptime
action "cloudcmd_tat_run_command" "uptime" {
  config {
    content         = "echo \"up on $(hostname)\"\ndate -u"
    instance_ids    = var.tencentcloud_instance_ids
    max_concurrency = "1"
  }
}
HCL
fi

# dev_overrides points the CLI at the provider just built, so no registry is
# asked for it; init is not needed (and not run) with dev_overrides. The key
# has no hostname: each CLI completes it with its own default registry
# (registry.terraform.io for terraform, registry.opentofu.org for tofu), as it
# does the configuration's source "cloudcmd/cloudcmd". A key naming one
# registry would not match under the other CLI.
cat >"${work}/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "cloudcmd/cloudcmd" = "${work}/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="${work}/terraformrc"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
export TF_INPUT=0
unset TF_DATA_DIR TF_WORKSPACE TF_PLUGIN_CACHE_DIR

vars=(
	-var "tencentcloud_endpoint=${fake_url}"
	-var "tencentcloud_secret_id=${tencent_secret_id}"
	-var "tencentcloud_secret_key=${tencent_secret_key}"
	-var "alicloud_endpoint=${fake_url}"
	-var "alicloud_access_key=${alicloud_access_key}"
	-var "alicloud_secret_key=${alicloud_secret_key}"
)

color=()
[[ -t 1 ]] || color=(-no-color)

tf() {
	local cmd=$1
	shift
	log "${cli_name} ${cmd}"
	"${terraform_bin}" -chdir="${work}/demo" "${cmd}" "${color[@]}" "$@"
}

tf apply -auto-approve "${vars[@]}"
tf output
# Right after an apply, a plan must find nothing to change: anything else
# would be a resource that does not read back what it wrote.
# -detailed-exitcode: 0 no changes, 1 error, 2 changes.
replan=0
tf plan -detailed-exitcode "${vars[@]}" >"${work}/replan.out" || replan=$?
case "${replan}" in
0) log "the plan after apply is clean: no changes" ;;
2)
	cat "${work}/replan.out" >&2
	die "the plan after apply wants changes (shown above); every resource must read back what it applied."
	;;
*)
	cat "${work}/replan.out" >&2
	die "${cli_name} plan failed (exit ${replan})."
	;;
esac
if ((with_action)); then
	# Terraform prints the action's progress as "Action action.TYPE.NAME: ..."
	# lines: each wave's status, then one line per instance.
	tf apply -auto-approve -invoke=action.cloudcmd_tat_run_command.uptime "${vars[@]}"
fi
tf destroy -auto-approve "${vars[@]}"

log "demo finished"
