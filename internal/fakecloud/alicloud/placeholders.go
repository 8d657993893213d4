package alicloud

import (
	"regexp"
	"strings"
)

// Custom parameter limits of a command (CreateCommand, EnableParameter=true).
const (
	maxParameterNames     = 20
	maxParameterNameBytes = 64
)

var (
	// placeholderPattern matches {{ … }}; spaces and line feeds around the
	// name are allowed and ignored.
	placeholderPattern = regexp.MustCompile(`(?s)\{\{(.*?)\}\}`)
	parameterName      = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
)

// builtinPrefixes mark placeholders the service fills in itself: ACS::
// built-ins such as {{ACS::InstanceId}}, and Parameter Store references
// such as {{oos:name}}. They are not custom parameters.
var builtinPrefixes = []string{"ACS::", "oos:", "oos-secret:"}

// parameterNames returns the distinct custom parameter names that content
// uses, in order of first use. Names match without regard to case, the way
// the service resolves them; the first spelling is kept.
func parameterNames(content string) ([]string, error) {
	names := []string{}
	seen := map[string]bool{}
	for _, match := range placeholderPattern.FindAllStringSubmatch(content, -1) {
		name := strings.TrimSpace(match[1])
		if isBuiltinPlaceholder(name) {
			continue
		}
		if err := checkParameterName(name); err != nil {
			return nil, err
		}
		key := strings.ToLower(name)
		if seen[key] {
			continue
		}
		seen[key] = true
		names = append(names, name)
	}
	if len(names) > maxParameterNames {
		return nil, errCmdParamCountExceedLimit
	}
	return names, nil
}

func isBuiltinPlaceholder(name string) bool {
	for _, prefix := range builtinPrefixes {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

func checkParameterName(name string) error {
	switch {
	case name == "":
		return errCmdParamEmptyKey
	case len(name) > maxParameterNameBytes:
		return errCmdParamNameExceedLimit
	case !parameterName.MatchString(name):
		return errCmdParamInvalidName
	}
	return nil
}
