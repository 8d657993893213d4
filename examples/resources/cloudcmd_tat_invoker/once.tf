# A one-off run at a chosen moment, such as a reboot in the maintenance
# window. The time must still be in the future when the invoker is created.
resource "cloudcmd_tat_command" "reboot" {
  name    = "reboot"
  content = "shutdown -r +1 'planned maintenance'"
}

resource "cloudcmd_tat_invoker" "reboot_in_window" {
  name         = "reboot-in-maintenance-window"
  command_id   = cloudcmd_tat_command.reboot.id
  instance_ids = ["ins-1a2b3c4d"]

  schedule_settings = {
    policy      = "ONCE"
    invoke_time = "2030-06-01T02:00:00+08:00"
  }
}
