module github.com/cloudcmd/terraform-provider-cloudcmd

go 1.26.8

require (
	github.com/alibabacloud-go/darabonba-openapi/v2 v2.1.13 // indirect
	github.com/alibabacloud-go/ecs-20140526/v4 v4.26.10 // indirect
	github.com/hashicorp/terraform-plugin-framework v1.19.0 // indirect
	github.com/hashicorp/terraform-plugin-framework-timeouts v0.7.0 // indirect
	github.com/hashicorp/terraform-plugin-framework-validators v0.19.0 // indirect
	github.com/hashicorp/terraform-plugin-testing v1.16.0 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common v1.3.209 // indirect
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat v1.3.107 // indirect
)
