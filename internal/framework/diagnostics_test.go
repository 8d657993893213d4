package framework

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
)

func TestAPIErrorDiagnosticSaysWhatToDo(t *testing.T) {
	t.Parallel()
	err := &conns.APIError{Vendor: "Tencent Cloud", Code: "ResourceNotFound.CommandNotFound", Message: "The command does not exist.", RequestID: "req-1", HTTPStatus: 400}
	d := APIErrorDiagnostic("Error Running TAT Command", "run TAT command cmd-1", err)
	for _, want := range []string{
		"Could not run TAT command cmd-1: The command does not exist.", "Check command_id",
		"Tencent Cloud error code: ResourceNotFound.CommandNotFound (HTTP 400)", "Request ID: req-1",
	} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, d.Detail())
		}
	}
	if d.Summary() != "Error Running TAT Command" {
		t.Errorf("summary = %q", d.Summary())
	}
}

func TestAmbiguousErrorDiagnosticSaysWhatToCheck(t *testing.T) {
	t.Parallel()
	err := &conns.AmbiguousError{Vendor: "Tencent Cloud", Action: "InvokeCommand", Err: errors.New("connection reset")}
	d := APIErrorDiagnostic("Error Running TAT Command", "run TAT command cmd-1", err)
	if !strings.Contains(d.Detail(), "whether it took effect is unknown") || !strings.Contains(d.Detail(), "import") {
		t.Errorf("the diagnostic does not explain the ambiguity: %s", d.Detail())
	}
}

func TestUnknownHostDiagnosticKeepsTheErrorsWords(t *testing.T) {
	t.Parallel()
	err := &conns.UnknownHostError{Vendor: "Alibaba Cloud", Host: "ecs.cn-atlantis.aliyuncs.com", Region: "cn-atlantis", Err: &net.DNSError{Err: "no such host"}}
	d := APIErrorDiagnostic("Error Reading Commands", "read commands", err)
	if !strings.Contains(d.Detail(), "Could not read commands: the Alibaba Cloud endpoint ecs.cn-atlantis.aliyuncs.com") || strings.Contains(d.Detail(), "error code") {
		t.Errorf("detail = %s", d.Detail())
	}
}
