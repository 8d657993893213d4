# Import the TAT command by its ID.
import {
  to = cloudcmd_tat_command.disk_report
  id = "cmd-6gfk2ug3"
}
