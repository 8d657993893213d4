package tencent

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// Limits from the TAT API reference (CreateCommand, ModifyCommand,
// InvokeCommand, RunCommand: CommandName at most 60 bytes, Content at most
// 64 KB once Base64-encoded, Description at most 120 characters, Timeout 1
// to 86400, 60 by default, Username at most 256 characters...).
const (
	maxCommandNameBytes  = 60
	maxContentBytes      = 64 << 10 // of the Base64 text, as the API states it
	maxDescriptionChars  = 120
	minTimeout           = 1
	maxTimeout           = 86400
	defaultTimeout       = 60
	maxUsernameChars     = 256
	maxParameters        = 20
	maxParameterKeyChars = 64
	maxTags              = 10
	maxCOSKeyPrefixChars = 60
)

// Command types, and the defaults that depend on them.
const (
	commandTypeShell      = "SHELL"
	commandTypePowerShell = "POWERSHELL"
	commandTypeBat        = "BAT"

	linuxWorkingDirectory   = "/root"
	windowsWorkingDirectory = `C:\Program Files\qcloud\tat_agent\workdir`
	linuxUsername           = "root"
	windowsUsername         = "System"
)

var (
	commandIDPattern    = regexp.MustCompile(`^cmd-[a-z0-9]{8}$`)
	parameterKeyPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)
	// cosBucketURLPattern is https://<bucket>-<appid>.cos.<region>.myqcloud.com.
	// Bucket names are lowercase on COS, but TAT's own examples write
	// "BucketName-123454321", so letter case is not held against a client.
	cosBucketURLPattern = regexp.MustCompile(`^https://[a-zA-Z0-9-]+-[0-9]+\.cos\.[a-z0-9-]+\.myqcloud\.com/?$`)
	// windowsAbsolutePath is a path from a drive's root: C:\work, or C:/work,
	// which Windows reads the same way.
	windowsAbsolutePath = regexp.MustCompile(`^[A-Za-z]:[\\/]`)
)

func isWindowsType(commandType string) bool {
	return commandType == commandTypePowerShell || commandType == commandTypeBat
}

func defaultWorkingDirectory(commandType string) string {
	if isWindowsType(commandType) {
		return windowsWorkingDirectory
	}
	return linuxWorkingDirectory
}

func defaultUsername(commandType string) string {
	if isWindowsType(commandType) {
		return windowsUsername
	}
	return linuxUsername
}

// optional runs check on a parameter only when the client sent it.
func optional[T any](value *T, check func(T) *apiError) *apiError {
	if value == nil {
		return nil
	}
	return check(*value)
}

func validateCommandID(id string) *apiError {
	if !commandIDPattern.MatchString(id) {
		return newError(codeInvalidCommandID, "The CommandId `%s` is malformed; command IDs look like cmd-xxxxxxxx.", id)
	}
	return nil
}

// validateCommandName allows letters, digits, "_-." and Chinese characters,
// up to 60 bytes (so 20 Chinese characters).
func validateCommandName(name string) *apiError {
	if name == "" || len(name) > maxCommandNameBytes {
		return newError(codeInvalidCommandName, "CommandName must be 1 to %d bytes long, got %d.", maxCommandNameBytes, len(name))
	}
	for _, r := range name {
		if !commandNameRune(r) {
			return newError(codeInvalidCommandName, "CommandName may hold only letters, digits, Chinese characters and _-., not %q.", r)
		}
	}
	return nil
}

func commandNameRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r == '_' || r == '-' || r == '.':
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// validateWorkingDirectory rejects what no file system path holds, whatever
// the command type; workingDirectoryFor checks the path against the type
// once it is known.
func validateWorkingDirectory(dir string) *apiError {
	if strings.ContainsFunc(dir, unicode.IsControl) {
		return newError(codeInvalidWorkingDirectory, "WorkingDirectory must not contain control characters.")
	}
	return nil
}

// workingDirectoryFor checks a working directory for a command type. TAT
// takes only absolute paths of the system the type runs on, /... for SHELL
// and C:\... for POWERSHELL and BAT, since a relative one would depend on
// where the agent happens to run. "" stands for the default and passes.
// Whether the directory exists is for the agent to find out.
func workingDirectoryFor(commandType string) func(string) *apiError {
	return func(dir string) *apiError {
		if dir == "" {
			return nil
		}
		if err := validateWorkingDirectory(dir); err != nil {
			return err
		}
		if isWindowsType(commandType) {
			if !windowsAbsolutePath.MatchString(dir) {
				return newError(codeInvalidWorkingDirectory, "WorkingDirectory `%s` is not an absolute Windows path such as C:\\work, as %s commands need.", dir, commandType)
			}
			return nil
		}
		if !strings.HasPrefix(dir, "/") {
			return newError(codeInvalidWorkingDirectory, "WorkingDirectory `%s` is not an absolute path starting with /, as %s commands need.", dir, commandType)
		}
		return nil
	}
}

