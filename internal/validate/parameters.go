package validate

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// parameterKeyPattern is the character set both vendors allow in custom
// parameter names.
var parameterKeyPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// ParameterMap checks a map of custom parameters: at most maxEntries
// entries, each key 1 to 64 characters of letters, digits, "_" and "-".
func ParameterMap(maxEntries int) []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(maxEntries),
		mapvalidator.KeysAre(
			stringvalidator.LengthBetween(1, 64),
			stringvalidator.RegexMatches(parameterKeyPattern, "must contain only letters, digits, underscores (_) and hyphens (-)"),
		),
	}
}
