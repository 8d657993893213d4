# Every run of the nightly maintenance invoker, newest first.
data "cloudcmd_tat_invoker_records" "nightly" {
  invoker_ids = [cloudcmd_tat_invoker.nightly_maintenance.id]
}

output "failed_nights" {
  value = [
    for r in data.cloudcmd_tat_invoker_records.nightly.records : r.invoke_time
    if r.result != "SUCCESS"
  ]
}

# Each run is an invocation of the command: cloudcmd_invocations has every
# instance's output, and invocation_source = "INVOKER" for these runs.
data "cloudcmd_invocations" "maintenance_runs" {
  command_id     = cloudcmd_tat_command.maintenance.id
  include_output = true
}
