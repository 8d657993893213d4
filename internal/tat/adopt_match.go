package tat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/adopt"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// TAT's creates (CreateCommand, InvokeCommand, RunCommand, CreateInvoker)
// take no idempotency token: each goes through adopt.Create, which after
// an ambiguous failure looks for what the request made with the search
// below, and adopts it rather than send the request again.

// adoptPagesMax bounds the pages a search reads. Lists come newest first and
// the search stops at the first page that reaches back before the request,
// so only a flood of new objects could reach this bound.
const adoptPagesMax = 10

// codeCommandNameDuplicated is TAT CreateCommand's refusal of a name that
// another command of the region has.
const codeCommandNameDuplicated = "InvalidParameterValue.CommandNameDuplicated"

// errNoID is a create that succeeded without returning an ID.
var errNoID = errors.New("the API reported success but returned no ID")

// idIn is the ID in a create's answer, as idOf reads it, or errNoID when
// the answer holds none.
func idIn[R any](response *R, idOf func(*R) *string) (string, error) {
	if response == nil {
		return "", errNoID
	}
	if id := idOf(response); id != nil {
		return *id, nil
	}
	return "", errNoID
}

// invokeOrAdopt runs InvokeCommand and returns the invocation's ID; after an
// ambiguous failure it adopts the invocation the request made, if any.
func invokeOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.InvokeCommandRequest) (id string, adopted bool, err error) {
	instances := strings.Join(sortedValues(in.InstanceIds), ", ")
	return adopt.Create(ctx, client, adopt.Creation{
		Key:    invocationKey(in),
		Action: "InvokeCommand", Made: "invocation",
		What: fmt.Sprintf("TAT InvokeCommand of %s on %s", flex.StringValue(in.CommandId), instances),
		Check: fmt.Sprintf("list the invocations of that command (TAT DescribeInvocations, filter command-id = %s) and look for one on %s created since then",
			flex.StringValue(in.CommandId), instances),
		Create: func(ctx context.Context) (string, error) {
			out, err := client.InvokeCommand(ctx, in)
			if err != nil {
				return "", err
			}
			return idIn(out.Response, func(r *tat.InvokeCommandResponseParams) *string { return r.InvocationId })
		},
		Find: func(ctx context.Context, notBefore func() time.Time) ([]string, error) {
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
func findInvocationsLike(ctx context.Context, client *conns.TATClient, in *tat.InvokeCommandRequest, notBefore func() time.Time) ([]string, error) {
	query := &tat.DescribeInvocationsRequest{Filters: []*tat.Filter{filterOf("command-id", flex.StringValue(in.CommandId))}}
	return newestMatches(notBefore, listing[tat.Invocation]{
		page:    invocationsPage(ctx, client, query),
		created: func(inv *tat.Invocation) *string { return inv.CreatedTime },
		matches: func(inv *tat.Invocation) bool { return invocationMatches(inv, in) },
		id:      func(inv *tat.Invocation) string { return flex.StringValue(inv.InvocationId) },
	})
}

// listing is a Describe action read page by page, newest first (the page
// functions of the data sources and list resources), and how to judge what
// it lists.
type listing[T any] struct {
	page    func(offset, limit uint64) ([]*T, *uint64, error)
	created func(*T) *string
	matches func(*T) bool
	id      func(*T) string
}

// newestMatches collects the listed objects that match and were created at
// or after notBefore(). notBefore is read after each page, as the first
// answer is what tells the service's clock. Objects without a creation
// time are passed over: whether they are new cannot be told.
func newestMatches[T any](notBefore func() time.Time, l listing[T]) ([]string, error) {
	var found []string
	for page := range adoptPagesMax {
		items, _, err := l.page(uint64(page*describePageSize), describePageSize)
		if err != nil {
			return nil, err
		}
		since := notBefore()
		reachedBack := false
		for _, item := range flex.NonNil(items) {
			created, ok := parseAPITime(l.created(item))
			if ok && created.Before(since) {
				reachedBack = true
				continue
			}
			if ok && l.matches(item) {
				id := l.id(item)
				found = append(found, id)
			}
		}
		if reachedBack || len(items) < describePageSize {
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
	return flex.StringValue(inv.CommandId) == flex.StringValue(in.CommandId) &&
		slices.Equal(taskInstances(inv), sortedValues(in.InstanceIds)) &&
		sameParameters(inv.Parameters, in.Parameters) &&
		sameIfSet(in.Username, inv.Username) &&
		sameIfSet(in.WorkingDirectory, inv.WorkingDirectory) &&
		sameIfSet(in.OutputCOSBucketUrl, inv.OutputCOSBucketUrl) &&
		sameIfSet(in.OutputCOSKeyPrefix, inv.OutputCOSKeyPrefix) &&
		(in.Timeout == nil || uint64Value(inv.Timeout) == *in.Timeout)
}

// runOrAdopt runs RunCommand and returns the invocation's ID, with the ID
// of the command it made when the answer says; after an ambiguous failure
// it adopts the invocation the request made, if any, and the command ID is
// left for the invocation's record to tell.
func runOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.RunCommandRequest) (invocationID, commandID string, adopted bool, err error) {
	instances := strings.Join(sortedValues(in.InstanceIds), ", ")
	invocationID, adopted, err = adopt.Create(ctx, client, adopt.Creation{
		Key:    runKey(in),
		Action: "RunCommand", Made: "invocation",
		What: "TAT RunCommand on " + instances,
		Check: "list the invocations of commands users made (TAT DescribeInvocations, filter command-created-by = USER) and look for one on " +
			instances + " created since then that runs this script",
		Create: func(ctx context.Context) (string, error) {
			out, err := client.RunCommand(ctx, in)
			if err != nil {
				return "", err
			}
			if out.Response != nil {
				commandID = flex.StringValue(out.Response.CommandId)
				if commandID != "" && in.SaveCommand != nil && *in.SaveCommand {
					// The saved command is this run's: a CreateCommand of its
					// name looking for what it made passes it over.
					client.Guard().Claim(commandID)
				}
			}
			return idIn(out.Response, func(r *tat.RunCommandResponseParams) *string { return r.InvocationId })
		},
		Find: func(ctx context.Context, notBefore func() time.Time) ([]string, error) {
			return findRunsLike(ctx, client, in, notBefore)
		},
	})
	return invocationID, commandID, adopted, err
}

// runKey makes runs of one script on one set of instances take turns:
// they are the ones whose searches could confuse each other.
func runKey(in *tat.RunCommandRequest) string {
	script := sha256.Sum256([]byte(flex.DecodeContent(in.Content)))
	return "run\x00" + hex.EncodeToString(script[:]) + "\x00" + strings.Join(sortedValues(in.InstanceIds), ",")
}

// findRunsLike lists the invocations that match in and were created at or
// after notBefore(), newest first. RunCommand's answer carries the only
// link to its command, so the search goes through the invocations of
// commands users made, compares what each ran with what in sent, and then
// passes over the runs of commands older than the request: those are
// InvokeCommand runs of a saved command that happens to hold the same
// script, which RunCommand, making its command anew, cannot have made.
func findRunsLike(ctx context.Context, client *conns.TATClient, in *tat.RunCommandRequest, notBefore func() time.Time) ([]string, error) {
	query := &tat.DescribeInvocationsRequest{Filters: []*tat.Filter{filterOf("command-created-by", "USER")}}
	commandOf := map[string]string{} // invocation ID → its command's ID
	found, err := newestMatches(notBefore, listing[tat.Invocation]{
		page:    invocationsPage(ctx, client, query),
		created: func(inv *tat.Invocation) *string { return inv.CreatedTime },
		matches: func(inv *tat.Invocation) bool {
			if !runMatches(inv, in) {
				return false
			}
			commandOf[flex.StringValue(inv.InvocationId)] = flex.StringValue(inv.CommandId)
			return true
		},
		id: func(inv *tat.Invocation) string { return flex.StringValue(inv.InvocationId) },
	})
	if err != nil || len(found) == 0 {
		return found, err
	}
	older, err := commandsOlderThan(ctx, client, commandOf, notBefore())
	if err != nil {
		return nil, err
	}
	var made []string
	for _, f := range found {
		if !older[commandOf[f]] {
			made = append(made, f)
		}
	}
	return made, nil
}

// commandsOlderThan tells which of the commands of these invocations exist
// and were created before since. A command that is not listed was not
// saved, so only RunCommand can have made it.
func commandsOlderThan(ctx context.Context, client *conns.TATClient, commandOf map[string]string, since time.Time) (map[string]bool, error) {
	var ids []*string
	seen := map[string]bool{}
	for _, id := range commandOf {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, flex.StringPtr(id))
		}
	}
	older := map[string]bool{}
	// TAT DescribeCommands: CommandIds at most 100 a call.
	for chunk := range slices.Chunk(ids, describePageSize) {
		resp, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{CommandIds: chunk, Limit: uint64Ptr(describePageSize)})
		if err != nil {
			return nil, err
		}
		if resp.Response == nil {
			continue
		}
		for _, cmd := range resp.Response.CommandSet {
			created, ok := parseAPITime(cmdCreatedTime(cmd))
			if ok && seen[flex.StringValue(cmd.CommandId)] && created.Before(since) {
				older[flex.StringValue(cmd.CommandId)] = true
			}
		}
	}
	return older, nil
}

// runMatches reports whether inv is what in would have made: a user's run
// of the same script (compared decoded, so padding or line wrapping does
// not hide a match) and script kind, on exactly the same instances with
// the same parameters, and with every optional setting the request made.
func runMatches(inv *tat.Invocation, in *tat.RunCommandRequest) bool {
	if inv == nil || inv.InvocationId == nil || flex.StringValue(inv.InvocationSource) == "INVOKER" {
		return false
	}
	return flex.DecodeContent(inv.CommandContent) == flex.DecodeContent(in.Content) &&
		sameIfSet(in.CommandType, inv.CommandType) &&
		slices.Equal(taskInstances(inv), sortedValues(in.InstanceIds)) &&
		sameParameters(inv.Parameters, in.Parameters) &&
		sameIfSet(in.CommandName, inv.CommandName) &&
		sameIfSet(in.Username, inv.Username) &&
		sameIfSet(in.WorkingDirectory, inv.WorkingDirectory) &&
		sameIfSet(in.OutputCOSBucketUrl, inv.OutputCOSBucketUrl) &&
		sameIfSet(in.OutputCOSKeyPrefix, inv.OutputCOSKeyPrefix) &&
		(in.Timeout == nil || uint64Value(inv.Timeout) == *in.Timeout)
}

// taskInstances lists, sorted, the instances an invocation runs on.
func taskInstances(inv *tat.Invocation) []string {
	var instances []string
	for _, task := range inv.InvocationTaskBasicInfoSet {
		if task != nil {
			instances = append(instances, flex.StringValue(task.InstanceId))
		}
	}
	slices.Sort(instances)
	return instances
}

// createInvokerOrAdopt runs CreateInvoker and returns the invoker's ID;
// after an ambiguous failure it adopts the invoker the request made, if any.
func createInvokerOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.CreateInvokerRequest) (id string, adopted bool, err error) {
	return adopt.Create(ctx, client, adopt.Creation{
		Key:    invokerKey(in),
		Action: "CreateInvoker", Made: "invoker",
		What: fmt.Sprintf("TAT CreateInvoker %q of %s", flex.StringValue(in.Name), flex.StringValue(in.CommandId)),
		Check: fmt.Sprintf("list the invokers of that command (TAT DescribeInvokers, filter command-id = %s) and look for one named %q created since then",
			flex.StringValue(in.CommandId), flex.StringValue(in.Name)),
		Create: func(ctx context.Context) (string, error) {
			out, err := client.CreateInvoker(ctx, in)
			if err != nil {
				return "", err
			}
			return idIn(out.Response, func(r *tat.CreateInvokerResponseParams) *string { return r.InvokerId })
		},
		Find: func(ctx context.Context, notBefore func() time.Time) ([]string, error) {
			return findInvokersLike(ctx, client, in, notBefore)
		},
	})
}

// invokerKey makes creates of invokers with one name, command and set of
// instances take turns: only they can match each other's search.
func invokerKey(in *tat.CreateInvokerRequest) string {
	return "invoker\x00" + flex.StringValue(in.CommandId) + "\x00" + flex.StringValue(in.Name) + "\x00" + strings.Join(sortedValues(in.InstanceIds), ",")
}

// findInvokersLike lists the invokers that match in and were created at or
// after notBefore(), newest first. Invoker names are not unique, so the
// search goes by command and compares everything the request set.
func findInvokersLike(ctx context.Context, client *conns.TATClient, in *tat.CreateInvokerRequest, notBefore func() time.Time) ([]string, error) {
	query := &tat.DescribeInvokersRequest{Filters: []*tat.Filter{filterOf("command-id", flex.StringValue(in.CommandId))}}
	return newestMatches(notBefore, listing[tat.Invoker]{
		page:    invokersPage(ctx, client, query),
		created: func(ivk *tat.Invoker) *string { return ivk.CreatedTime },
		matches: func(ivk *tat.Invoker) bool { return invokerMatches(ivk, in) },
		id:      func(ivk *tat.Invoker) string { return flex.StringValue(ivk.InvokerId) },
	})
}

// invokerMatches reports whether ivk is what in would have made: the same
// name, command, instances, parameters and schedule, and the username and
// type when the request set them (left out, they take values any match
// shares).
func invokerMatches(ivk *tat.Invoker, in *tat.CreateInvokerRequest) bool {
	if ivk == nil || ivk.InvokerId == nil {
		return false
	}
	return flex.StringValue(ivk.Name) == flex.StringValue(in.Name) &&
		flex.StringValue(ivk.CommandId) == flex.StringValue(in.CommandId) &&
		slices.Equal(sortedValues(ivk.InstanceIds), sortedValues(in.InstanceIds)) &&
		sameParameters(ivk.Parameters, in.Parameters) &&
		sameIfSet(in.Username, ivk.Username) &&
		sameIfSet(in.Type, ivk.Type) &&
		sameScheduleSettings(ivk.ScheduleSettings, in.ScheduleSettings)
}

// sameScheduleSettings compares a listed invoker's schedule with the one a
// request set. TAT reports a ONCE time in UTC, whatever offset the request
// used, so times are compared as instants; for a RECURRENCE invoker it
// reports the next run in InvokeTime, which the request never sets, so only
// the expression counts.
func sameScheduleSettings(actual, requested *tat.ScheduleSettings) bool {
	if requested == nil {
		return true
	}
	if actual == nil || flex.StringValue(actual.Policy) != flex.StringValue(requested.Policy) {
		return false
	}
	switch InvokerPolicy(flex.StringValue(requested.Policy)) {
	case InvokerPolicyRecurrence:
		return sameCron(actual.Recurrence, requested.Recurrence)
	case InvokerPolicyOnce:
		return sameAPIInstant(actual.InvokeTime, requested.InvokeTime)
	}
	return sameIfSet(requested.Recurrence, actual.Recurrence) && sameIfSet(requested.InvokeTime, actual.InvokeTime)
}

// sameCron compares cron expressions field by field, so that spacing the
// service may tidy does not hide a match.
func sameCron(a, b *string) bool {
	return slices.Equal(strings.Fields(flex.StringValue(a)), strings.Fields(flex.StringValue(b)))
}

// sameAPIInstant reports whether two RFC 3339 times are the same moment, or
// the same text when either is not a time.
func sameAPIInstant(a, b *string) bool {
	ta, okA := parseAPITime(a)
	tb, okB := parseAPITime(b)
	if okA && okB {
		return ta.Equal(tb)
	}
	return flex.StringValue(a) == flex.StringValue(b)
}

// createCommandOrAdopt runs CreateCommand and returns the command's ID;
// after an ambiguous failure it adopts the command the request made, if any.
func createCommandOrAdopt(ctx context.Context, client *conns.TATClient, in *tat.CreateCommandRequest) (id string, adopted bool, err error) {
	return adopt.Create(ctx, client, adopt.Creation{
		// Command names are unique in a region: two creates of one name
		// cannot both succeed.
		Key:    "command\x00" + flex.StringValue(in.CommandName),
		Action: "CreateCommand", Made: "command",
		What: fmt.Sprintf("TAT CreateCommand %q", flex.StringValue(in.CommandName)),
		Check: fmt.Sprintf("look for a command of that name (TAT DescribeCommands, filter command-name = %s) created since then",
			flex.StringValue(in.CommandName)),
		// A repeat of a create that did take effect is refused for the
		// name the first one took.
		Duplicate: func(err error) bool { return conns.IsCode(err, codeCommandNameDuplicated) },
		Create: func(ctx context.Context) (string, error) {
			out, err := client.CreateCommand(ctx, in)
			if err != nil {
				return "", err
			}
			return idIn(out.Response, func(r *tat.CreateCommandResponseParams) *string { return r.CommandId })
		},
		Find: func(ctx context.Context, notBefore func() time.Time) ([]string, error) {
			return findCommandsLike(ctx, client, in, notBefore)
		},
	})
}

// findCommandsLike lists the commands with in's name and content created at
// or after notBefore(). The creation time matters: an older command of the
// same name is someone else's, and its name would have made our request
// fail.
func findCommandsLike(ctx context.Context, client *conns.TATClient, in *tat.CreateCommandRequest, notBefore func() time.Time) ([]string, error) {
	resp, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{
		Filters: []*tat.Filter{{Name: flex.StringPtr("command-name"), Values: []*string{in.CommandName}}},
		Limit:   uint64Ptr(describePageSize),
	})
	if err != nil {
		return nil, err
	}
	since := notBefore()
	var found []string
	for _, cmd := range resp.Response.CommandSet {
		created, ok := parseAPITime(cmdCreatedTime(cmd))
		if ok && !created.Before(since) && commandMatches(cmd, in) {
			found = append(found, flex.StringValue(cmd.CommandId))
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
