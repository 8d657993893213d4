package main

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	tat "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tat/v20201028"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
)

// defaultKeys gives -exec the published keys explicitly, as a developer
// may on a machine of their own; without them -exec generates keys.
var defaultKeys = []string{
	"-tencent-secret-id", fakecloud.DefaultTencentSecretID, "-tencent-secret-key", fakecloud.DefaultTencentSecretKey,
	"-alicloud-access-key", fakecloud.DefaultAlicloudAccessKey, "-alicloud-secret-key", fakecloud.DefaultAlicloudSecretKey,
}

// TestProgram_execRefusesWebPages: with -exec, keys are generated unless
// given, so the published ones sign nothing; requests a web page could
// make (another Host, an Origin) are refused.
func TestProgram_execRefusesWebPages(t *testing.T) {
	t.Parallel()
	p := start(t, "-listen", "127.0.0.1:0", "-exec")
	baseURL := p.url(t)
	line := waitForStderr(t, p, "generated for this run")
	keys := map[string]string{}
	_, generated, _ := strings.Cut(line, "shown once: ")
	generated, _, _ = strings.Cut(generated, "\n")
	fields := strings.Fields(generated)
	for i := 0; i+1 < len(fields); i += 2 {
		keys[fields[i]] = fields[i+1]
	}
	if len(keys) != 4 || keys["-tencent-secret-key"] == fakecloud.DefaultTencentSecretKey || keys["-alicloud-secret-key"] == fakecloud.DefaultAlicloudSecretKey {
		t.Fatalf("generated settings line %q", line)
	}

	// The published keys no longer sign anything.
	if _, err := tatClient(t, baseURL).DescribeCommands(tat.NewDescribeCommandsRequest()); err == nil || !strings.Contains(err.Error(), "AuthFailure") {
		t.Errorf("the published keys: %v, want an AuthFailure", err)
	}

	for _, tt := range []struct {
		name   string
		header string
		value  string
	}{
		{"another Host", "Host", "attacker.example:80"},
		{"an Origin", "Origin", "https://attacker.example"},
		{"a browser fetch", "Sec-Fetch-Site", "cross-site"},
	} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, baseURL+"/?Action=RunCommand&RegionId=cn-hangzhou", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.header == "Host" {
			req.Host = tt.value
		} else {
			req.Header.Set(tt.header, tt.value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tt.name, resp.StatusCode)
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.wait(t)
}

// waitForStderr returns the program's standard error once it holds text,
// which the program prints before it starts listening but which reaches
// the test's buffer on a goroutine of its own.
func waitForStderr(t *testing.T, p *process, text string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := p.stderr.String()
		if strings.Contains(got, text) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("stderr %q never held %q", got, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestProgram_execRunsScriptsForReal runs a script through the program with
// -exec and reads back what /bin/sh really printed, which the simulated
// interpreter cannot produce (it does not expand $((...))).
func TestProgram_execRunsScriptsForReal(t *testing.T) {
	t.Parallel()
	p := start(t, append([]string{"-listen", "127.0.0.1:0", "-exec"}, defaultKeys...)...)
	client := tatClient(t, p.url(t))

	content := base64.StdEncoding.EncodeToString([]byte("echo sum=$((20 + 22))\nexit 7\n"))
	createReq := tat.NewCreateCommandRequest()
	createReq.CommandName = common.StringPtr("real")
	createReq.Content = &content
	cmd, err := client.CreateCommand(createReq)
	if err != nil {
		t.Fatal(err)
	}
	invokeReq := tat.NewInvokeCommandRequest()
	invokeReq.CommandId = cmd.Response.CommandId
	invokeReq.InstanceIds = common.StringPtrs([]string{"ins-exec0001"})
	inv, err := client.InvokeCommand(invokeReq)
	if err != nil {
		t.Fatal(err)
	}

	task := waitForTask(t, client, *inv.Response.InvocationId)
	output, _ := base64.StdEncoding.DecodeString(*task.TaskResult.Output)
	if *task.TaskStatus != "FAILED" || *task.TaskResult.ExitCode != 7 || string(output) != "sum=42\n" {
		t.Errorf("task = %s, exit code %d, output %q; want FAILED, 7, %q", *task.TaskStatus, *task.TaskResult.ExitCode, output, "sum=42\n")
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, p.stderr.String())
	}
}

// TestProgram_execRunsECSScriptsForReal does the same through the ECS API:
// -exec serves both vendors.
func TestProgram_execRunsECSScriptsForReal(t *testing.T) {
	t.Parallel()
	p := start(t, append([]string{"-listen", "127.0.0.1:0", "-exec"}, defaultKeys...)...)
	u, err := url.Parse(p.url(t))
	if err != nil {
		t.Fatal(err)
	}
	client, err := ecs.NewClient(&openapi.Config{
		AccessKeyId:     tea.String(fakecloud.DefaultAlicloudAccessKey),
		AccessKeySecret: tea.String(fakecloud.DefaultAlicloudSecretKey),
		RegionId:        tea.String("cn-hangzhou"),
		Endpoint:        tea.String(u.Host),
		Protocol:        tea.String("http"),
	})
	if err != nil {
		t.Fatal(err)
	}
	run, err := client.RunCommand(&ecs.RunCommandRequest{
		RegionId:       tea.String("cn-hangzhou"),
		Type:           tea.String("RunShellScript"),
		CommandContent: tea.String("echo sum=$((20 + 22))\nexit 7\n"),
		InstanceId:     tea.StringSlice([]string{"i-exec0000000000001"}),
	})
	if err != nil {
		t.Fatal(err)
	}

	result := waitForECSResult(t, client, tea.StringValue(run.Body.InvokeId))
	if tea.StringValue(result.InvocationStatus) != "Failed" || tea.Int64Value(result.ExitCode) != 7 || tea.StringValue(result.Output) != "sum=42\n" {
		t.Errorf("result %s, exit code %d, output %q; want Failed, 7, %q",
			tea.StringValue(result.InvocationStatus), tea.Int64Value(result.ExitCode), tea.StringValue(result.Output), "sum=42\n")
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, p.stderr.String())
	}
}

// waitForECSResult polls until the invocation's only run has ended.
func waitForECSResult(t *testing.T, client *ecs.Client, invokeID string) *ecs.DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.DescribeInvocationResults(&ecs.DescribeInvocationResultsRequest{
			RegionId: tea.String("cn-hangzhou"), InvokeId: tea.String(invokeID), ContentEncoding: tea.String("PlainText"),
		})
		if err != nil {
			t.Fatal(err)
		}
		if results := resp.Body.Invocation.InvocationResults.InvocationResult; len(results) == 1 &&
			!strings.Contains("Pending Running", tea.StringValue(results[0].InvocationStatus)) {
			return results[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the run did not end within 30s")
	return nil
}

func tatClient(t *testing.T, baseURL string) *tat.Client {
	t.Helper()
	u, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = u.Host
	cpf.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	client, err := tat.NewClient(common.NewCredential(fakecloud.DefaultTencentSecretID, fakecloud.DefaultTencentSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// waitForTask polls until the invocation's only task has ended; a real
// process takes real, if short, time.
func waitForTask(t *testing.T, client *tat.Client, invocationID string) *tat.InvocationTask {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		req := tat.NewDescribeInvocationTasksRequest()
		req.Filters = []*tat.Filter{{Name: common.StringPtr("invocation-id"), Values: common.StringPtrs([]string{invocationID})}}
		req.HideOutput = common.BoolPtr(false)
		resp, err := client.DescribeInvocationTasks(req)
		if err != nil {
			t.Fatal(err)
		}
		if tasks := resp.Response.InvocationTaskSet; len(tasks) == 1 && !strings.Contains("PENDING DELIVERING RUNNING", *tasks[0].TaskStatus) {
			return tasks[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the task did not end within 30s")
	return nil
}
