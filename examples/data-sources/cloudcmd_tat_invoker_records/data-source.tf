# Every run of a nightly maintenance invoker, newest first.
data "cloudcmd_tat_invoker_records" "nightly" {
  invoker_ids = ["ivk-0f3hv2wa"]
}

output "failed_nights" {
  value = [
    for r in data.cloudcmd_tat_invoker_records.nightly.records : r.invoke_time
    if r.result != "SUCCESS"
  ]
}

# Each run is an invocation of the invoker's command: cloudcmd_invocations has
# every instance's output, and invocation_source = "INVOKER" for these runs.
data "cloudcmd_invocations" "maintenance_runs" {
  command_id     = "cmd-6gfk2ug3"
  include_output = true
}
