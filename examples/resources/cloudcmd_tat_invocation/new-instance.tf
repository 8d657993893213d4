# Run a bootstrap script on every new instance: the invocation is keyed by
# instance, so adding an instance runs the script there only, and replacing
# an instance runs it on the replacement.
variable "instance_ids" {
  type = set(string)
}

resource "cloudcmd_tat_command" "bootstrap" {
  name    = "bootstrap"
  content = file("${path.module}/bootstrap.sh")
}

resource "cloudcmd_tat_invocation" "bootstrap" {
  for_each = var.instance_ids

  command_id   = cloudcmd_tat_command.bootstrap.id
  instance_ids = [each.key]

  # Editing the script runs it again everywhere.
  triggers = {
    script = sha256(cloudcmd_tat_command.bootstrap.content)
  }
}
