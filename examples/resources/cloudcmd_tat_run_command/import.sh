# A run is imported by its invocation ID; its results come with it.
terraform import cloudcmd_tat_run_command.deploy inv-8xgjrytm
