# An invoker is imported by its ID.
terraform import cloudcmd_tat_invoker.nightly_maintenance ivk-n0t6rxtv
