package ecs

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewCommandResource is the cloudcmd_ecs_command resource.
func NewCommandResource() resource.Resource { return nil }
