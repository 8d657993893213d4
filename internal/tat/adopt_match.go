package tat

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// adoptPagesMax bounds the pages a search reads. Lists come newest first and
// the search stops at the first page that reaches back before the request,
// so only a flood of new objects could reach this bound.
const adoptPagesMax = 10

// errNoID is a create that succeeded without returning an ID.
var errNoID = errors.New("the API reported success but returned no ID")

// invokeOrAdopt runs InvokeCommand and returns the invocation's ID; after an
// ambiguous failure it adopts the invocation the request made, if any.
func invokeOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.InvokeCommandRequest) (id string, adopted bool, err error) {
	return createOrAdopt(ctx, client, creation[string]{
		key: invocationKey(in),
		create: func(ctx context.Context) (string, error) {
			out, err := client.InvokeCommand(ctx, in)
			if err != nil {
				return "", err
			}
			if out.Response == nil || out.Response.InvocationId == nil {
				return "", errNoID
			}
			return *out.Response.InvocationId, nil
		},
		id: func(id string) string { return id },
		find: func(ctx context.Context, notBefore func() time.Time) ([]candidate[string], error) {
			return findInvocationsLike(ctx, client, in, notBefore)
		},
	})
}

// invocationKey makes invocations of one command on one set of instances
// take turns: they are the ones whose searches could confuse each other.
func invocationKey(in *tat.InvokeCommandRequest) string {
	return "invocation\x00" + flex.StringValue(in.CommandId) + "\x00" + strings.Join(sortedValues(in.InstanceIds), ",")
}

// findInvocationsLike lists the invocations that match in and were created
// at or after notBefore(), newest first.
func findInvocationsLike(ctx context.Context, client *conns.TATClient, in *tat.InvokeCommandRequest, notBefore func() time.Time) ([]candidate[string], error) {
	var found []candidate[string]
	filter := []*tat.Filter{{Name: flex.StringPtr("command-id"), Values: []*string{in.CommandId}}}
	for page := range adoptPagesMax {
		offset := uint64(page * describePageSize)
		resp, err := client.DescribeInvocations(ctx, &tat.DescribeInvocationsRequest{Filters: filter, Limit: uint64Ptr(describePageSize), Offset: &offset})
		if err != nil {
			return nil, err
		}
		since := notBefore()
		reachedBack := false
		for _, inv := range resp.Response.InvocationSet {
			created, ok := parseAPITime(inv.CreatedTime)
			if ok && created.Before(since) {
				reachedBack = true
				continue
			}
			if ok && invocationMatches(inv, in) {
				found = append(found, candidate[string]{id: flex.StringValue(inv.InvocationId), obj: flex.StringValue(inv.InvocationId)})
			}
		}
		if reachedBack || len(resp.Response.InvocationSet) < describePageSize {
			break
		}
	}
	return found, nil
}

// invocationMatches reports whether inv is what in would have made: the
// same command, run by a user (not an invoker), on exactly the same
// instances with the same parameters, and with every optional setting the
// request made. Settings the request left out take the command's values,
// which any match shares.
func invocationMatches(inv *tat.Invocation, in *tat.InvokeCommandRequest) bool {
	if inv == nil || inv.InvocationId == nil || flex.StringValue(inv.InvocationSource) == "INVOKER" {
		return false
	}
	var instances []string
	for _, task := range inv.InvocationTaskBasicInfoSet {
		if task != nil {
			instances = append(instances, flex.StringValue(task.InstanceId))
		}
	}
	slices.Sort(instances)
	return flex.StringValue(inv.CommandId) == flex.StringValue(in.CommandId) &&
		slices.Equal(instances, sortedValues(in.InstanceIds)) &&
		sameParameters(inv.Parameters, in.Parameters) &&
		sameIfSet(in.Username, inv.Username) &&
		sameIfSet(in.WorkingDirectory, inv.WorkingDirectory) &&
		sameIfSet(in.OutputCOSBucketUrl, inv.OutputCOSBucketUrl) &&
		sameIfSet(in.OutputCOSKeyPrefix, inv.OutputCOSKeyPrefix) &&
		(in.Timeout == nil || uint64Value(inv.Timeout) == *in.Timeout)
}

