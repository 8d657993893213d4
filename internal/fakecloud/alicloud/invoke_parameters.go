package alicloud

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Limits of the Parameters of one RunCommand or InvokeCommand: the vendor
// documents 0 to 10 pairs, with keys of up to 64 characters.
const (
	maxInvokeParameters   = 10
	maxInvokeParameterKey = 64
)

// parameterCodes are the codes an action reports for parameters that do
// not fit the command, which differ between RunCommand and InvokeCommand.
type parameterCodes struct {
	notMatched   *apiError
	keyDuplicate *apiError
	// passwordMissed: a Windows command run as a user other than System
	// needs the name of that user's password.
	passwordMissed *apiError
}

var (
	runParameterCodes = parameterCodes{
		notMatched: errRunParameterNotMatched, keyDuplicate: errRunParameterKeyDuplicate,
		passwordMissed: errRunWindowsPasswordNameMissed,
	}
	invokeParameterCodes = parameterCodes{
		notMatched: errInvokeParameterNotMatched, keyDuplicate: errInvokeParameterKeyDuplicate,
		passwordMissed: errInvokeWindowsPasswordNameMissed,
	}
)

// invokeParameters reads Parameters and matches them with the command's
// placeholders. It returns the values by lower-case name and the text the
// invocation records.
func invokeParameters(p params, cmd *Command, codes parameterCodes) (map[string]string, string, error) {
	text := strings.TrimSpace(p.get("Parameters"))
	pairs, err := parseParameters(text, codes)
	if err != nil {
		return nil, "", err
	}
	if len(pairs) > 0 && !cmd.EnableParameter {
		return nil, "", errParameterDisabled
	}
	if text == "" {
		text = "{}"
	}
	if !cmd.EnableParameter {
		return map[string]string{}, text, nil
	}
	if usesParameterStore(cmd.Content) {
		// The fake has no Parameter Store, so no reference can resolve.
		return nil, "", errParameterStoreInvalid
	}
	values := map[string]string{}
	for _, pair := range pairs {
		if !hasParameterName(cmd.ParameterNames, pair.key) {
			return nil, "", codes.notMatched
		}
		values[strings.ToLower(pair.key)] = pair.value
	}
	for _, name := range cmd.ParameterNames {
		if _, ok := values[strings.ToLower(name)]; !ok {
			return nil, "", errParameterMissingValue
		}
	}
	return values, text, nil
}

type parameterPair struct {
	key   string
	value string
}

// parseParameters reads a JSON object of parameter values, keeping repeated
// keys so that they can be refused (a map would silently keep the last).
// Keys repeat without regard to case, as names match that way.
func parseParameters(text string, codes parameterCodes) ([]parameterPair, error) {
	if text == "" {
		return nil, nil
	}
	var raw json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil || !bytes.HasPrefix(raw, []byte("{")) {
		return nil, errParametersInvalid
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, errParametersInvalid
	}
	var pairs []parameterPair
	seen := map[string]bool{}
	for dec.More() {
		pair, err := nextParameter(dec)
		if err != nil {
			return nil, err
		}
		if err := checkParameterKey(pair.key, seen, codes); err != nil {
			return nil, err
		}
		pairs = append(pairs, pair)
	}
	if len(pairs) > maxInvokeParameters {
		return nil, errParameterCountExceedLimit
	}
	return pairs, nil
}

// nextParameter reads one key and its value, which must be a string, a
// number or a boolean.
func nextParameter(dec *json.Decoder) (parameterPair, error) {
	token, err := dec.Token()
	key, ok := token.(string)
	if err != nil || !ok {
		return parameterPair{}, errParametersInvalid
	}
	var value any
	if err := dec.Decode(&value); err != nil {
		return parameterPair{}, errParametersInvalid
	}
	switch v := value.(type) {
	case string:
		return parameterPair{key: key, value: v}, nil
	case json.Number:
		return parameterPair{key: key, value: v.String()}, nil
	case bool:
		if v {
			return parameterPair{key: key, value: "true"}, nil
		}
		return parameterPair{key: key, value: "false"}, nil
	}
	return parameterPair{}, errParameterTypeNotSupported
}

func checkParameterKey(key string, seen map[string]bool, codes parameterCodes) error {
	switch {
	case key == "":
		return errParametersInvalid
	case utf8.RuneCountInString(key) > maxInvokeParameterKey:
		return errParameterKeyExceedLimit
	case seen[strings.ToLower(key)]:
		return codes.keyDuplicate
	}
	seen[strings.ToLower(key)] = true
	return nil
}

func hasParameterName(names []string, key string) bool {
	for _, name := range names {
		if strings.EqualFold(name, key) {
			return true
		}
	}
	return false
}

// usesParameterStore reports whether content refers to Parameter Store
// ({{oos:name}} or {{oos-secret:name}}).
func usesParameterStore(content string) bool {
	for _, match := range placeholderPattern.FindAllStringSubmatch(content, -1) {
		name := strings.TrimSpace(match[1])
		if strings.HasPrefix(name, "oos:") || strings.HasPrefix(name, "oos-secret:") {
			return true
		}
	}
	return false
}
