variable "name_prefix" {
  description = "Prefix for the names of the objects this demo creates."
  type        = string
  default     = "cloudcmd-demo"
}

# Tencent Cloud

variable "tencentcloud_secret_id" {
  description = "Tencent Cloud SecretId."
  type        = string
}

variable "tencentcloud_secret_key" {
  description = "Tencent Cloud SecretKey."
  type        = string
  sensitive   = true
}

variable "tencentcloud_region" {
  description = "Tencent Cloud region."
  type        = string
  default     = "ap-guangzhou"
}

variable "tencentcloud_endpoint" {
  description = "TAT API endpoint URL, such as the fake's http://127.0.0.1:8787; null for the real API."
  type        = string
  default     = null
}

variable "tencentcloud_instance_ids" {
  description = "CVM, Lighthouse or TAT managed instances to run commands on, all of one kind."
  type        = list(string)
  default     = ["ins-demo0001", "ins-demo0002"]
}

# Alibaba Cloud

variable "alicloud_access_key" {
  description = "Alibaba Cloud AccessKey ID."
  type        = string
}

variable "alicloud_secret_key" {
  description = "Alibaba Cloud AccessKey secret."
  type        = string
  sensitive   = true
}

variable "alicloud_region" {
  description = "Alibaba Cloud region."
  type        = string
  default     = "cn-hangzhou"
}

variable "alicloud_endpoint" {
  description = "ECS API endpoint URL, such as the fake's http://127.0.0.1:8787; null for the real API."
  type        = string
  default     = null
}

variable "alicloud_instance_ids" {
  description = "ECS instances to run commands on."
  type        = list(string)
  default     = ["i-demo0000000000000001", "i-demo0000000000000002"]
}

variable "greeting" {
  description = "Who the TAT command greets; changing it runs the command again."
  type        = string
  default     = "Terraform"
}