// createCommandOrAdopt runs CreateCommand and returns the command's ID;
// after an ambiguous failure it adopts the command the request made, if any.
func createCommandOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.CreateCommandRequest) (id string, adopted bool, err error) {
	return createOrAdopt(ctx, client, creation[string]{
		// Command names are unique in a region: two creates of one name
		// cannot both succeed.
		key: "command\x00" + flex.StringValue(in.CommandName),
		create: func(ctx context.Context) (string, error) {
			out, err := client.CreateCommand(ctx, in)
			if err != nil {
				return "", err
			}
			if out.Response == nil || out.Response.CommandId == nil {
				return "", errNoID
			}
			return *out.Response.CommandId, nil
		},
		id: func(id string) string { return id },
		find: func(ctx context.Context, notBefore func() time.Time) ([]candidate[string], error) {
			return findCommandsLike(ctx, client, in, notBefore)
		},
	})
}

// findCommandsLike lists the commands with in's name and content created at
// or after notBefore(). The creation time matters: an older command of the
// same name is someone else's, and its name would have made our request
// fail.
func findCommandsLike(ctx context.Context, client *conns.TATClient, in *tat.CreateCommandRequest, notBefore func() time.Time) ([]candidate[string], error) {
	resp, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{
		Filters: []*tat.Filter{{Name: flex.StringPtr("command-name"), Values: []*string{in.CommandName}}},
		Limit:   uint64Ptr(describePageSize),
	})
	if err != nil {
		return nil, err
	}
	since := notBefore()
	var found []candidate[string]
	for _, cmd := range resp.Response.CommandSet {
		created, ok := parseAPITime(cmdCreatedTime(cmd))
		if ok && !created.Before(since) && commandMatches(cmd, in) {
			found = append(found, candidate[string]{id: flex.StringValue(cmd.CommandId), obj: flex.StringValue(cmd.CommandId)})
		}
	}
	return found, nil
}

func cmdCreatedTime(cmd *tat.Command) *string {
	if cmd == nil {
		return nil
	}
	return cmd.CreatedTime
}

// commandMatches reports whether cmd has the name and the content in asks
// for. Contents are compared decoded, so a different base64 padding or line
// wrapping does not hide a match.
func commandMatches(cmd *tat.Command, in *tat.CreateCommandRequest) bool {
	return cmd != nil && cmd.CommandId != nil &&
		flex.StringValue(cmd.CommandName) == flex.StringValue(in.CommandName) &&
		flex.DecodeContent(cmd.Content) == flex.DecodeContent(in.Content)
}

// sameParameters compares two JSON objects of parameters; absent, empty and
// {} are the same.
func sameParameters(a, b *string) bool {
	pa, okA := parseParameters(a)
	pb, okB := parseParameters(b)
	return okA && okB && reflect.DeepEqual(pa, pb)
}

func parseParameters(s *string) (map[string]any, bool) {
	params := map[string]any{}
	if s == nil || strings.TrimSpace(*s) == "" {
		return params, true
	}
	if err := json.Unmarshal([]byte(*s), &params); err != nil {
		return nil, false
	}
	return params, true
}

// sameIfSet is true when the request left a setting out, or the object has
// the value the request set.
func sameIfSet(requested, actual *string) bool {
	return requested == nil || flex.StringValue(actual) == *requested
}

func sortedValues(ps []*string) []string {
	values := make([]string, 0, len(ps))
	for _, p := range ps {
		values = append(values, flex.StringValue(p))
	}
	slices.Sort(values)
	return values
}

// parseAPITime reads a TAT timestamp (RFC 3339, such as
// 2021-01-02T03:04:05Z).
func parseAPITime(s *string) (time.Time, bool) {
	if s == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, *s)
	return t, err == nil
}