func validateContent(content string) *apiError {
	if content == "" {
		return newError(codeInvalidContent, "Content must not be empty.")
	}
	if len(content) > maxContentBytes {
		return newError(codeInvalidContent, "Content must be at most %d bytes of Base64, got %d.", maxContentBytes, len(content))
	}
	if _, err := base64.StdEncoding.Strict().DecodeString(content); err != nil {
		return newError(codeInvalidContent, "Content must be Base64-encoded: %v.", err)
	}
	return nil
}

func validateDescription(description string) *apiError {
	if n := utf8.RuneCountInString(description); n > maxDescriptionChars {
		return newError(codeTooLong, "Description must be at most %d characters, got %d.", maxDescriptionChars, n)
	}
	return nil
}

func validateCommandType(commandType string) *apiError {
	switch commandType {
	case commandTypeShell, commandTypePowerShell, commandTypeBat:
		return nil
	}
	return newError(codeInvalidParameterValue, "CommandType must be one of SHELL, POWERSHELL, BAT, got `%s`.", commandType)
}

func validateTimeout(timeout uint64) *apiError {
	if timeout < minTimeout || timeout > maxTimeout {
		return newError(codeRange, "Timeout must be in [%d, %d] seconds, got %d.", minTimeout, maxTimeout, timeout)
	}
	return nil
}

func validateUsername(username string) *apiError {
	if n := utf8.RuneCountInString(username); n > maxUsernameChars {
		return newError(codeInvalidUsername, "Username must be at most %d characters, got %d.", maxUsernameChars, n)
	}
	if strings.ContainsFunc(username, unicode.IsControl) {
		return newError(codeInvalidUsername, "Username must not contain control characters.")
	}
	return nil
}

// validateCOSBucketURL accepts "" as "no upload"; anything else must name a
// bucket endpoint over https.
func validateCOSBucketURL(url string) *apiError {
	if url == "" || cosBucketURLPattern.MatchString(url) {
		return nil
	}
	return newError(codeInvalidCOSBucketURL, "OutputCOSBucketUrl must look like https://<BucketName>-<AppId>.cos.<Region>.myqcloud.com, got `%s`.", url)
}

// validateCOSKeyPrefix applies the directory rules: at most 60 visible
// characters, "/" separating directories, no leading "/", no empty
// directory ("//") and no ".." directory.
func validateCOSKeyPrefix(prefix string) *apiError {
	invalid := func(why string) *apiError {
		return newError(codeInvalidCOSKeyPrefix, "OutputCOSKeyPrefix `%s` is invalid: %s.", prefix, why)
	}
	switch {
	case utf8.RuneCountInString(prefix) > maxCOSKeyPrefixChars:
		return invalid("it is longer than 60 characters")
	case strings.ContainsFunc(prefix, func(r rune) bool { return !unicode.IsPrint(r) || unicode.IsSpace(r) }):
		return invalid("only visible characters are allowed")
	case strings.HasPrefix(prefix, "/"):
		return invalid("it must not start with /")
	case strings.Contains(prefix, "//"):
		return invalid("it must not contain consecutive /")
	}
	for dir := range strings.SplitSeq(prefix, "/") {
		if dir == ".." {
			return invalid(".. is not allowed as a directory name")
		}
	}
	return nil
}

func validateParameterKey(key string) *apiError {
	if utf8.RuneCountInString(key) > maxParameterKeyChars {
		return newError(codeParameterKeyLenExceeded, "Parameter name `%s` is longer than %d characters.", key, maxParameterKeyChars)
	}
	if !parameterKeyPattern.MatchString(key) {
		return newError(codeParameterKeyContainsInvalidChar, "Parameter name `%s` may hold only [a-zA-Z0-9_-].", key)
	}
	return nil
}

