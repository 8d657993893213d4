package validate

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ecsInstanceIDPattern is the form of an instance ID Cloud Assistant takes:
// an ECS instance, such as i-bp185dy2o3o6neg3abcd, or a managed instance (a
// server outside Alibaba Cloud registered through an activation), which
// RunCommand, InvokeCommand and DescribeCloudAssistantStatus take in
// InstanceId.N as mi-...: i- or mi- and lowercase letters or digits.
var ecsInstanceIDPattern = regexp.MustCompile(`^m?i-[a-z0-9]+$`)

const ecsInstanceIDMessage = "must be an ECS instance ID (i- followed by lowercase letters or digits) " +
	"or a managed instance ID (mi- followed by lowercase letters or digits)"

// ecsContainerIDPattern is a container ID as Cloud Assistant takes it: 64
// hexadecimal digits, optionally naming the runtime.
var ecsContainerIDPattern = regexp.MustCompile(`^(docker://|containerd://|cri-o://)?[0-9a-f]{64}$`)

// ECSInstanceIDs checks a set of ECS or managed instance IDs: between 1 and
// maxIDs, each well formed. One request may mix the two kinds.
func ECSInstanceIDs(maxIDs int) []validator.Set {
	return []validator.Set{
		setvalidator.SizeBetween(1, maxIDs),
		setvalidator.ValueStringsAre(ECSInstanceID()),
	}
}

// ECSInstanceID checks one ECS or managed instance ID.
func ECSInstanceID() validator.String {
	return stringvalidator.RegexMatches(ecsInstanceIDPattern, ecsInstanceIDMessage)
}

// ECSContainerID checks a container ID for Cloud Assistant.
func ECSContainerID() validator.String {
	return stringvalidator.RegexMatches(ecsContainerIDPattern,
		"must be 64 lowercase hexadecimal digits, optionally prefixed by docker://, containerd:// or cri-o://")
}

// ecsCommandIDPattern is the form of an ECS Cloud Assistant command ID
// (InvokeCommand: CommandId): an account's own, such as c-hz0jdfwcsr1a2b3
// (c- and lowercase letters or digits), or a common command's, which
// DescribeCommands lists with Provider AlibabaCloud under IDs starting
// ACS-, such as ACS-ECS-ShowUptime-linux.sh.
var ecsCommandIDPattern = regexp.MustCompile(`^(c-[a-z0-9]+|ACS-[A-Za-z0-9._-]+)$`)

// ECSCommandID checks the form of an ECS command ID, an account's own or a
// common command's.
func ECSCommandID() validator.String {
	return stringvalidator.RegexMatches(ecsCommandIDPattern,
		"must be an ECS command ID: c- followed by lowercase letters or digits, or a common command's ID, ACS- followed by letters, digits, '.', '_' or '-'")
}
