# The TAT invokers that run one command, whole, so that
#   terraform query -generate-config-out=generated.tf
# writes their configuration.
list "cloudcmd_tat_invoker" "backups" {
  provider         = cloudcmd
  include_resource = true

  config {
    command_id = "cmd-6gfk2ug3"
  }
}

# The invoker named nightly-backup.
list "cloudcmd_tat_invoker" "nightly" {
  provider = cloudcmd

  config {
    name = "nightly-backup"
  }
}