// parseParameterObject reads a JSON-encoded parameter object such as
// {"varA":"222"}: string keys to string values, keys unique. It returns the
// entries in the order written.
func parseParameterObject(field, text string) ([]ParameterConf, *apiError) {
	notJSON := newError(codeParameterInvalidJSONFormat, "%s must be a JSON object of strings, such as {\"name\":\"value\"}.", field)
	if !json.Valid([]byte(text)) {
		return nil, notJSON
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if open, _ := dec.Token(); open != json.Delim('{') {
		return nil, notJSON
	}
	var entries []ParameterConf
	seen := map[string]bool{}
	for dec.More() {
		keyToken, _ := dec.Token()
		key, _ := keyToken.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, notJSON
		}
		var value string
		if err := json.Unmarshal(raw, &value); err != nil {
			return nil, newError(codeParameterValueNotString, "%s: the value of `%s` must be a string, got %s.", field, key, raw)
		}
		if err := validateParameterKey(key); err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, newError(codeParameterKeyDuplicated, "%s names parameter `%s` more than once.", field, key)
		}
		seen[key] = true
		entries = append(entries, ParameterConf{Name: key, Value: value})
	}
	if len(entries) > maxParameters {
		return nil, newError(codeParameterNumberExceeded, "%s holds %d parameters; at most %d are allowed.", field, len(entries), maxParameters)
	}
	return entries, nil
}

// parameterConfs checks DefaultParameterConfs: named like parameter keys,
// unique, at most 20.
func parameterConfs(confs []*tat.DefaultParameterConf) ([]ParameterConf, *apiError) {
	if len(confs) > maxParameters {
		return nil, newError(codeParameterNumberExceeded, "DefaultParameterConfs holds %d parameters; at most %d are allowed.", len(confs), maxParameters)
	}
	out := make([]ParameterConf, 0, len(confs))
	seen := map[string]bool{}
	for i, conf := range confs {
		if conf == nil || conf.ParameterName == nil {
			return nil, missingParameter(fieldIndex("DefaultParameterConfs", i, "ParameterName"))
		}
		name := *conf.ParameterName
		if err := validateParameterKey(name); err != nil {
			return nil, err
		}
		if seen[name] {
			return nil, newError(codeParameterKeyDuplicated, "DefaultParameterConfs names parameter `%s` more than once.", name)
		}
		seen[name] = true
		out = append(out, ParameterConf{Name: name, Value: deref(conf.ParameterValue), Description: deref(conf.ParameterDescription)})
	}
	return out, nil
}

// parameterObjectText renders parameters as the JSON object text TAT returns
// in DefaultParameters, keeping their order.
func parameterObjectText(params []ParameterConf) string {
	if len(params) == 0 {
		return ""
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range params {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(p.Name)
		value, _ := json.Marshal(p.Value)
		b.Write(key)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.String()
}

// tags checks a request's Tags: at most 10, each with a non-empty Key and a
// Value, keys unique.
func tags(in []*tat.Tag) ([]Tag, *apiError) {
	if len(in) > maxTags {
		return nil, newError(codeValueLimitExceeded, "Tags holds %d tags; at most %d are allowed.", len(in), maxTags)
	}
	out := make([]Tag, 0, len(in))
	seen := map[string]bool{}
	for i, tag := range in {
		switch {
		case tag == nil || tag.Key == nil:
			return nil, missingParameter(fieldIndex("Tags", i, "Key"))
		case tag.Value == nil:
			return nil, missingParameter(fieldIndex("Tags", i, "Value"))
		case *tag.Key == "":
			return nil, newError(codeInvalidParameterValue, "Tags.%d.Key must not be empty.", i)
		case seen[*tag.Key]:
			return nil, newError(codeInvalidParameterValue, "Tags names key `%s` more than once.", *tag.Key)
		}
		// TAT binds the tags through the Tag service, whose refusal it
		// reports as a failed tag operation.
		if err := firstError(checkTagKey(*tag.Key), checkTagValue(*tag.Value)); err != nil {
			return nil, newError(codeTagOperationFailed, "Binding tag `%s` failed: %s (%s)", *tag.Key, err.Message, err.Code)
		}
		seen[*tag.Key] = true
		out = append(out, Tag{Key: *tag.Key, Value: *tag.Value})
	}
	return out, nil
}

// fieldIndex names an element's field the way TAT's messages do: Tags.0.Key.
func fieldIndex(list string, index int, field string) string {
	return list + "." + strconv.Itoa(index) + "." + field
}

func deref(s *string) string { return valueOr(s, "") }

// valueOr returns a sent parameter's value, or fallback when it was not sent.
func valueOr[T any](value *T, fallback T) T {
	if value == nil {
		return fallback
	}
	return *value
}

// nonEmptyOr treats an empty string like an absent one.
func nonEmptyOr(value *string, fallback string) string {
	if value == nil || *value == "" {
		return fallback
	}
	return *value
}

// setIfSent overwrites dst with a parameter that was sent.
func setIfSent[T any](dst *T, value *T) {
	if value != nil {
		*dst = *value
	}
}
