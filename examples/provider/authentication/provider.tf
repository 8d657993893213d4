# Keys from a tccli profile, then a role assumed with them.
provider "cloudcmd" {
  tencentcloud {
    profile = "ci" # ~/.tccli/ci.credential; or TENCENTCLOUD_PROFILE
    region  = "ap-guangzhou"

    assume_role {
      role_arn         = "qcs::cam::uin/100000000001:roleName/terraform"
      session_name     = "terraform"
      session_duration = 3600
    }
  }

  # On an ECS instance with a RAM role attached, the role's keys.
  alicloud {
    ecs_role_name = "terraform"
    region        = "cn-hangzhou"
  }
}
