package tencent

import (
	"encoding/base64"
	"regexp"
)

// Custom parameters in command content. With EnableParameter, TAT replaces
// {{name}} with the parameter's value, and {{tat-hidden:name}} too, but then
// masks the value in the invocation's record of its Parameters.
var placeholderPattern = regexp.MustCompile(`\{\{(tat-hidden:)?([a-zA-Z0-9_-]+)\}\}`)

// maskedValue stands for a hidden parameter's value in records.
const maskedValue = "******"

// placeholder is one {{...}} of a script.
type placeholder struct {
	name   string
	hidden bool
}

func placeholders(script string) []placeholder {
	var out []placeholder
	for _, m := range placeholderPattern.FindAllStringSubmatch(script, -1) {
		out = append(out, placeholder{name: m[2], hidden: m[1] != ""})
	}
	return out
}

// decodeContent returns a command's script. Content is Base64 when made
// through the API; a command edited through the Go API may hold plain text,
// which is taken as it is.
func decodeContent(content string) string {
	script, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return content
	}
	return string(script)
}

// sentParameters reads InvokeCommand's Parameters; "" counts as not sent.
func sentParameters(text *string) ([]ParameterConf, *apiError) {
	if text == nil || *text == "" {
		return nil, nil
	}
	return parseParameterObject("Parameters", *text)
}

// parameterValues resolves every parameter the script uses, from the values
// sent or else the command's defaults. A command without EnableParameter
// takes no parameters, and its {{...}} are left as they are.
func parameterValues(cmd *Command, script, sentText string, sent []ParameterConf) (map[string]string, *apiError) {
	if !cmd.EnableParameter {
		if sentText != "" {
			return nil, newError(codeParameterDisabled, "Command %s was created with EnableParameter false; it takes no Parameters.", cmd.ID)
		}
		return nil, nil
	}
	values := map[string]string{}
	for _, p := range cmd.DefaultParameterConfs {
		values[p.Name] = p.Value
	}
	for _, p := range sent {
		values[p.Name] = p.Value
	}
	for _, p := range placeholders(script) {
		if _, ok := values[p.name]; !ok {
			return nil, newError(codeLackOfParameterInfo, "The command uses parameter `%s`, which has no value in Parameters and no default.", p.name)
		}
	}
	return values, nil
}

// substitute replaces each placeholder that has a value.
func substitute(script string, values map[string]string) string {
	if len(values) == 0 {
		return script
	}
	return placeholderPattern.ReplaceAllStringFunc(script, func(m string) string {
		name := placeholderPattern.FindStringSubmatch(m)[2]
		if value, ok := values[name]; ok {
			return value
		}
		return m
	})
}

// recordedParameters is the Parameters text an invocation shows: the text
// sent, unless a value sent is used hidden, in which case the object is
// rewritten with that value masked.
func recordedParameters(script, sentText string, sent []ParameterConf) string {
	hidden := map[string]bool{}
	for _, p := range placeholders(script) {
		hidden[p.name] = hidden[p.name] || p.hidden
	}
	masked := false
	out := make([]ParameterConf, len(sent))
	for i, p := range sent {
		out[i] = p
		if hidden[p.Name] {
			out[i].Value, masked = maskedValue, true
		}
	}
	if !masked {
		return sentText
	}
	return parameterObjectText(out)
}
