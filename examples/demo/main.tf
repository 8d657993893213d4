# A self-contained demo of the cloudcmd provider. `make demo` runs it against
# the bundled fake endpoint (cloudcmd-fake); pointed at the real APIs (leave
# the endpoint variables unset and use real credentials) it creates the same
# objects in your accounts.

terraform {
  required_version = ">= 1.0"

  required_providers {
    cloudcmd = {
      source = "cloudcmd/cloudcmd"
    }
  }
}

provider "cloudcmd" {
  tencentcloud {
    secret_id  = var.tencentcloud_secret_id
    secret_key = var.tencentcloud_secret_key
    region     = var.tencentcloud_region
    endpoint   = var.tencentcloud_endpoint
  }

  alicloud {
    access_key = var.alicloud_access_key
    secret_key = var.alicloud_secret_key
    region     = var.alicloud_region
    endpoint   = var.alicloud_endpoint
  }
}

# Tencent Cloud TAT: a reusable command with a parameter.
resource "cloudcmd_tat_command" "hello" {
  name         = "${var.name_prefix}-hello"
  description  = "Greets from the instance it runs on."
  command_type = "SHELL"
  content      = <<-EOT
    #!/bin/bash
    echo "Hello, {{who}}!"
    echo "Running on:"
    hostname
  EOT

  working_directory = "/tmp"
  timeout           = 60
  username          = "root"

  enable_parameter   = true
  default_parameters = { who = "world" }

  tags = local.tags
}

# Alibaba Cloud ECS Cloud Assistant: the same command on the other vendor.
resource "cloudcmd_ecs_command" "hello" {
  name            = "${var.name_prefix}-hello"
  description     = "Greets from the instance it runs on."
  type            = "RunShellScript"
  command_content = <<-EOT
    #!/bin/bash
    echo "Hello, {{who}}, from $(hostname)"
  EOT

  working_dir      = "/tmp"
  timeout          = 60
  enable_parameter = true

  tags = local.tags
}

locals {
  tags = {
    app = var.name_prefix
  }
}

# Run the TAT command on the instances, wait for it, and keep each instance's
# exit code and output in state. A change of the greeting runs it again.
resource "cloudcmd_tat_invocation" "hello" {
  command_id   = cloudcmd_tat_command.hello.id
  instance_ids = var.tencentcloud_instance_ids
  parameters   = { who = var.greeting }

  triggers = {
    greeting = var.greeting
  }
}

# Alibaba Cloud: create a script and run it in one call (RunCommand), wait for
# it, and keep each instance's output. The fake treats any well-formed
# instance ID as a running instance with an online agent.
resource "cloudcmd_ecs_run_command" "hello" {
  name             = "${var.name_prefix}-run"
  type             = "RunShellScript"
  command_content  = <<-EOT
    echo "Hello, {{who}}, from Cloud Assistant!"
    echo "Running on:"
    hostname
  EOT
  enable_parameter = true
  parameters       = { who = var.greeting }
  instance_ids     = var.alicloud_instance_ids

  triggers = {
    greeting = var.greeting
  }
}
