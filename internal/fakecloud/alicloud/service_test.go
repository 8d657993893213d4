package alicloud

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)

func TestUnknownActionAndVersionThroughSDK(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		action     string
		version    string
		wantCode   string
		wantStatus int
	}{
		{"unknown action", "DescribeRegionsOfTheMoon", APIVersion, "InvalidAction.NotFound", http.StatusNotFound},
		{"action from another product", "DescribeInstancesOfCluster", APIVersion, "InvalidAction.NotFound", http.StatusNotFound},
		{"other API version", "DescribeCommands", "2016-03-14", "InvalidVersion", http.StatusBadRequest},
	}
	for _, scheme := range signingSchemes {
		for _, tt := range tests {
			t.Run(scheme.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				f := newFixture(t)
				_, err := callAPI(f.client(t, scheme.configure), tt.action, tt.version, map[string]string{"RegionId": testRegion})
				wantSDKError(t, err, tt.wantCode, tt.wantStatus)
			})
		}
	}
}

func TestErrorBodyShape(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := send(t, f.acs3Request(t, "NoSuchAction", rawACS3{query: map[string]string{"RegionId": "cn-shanghai"}}))

	wantRawError(t, resp, "InvalidAction.NotFound", http.StatusNotFound)
	if resp.contentType != "application/json;charset=utf-8" {
		t.Errorf("Content-Type = %q", resp.contentType)
	}
	requestID, _ := resp.body["RequestId"].(string)
	if !requestIDPattern.MatchString(requestID) {
		t.Errorf("RequestId = %q, want an upper-case UUID", requestID)
	}
	if got := resp.body["HostId"]; got != "ecs.cn-shanghai.aliyuncs.com" {
		t.Errorf("HostId = %v", got)
	}
	if msg, _ := resp.body["Message"].(string); msg == "" {
		t.Error("Message is empty")
	}
	recommend, _ := resp.body["Recommend"].(string)
	if !strings.Contains(recommend, "q=InvalidAction.NotFound") || !strings.Contains(recommend, requestID) {
		t.Errorf("Recommend = %q, want a link naming the code and request", recommend)
	}
}

func TestSuccessBodyShape(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := send(t, f.acs3Request(t, "DescribeCommands", rawACS3{query: map[string]string{"RegionId": testRegion}}))

	if resp.status != http.StatusOK || resp.contentType != "application/json;charset=utf-8" {
		t.Fatalf("got %d %q", resp.status, resp.contentType)
	}
	if requestID, _ := resp.body["RequestId"].(string); !requestIDPattern.MatchString(requestID) {
		t.Errorf("RequestId = %q, want an upper-case UUID", requestID)
	}
	commands, _ := resp.body["Commands"].(map[string]any)
	if list, ok := commands["Command"].([]any); !ok || len(list) != 0 {
		t.Errorf(`Commands = %v, want {"Command":[]}`, resp.body["Commands"])
	}
	for _, field := range []string{"TotalCount", "PageNumber", "PageSize"} {
		if _, ok := resp.body[field].(float64); !ok {
			t.Errorf("%s = %v, want a JSON number", field, resp.body[field])
		}
	}
}

func TestRequestRouting(t *testing.T) {
	t.Parallel()
	region := map[string]string{"RegionId": testRegion}
	tests := []struct {
		name       string
		request    func(*testing.T, *fixture) *http.Request
		wantCode   string // empty for success
		wantStatus int
	}{
		{
			name: "RPC over GET",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.rpcRequest(t, http.MethodGet, "DescribeCommands", region)
			},
			wantStatus: http.StatusOK,
		},
		{
			name: "ACS3 over GET",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{method: http.MethodGet, query: region})
			},
			wantStatus: http.StatusOK,
		},
		{
			name: "parameters in a form body",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{
					body:    "RegionId=cn-hangzhou&PageSize=5",
					headers: map[string]string{"content-type": "application/x-www-form-urlencoded"},
				})
			},
			wantStatus: http.StatusOK,
		},
		{
			name: "missing version",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{query: region, headers: map[string]string{"x-acs-version": ""}})
			},
			wantCode: "MissingParameter", wantStatus: http.StatusBadRequest,
		},
		{
			name: "RPC with another version",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.rpcRequest(t, http.MethodPost, "DescribeCommands", map[string]string{"RegionId": testRegion, "Version": "2017-01-01"})
			},
			wantCode: "InvalidVersion", wantStatus: http.StatusBadRequest,
		},
		{
			name: "other path",
			request: func(t *testing.T, f *fixture) *http.Request {
				req := f.acs3Request(t, "DescribeCommands", rawACS3{query: region})
				req.URL.Path = "/v1/commands"
				return req
			},
			wantCode: "InvalidAction.NotFound", wantStatus: http.StatusNotFound,
		},
		{
			name: "other method",
			request: func(t *testing.T, f *fixture) *http.Request {
				return f.acs3Request(t, "DescribeCommands", rawACS3{method: http.MethodPut, query: region})
			},
			wantCode: "InvalidAction.NotFound", wantStatus: http.StatusNotFound,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			resp := send(t, tt.request(t, f))
			if tt.wantCode != "" {
				wantRawError(t, resp, tt.wantCode, tt.wantStatus)
				return
			}
			if resp.status != tt.wantStatus {
				t.Fatalf("got %d %s (%v)", resp.status, resp.code(), resp.body["Message"])
			}
		})
	}
}

func TestRequestCountIncludesRefusedRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	impostor := f.client(t, func(c *openapi.Config) { c.AccessKeySecret = tea.String("wrong") })
	for range 2 {
		_, err := impostor.CreateCommand(validCreateRequest())
		wantSDKError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	}
	_, err := f.client(t).CreateCommand(validCreateRequest())
	mustSucceed(t, err)
	_, err = callAPI(f.client(t), "CreateCommand", "2099-01-01", nil)
	wantSDKError(t, err, "InvalidVersion", http.StatusBadRequest)

	if got := f.svc.RequestCount("CreateCommand"); got != 4 {
		t.Errorf("RequestCount(CreateCommand) = %d, want 4", got)
	}
	if got := f.svc.RequestCount("DeleteCommand"); got != 0 {
		t.Errorf("RequestCount(DeleteCommand) = %d, want 0", got)
	}
}

// validCreateRequest is a CreateCommand request that passes every check.
func validCreateRequest() *ecs.CreateCommandRequest {
	return &ecs.CreateCommandRequest{
		RegionId:        tea.String(testRegion),
		Name:            tea.String("hello"),
		Type:            tea.String("RunShellScript"),
		CommandContent:  tea.String("echo hello"),
		ContentEncoding: tea.String("PlainText"),
	}
}
