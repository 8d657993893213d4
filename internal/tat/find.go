package tat

import (
	"context"
	"errors"
	"fmt"

	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

// errNotFound marks an object that the API says does not exist.
var errNotFound = errors.New("not found")

// findCommand returns the command with this ID, or an error wrapping
// errNotFound. TAT answers an unknown ID with an empty set, not an error.
func findCommand(ctx context.Context, client *conns.TATClient, id string) (*tat.Command, error) {
	resp, err := client.DescribeCommands(ctx, &tat.DescribeCommandsRequest{CommandIds: []*string{&id}})
	if err != nil {
		if conns.IsCode(err, "ResourceNotFound.CommandNotFound", "InvalidParameterValue.InvalidCommandId") {
			return nil, fmt.Errorf("TAT command %s: %w", id, errNotFound)
		}
		return nil, err
	}
	for _, c := range resp.Response.CommandSet {
		if c != nil && c.CommandId != nil && *c.CommandId == id {
			return c, nil
		}
	}
	return nil, fmt.Errorf("TAT command %s: %w", id, errNotFound)
}
