package validate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/validate"
)

// The fuzz targets feed the validators whatever a user could type into a
// configuration. Each must return (no panic, no hang) and report problems as
// attribute errors, since a diagnostic without the attribute leaves the user
// searching the whole configuration. `go test` runs the seeds below on every
// test run; `make fuzz` explores further.

// stringValidators are every string validator the schemas use, by the
// attribute they guard in the fuzz runs.
var stringValidators = map[string]validator.String{
	"output_cos_bucket_url": validate.COSBucketURL(),
	"output_cos_key_prefix": validate.COSKeyPrefix(),
	"frequency":             validate.ECSFrequency(),
	"container_id":          validate.ECSContainerID(),
	"command_id":            validate.TATCommandID(),
	"region_id":             validate.AlibabaRegionID(),
	"command_content":       validate.Base64LengthAtMost(64),
	"recurrence":            validate.TATCron(),
	"invoke_time":           validate.RFC3339WithOffset(),
	"invoker_id":            validate.TATInvokerID(),
}

func FuzzStringValidators(f *testing.F) {
	for _, seed := range []string{
		"", " ", "cmd-abcdefgh", "cmd-ABCDEFGH", "cn-hangzhou",
		"https://logs-1250000000.cos.ap-guangzhou.myqcloud.com", "https://-1.cos..myqcloud.com/",
		"a/b/c", "/a", "a//b", "../x", strings.Repeat("é", 61),
		"rate(5m)", "rate(0s)", "rate(99999999999999999999d)", "at(2026-01-02T03:04:05Z)", "at(2026-02-30T25:61:61+99:99)",
		"0 */5 * * * ?", "0 0 12 ? * MON-FRI 2026 Asia/Shanghai", "* * * * * * * * *", "0 0 0 L W ? #", "0 0 0 ? * 8#9",
		"0 3 * * *", "*/5 * * * 1-5", "0 0 31 2 *", "TZ=", "CRON_TZ=Asia/Shanghai 0 3 * * *", "@daily", "0 0 * * 7",
		"2026-11-23T03:00:00+08:00", "2026-11-23T03:00:00Z", "2026-11-23 03:00:00", "2026-13-45T99:99:99+25:00", "ivk-abcdefgh",
		"docker://" + strings.Repeat("a", 64), "cri-o://", "\x00\xff\xfe", "日本語テキスト",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		for attribute, v := range stringValidators {
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{
				Path:        path.Root(attribute),
				ConfigValue: types.StringValue(input),
			}, resp)
			requireAttributeErrors(t, attribute, resp.Diagnostics)
		}
	})
}

// FuzzMapValidators reads its input as lines of key=value pairs.
func FuzzMapValidators(f *testing.F) {
	for _, seed := range []string{
		"", "a=b", "=v", "key-1=x\nkey_2=y", "aliyun=v", "acs:x=y", "k=https://x", "HTTP://k=v",
		strings.Repeat("k", 65) + "=v", "é=é", "a=b\na=c", "\x00=\xff",
	} {
		f.Add(seed)
	}
	mapValidators := map[string][]validator.Map{
		"parameters": validate.ParameterMap(20),
		"tags":       validate.AlibabaTags(),
	}
	f.Fuzz(func(t *testing.T, input string) {
		value := mapFromLines(t, input)
		for attribute, validators := range mapValidators {
			for _, v := range validators {
				resp := &validator.MapResponse{}
				v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root(attribute), ConfigValue: value}, resp)
				requireAttributeErrors(t, attribute, resp.Diagnostics)
			}
		}
	})
}

// FuzzSetValidators reads its input as one instance ID per line.
func FuzzSetValidators(f *testing.F) {
	for _, seed := range []string{
		"", "ins-abcdefgh", "ins-abcdefgh\nlhins-abcdefgh", "rins-8dz6cwxx\nins-abcdefgh", "i-bp185dy2o3o6neg3abcd", "mi-hz018jrc1o0abcd", "-\n-\n-", "ins-\nlhins-", "\xff",
	} {
		f.Add(seed)
	}
	setValidators := map[string][]validator.Set{
		"tat_instance_ids": validate.TATInstanceIDs(3),
		"ecs_instance_ids": validate.ECSInstanceIDs(3),
	}
	f.Fuzz(func(t *testing.T, input string) {
		value := setFromLines(t, input)
		for attribute, validators := range setValidators {
			for _, v := range validators {
				resp := &validator.SetResponse{}
				v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root(attribute), ConfigValue: value}, resp)
				requireAttributeErrors(t, attribute, resp.Diagnostics)
			}
		}
	})
}

// requireAttributeErrors fails unless every diagnostic is an error pointing
// at attribute (or inside it) with a summary and a detail to read.
func requireAttributeErrors(t *testing.T, attribute string, diags diag.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		if d.Severity() != diag.SeverityError {
			t.Errorf("%s: diagnostic is not an error: %v", attribute, d)
		}
		if d.Summary() == "" || d.Detail() == "" {
			t.Errorf("%s: diagnostic without summary or detail: %#v", attribute, d)
		}
		withPath, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			t.Errorf("%s: diagnostic does not name the attribute: %v", attribute, d)
			continue
		}
		if !strings.HasPrefix(withPath.Path().String(), attribute) {
			t.Errorf("%s: diagnostic points at %q", attribute, withPath.Path())
		}
	}
}

func mapFromLines(t *testing.T, input string) types.Map {
	t.Helper()
	elems := map[string]attr.Value{}
	for _, line := range strings.Split(input, "\n") {
		if line == "" {
			continue
		}
		key, value, _ := strings.Cut(line, "=")
		elems[key] = types.StringValue(value)
	}
	m, d := types.MapValue(types.StringType, elems)
	if d.HasError() {
		t.Fatalf("building the map: %v", d)
	}
	return m
}

func setFromLines(t *testing.T, input string) types.Set {
	t.Helper()
	seen := map[string]bool{}
	var elems []attr.Value
	for _, line := range strings.Split(input, "\n") {
		if seen[line] {
			continue // a set holds each value once, as Terraform would make it
		}
		seen[line] = true
		elems = append(elems, types.StringValue(line))
	}
	s, d := types.SetValue(types.StringType, elems)
	if d.HasError() {
		t.Fatalf("building the set: %v", d)
	}
	return s
}
