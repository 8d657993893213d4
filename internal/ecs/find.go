package ecs

import (
	"context"
	"errors"
	"fmt"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// errNotFound marks an object that the API says does not exist.
var errNotFound = errors.New("not found")

// findCommand returns the command with this ID in this region, with its
// content base64-encoded, or an error wrapping errNotFound. The API answers
// an unknown ID with an empty list; InvalidCmdId.NotFound is handled too, as
// the other Cloud Assistant actions report an unknown command that way.
func findCommand(ctx context.Context, client *conns.ECSClient, regionID, id string) (*ecs.DescribeCommandsResponseBodyCommandsCommand, error) {
	resp, err := client.DescribeCommands(ctx, &ecs.DescribeCommandsRequest{
		RegionId:        &regionID,
		CommandId:       &id,
		ContentEncoding: stringPtr(contentEncodingBase64),
	})
	if err != nil {
		if conns.IsCode(err, "InvalidCmdId.NotFound") {
			return nil, fmt.Errorf("ECS command %s in %s: %w", id, regionID, errNotFound)
		}
		return nil, err
	}
	if resp != nil && resp.Body != nil && resp.Body.Commands != nil {
		for _, c := range resp.Body.Commands.Command {
			if c != nil && c.CommandId != nil && *c.CommandId == id {
				return c, nil
			}
		}
	}
	return nil, fmt.Errorf("ECS command %s in %s: %w", id, regionID, errNotFound)
}
