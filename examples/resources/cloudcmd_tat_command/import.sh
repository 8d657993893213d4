# A TAT command is imported by its ID.
terraform import cloudcmd_tat_command.disk_report cmd-6gfk2ug3
