# Configure only the vendor you use; credentials can also come from the
# environment (TENCENTCLOUD_SECRET_ID, ALICLOUD_ACCESS_KEY, ...).
provider "cloudcmd" {
  tencentcloud {
    region = "ap-guangzhou"
  }

  alicloud {
    region      = "cn-hangzhou"
    max_retries = 5 # retries of one throttled or failed call; default 25
  }
}
