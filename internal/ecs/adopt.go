package ecs

import (
	"context"
	"errors"
	"fmt"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/adopt"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/flex"
)

// ECS CreateCommand takes no ClientToken in the SDK this provider uses
// (ECS CreateCommand: ClientToken came with a later API version), so the
// client layer does not send it again after an ambiguous failure. Sending
// it again would leave the first command in the region, unknown to any
// configuration. Instead, the command the request made is looked for and
// adopted (package adopt); RunCommand and InvokeCommand carry a
// ClientToken and need no search.

// errNoCommandID is a CreateCommand that succeeded without a CommandId.
var errNoCommandID = errors.New("ECS CreateCommand returned no command ID")

// createCommandOrAdopt runs CreateCommand and returns the command's ID;
// after an ambiguous failure it adopts the command the request made, if
// any.
func createCommandOrAdopt(ctx context.Context, client *conns.ECSClient, in *ecs.CreateCommandRequest) (string, error) {
	name, region := flex.StringValue(in.Name), flex.StringValue(in.RegionId)
	id, _, err := adopt.Create(ctx, client, adopt.Creation{
		// Creates of one name in one region take turns: only they can
		// match each other's search.
		Key:    "command\x00" + region + "\x00" + name,
		Action: "CreateCommand", Made: "command",
		What: fmt.Sprintf("ECS CreateCommand %q in %s", name, region),
		Check: fmt.Sprintf("list the commands of that name (ECS DescribeCommands, Name = %s, in %s) and look for one created since then",
			name, region),
		Create: func(ctx context.Context) (string, error) {
			out, err := client.CreateCommand(ctx, in)
			if err != nil {
				return "", err
			}
			if out == nil || out.Body == nil || out.Body.CommandId == nil {
				return "", errNoCommandID
			}
			return *out.Body.CommandId, nil
		},
		Find: func(ctx context.Context, notBefore func() time.Time) ([]string, error) {
			return findCommandsLike(ctx, client, in, notBefore)
		},
	})
	return id, err
}

// findCommandsLike lists the account's commands that match in and were
// created at or after notBefore(). ECS lets commands share a name, so an
// older command of that name, or a newer one of other content, is
// someone else's.
func findCommandsLike(ctx context.Context, client *conns.ECSClient, in *ecs.CreateCommandRequest, notBefore func() time.Time) ([]string, error) {
	commands, err := listCommands(ctx, client, &ecs.DescribeCommandsRequest{
		RegionId: in.RegionId, Name: in.Name, ContentEncoding: flex.StringPtr(contentEncodingBase64),
	})
	if err != nil {
		return nil, err
	}
	since := notBefore()
	var found []string
	for _, c := range commands {
		created, err := time.Parse(time.RFC3339, flex.StringValue(c.CreationTime))
		if err == nil && !created.Before(since) && commandMatches(c, in) {
			found = append(found, flex.StringValue(c.CommandId))
		}
	}
	return found, nil
}

// commandMatches reports whether c is what in asks for: its name, kind and
// content (compared decoded), and each optional argument in sets.
func commandMatches(c *listedCommand, in *ecs.CreateCommandRequest) bool {
	sameIfSet := func(got, want *string) bool { return want == nil || flex.StringValue(got) == *want }
	return c.CommandId != nil &&
		flex.StringValue(c.Name) == flex.StringValue(in.Name) &&
		flex.StringValue(c.Type) == flex.StringValue(in.Type) &&
		flex.DecodeContent(c.CommandContent) == flex.DecodeContent(in.CommandContent) &&
		sameIfSet(c.Description, in.Description) &&
		sameIfSet(c.WorkingDir, in.WorkingDir) &&
		(in.Timeout == nil || int64Value(c.Timeout) == *in.Timeout) &&
		(in.EnableParameter == nil || boolValue(c.EnableParameter) == *in.EnableParameter)
}
