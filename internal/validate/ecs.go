package validate

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ecsInstanceIDPattern is the form of an ECS instance ID, such as
// i-bp185dy2o3o6neg3abcd: i- and lowercase letters or digits.
var ecsInstanceIDPattern = regexp.MustCompile(`^i-[a-z0-9]+$`)

// ecsContainerIDPattern is a container ID as Cloud Assistant takes it: 64
// hexadecimal digits, optionally naming the runtime.
var ecsContainerIDPattern = regexp.MustCompile(`^(docker://|containerd://|cri-o://)?[0-9a-f]{64}$`)

// ECSInstanceIDs checks a set of ECS instance IDs: between 1 and maxIDs, each
// well formed.
func ECSInstanceIDs(maxIDs int) []validator.Set {
	return []validator.Set{
		setvalidator.SizeBetween(1, maxIDs),
		setvalidator.ValueStringsAre(stringvalidator.RegexMatches(ecsInstanceIDPattern,
			"must be an ECS instance ID: i- followed by lowercase letters or digits")),
	}
}

// ECSContainerID checks a container ID for Cloud Assistant.
func ECSContainerID() validator.String {
	return stringvalidator.RegexMatches(ecsContainerIDPattern,
		"must be 64 lowercase hexadecimal digits, optionally prefixed by docker://, containerd:// or cri-o://")
}
