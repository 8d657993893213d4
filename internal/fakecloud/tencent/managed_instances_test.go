package tencent

import (
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"
)

// TAT managed instances (rins-...) run commands as CVM and Lighthouse
// instances do. The IDs are those DescribeRegisterInstances and
// ModifyRegisterInstance show.
func TestManagedInstancesRunCommands(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "managed", "echo on $(hostname)")
	managed := []string{"rins-8dz6cwxx", "rins-xfjkunbgax"}
	id := invoke(t, c, cmd, managed...)

	inv := describeInvocation(t, c, id)
	if *inv.InvocationStatus != "SUCCESS" {
		t.Errorf("InvocationStatus %s", *inv.InvocationStatus)
	}
	// InstanceKind's documented values are CVM and LIGHTHOUSE only.
	if *inv.InstanceKind != "" {
		t.Errorf("InstanceKind %q, want empty for managed instances", *inv.InstanceKind)
	}
	tasks := describeTasks(t, c, id)
	if len(tasks) != len(managed) {
		t.Fatalf("%d tasks, want %d", len(tasks), len(managed))
	}
	for i, task := range tasks {
		if *task.InstanceId != managed[i] || *task.TaskStatus != "SUCCESS" {
			t.Errorf("task %d: %s on %s", i, *task.TaskStatus, *task.InstanceId)
		}
	}

	// The instance-id filter of DescribeInvocationTasks takes managed IDs;
	// the instance-kind filter of DescribeInvocations, CVM or LIGHTHOUSE,
	// lists none of their invocations.
	req := tat.NewDescribeInvocationTasksRequest()
	req.Filters = []*tat.Filter{filter("instance-id", "rins-xfjkunbgax")}
	resp, err := c.DescribeInvocationTasks(req)
	mustSucceed(t, err)
	if n := len(resp.Response.InvocationTaskSet); n != 1 || *resp.Response.InvocationTaskSet[0].InstanceId != "rins-xfjkunbgax" {
		t.Errorf("instance-id filter: %d tasks", n)
	}
	for _, kind := range []string{"CVM", "LIGHTHOUSE"} {
		req := tat.NewDescribeInvocationsRequest()
		req.Filters = []*tat.Filter{filter("instance-kind", kind)}
		resp, err := c.DescribeInvocations(req)
		mustSucceed(t, err)
		if n := *resp.Response.TotalCount; n != 0 {
			t.Errorf("instance-kind %s lists %d invocations on managed instances", kind, n)
		}
	}
}

func TestManagedInstancesInInvokers(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t)
	c := env.tatClient(t)
	cmd := createScript(t, c, "managed", "echo hi")
	at := env.now().Add(time.Hour)
	id := createInvoker(t, c, newInvokerRequest(cmd, onceAt(at), "rins-8dz6cwxx", "rins-xfjkunbgax"))
	if got := describeInvoker(t, c, id).InstanceIds; len(got) != 2 || *got[0] != "rins-8dz6cwxx" {
		t.Errorf("InstanceIds %v", common.StringValues(got))
	}
	_, err := c.CreateInvoker(newInvokerRequest(cmd, onceAt(at), "rins-8dz6cwxx", "ins-aaaa0001"))
	assertCode(t, err, codeInconsistentInstance)
	_, err = c.CreateInvoker(newInvokerRequest(cmd, onceAt(at), "rins-8dz"))
	assertCode(t, err, codeInvalidInstanceID)
}
