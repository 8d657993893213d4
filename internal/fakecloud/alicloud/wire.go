package alicloud

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// The response bodies below are the wire shapes of the ECS API: flat JSON
// objects whose lists sit in a two-level wrapper ({"Commands":{"Command":[…]}}).
// Every field the SDK models declare is always sent, so a client that reads a
// field the fake forgot fails loudly in tests rather than seeing nil.

// requestOnly is the body of actions that return nothing but a request ID.
type requestOnly struct {
	RequestID string `json:"RequestId"`
}

type createCommandResponse struct {
	RequestID string `json:"RequestId"`
	CommandID string `json:"CommandId"`
}

// pageInfo is how a listing response says which page it holds (ECS
// DescribeCommands, DescribeInvocations, DescribeInvocationResults and
// DescribeCloudAssistantStatus: TotalCount, PageNumber, PageSize and
// NextToken).
type pageInfo struct {
	TotalCount int64  `json:"TotalCount"`
	PageNumber int64  `json:"PageNumber"`
	PageSize   int64  `json:"PageSize"`
	NextToken  string `json:"NextToken"`
}

type describeCommandsResponse struct {
	RequestID string `json:"RequestId"`
	pageInfo
	Commands wireCommands `json:"Commands"`
}

type wireCommands struct {
	Command []wireCommand `json:"Command"`
}

type wireCommand struct {
	CommandID            string                   `json:"CommandId"`
	Name                 string                   `json:"Name"`
	Description          string                   `json:"Description"`
	Type                 string                   `json:"Type"`
	CommandContent       string                   `json:"CommandContent"`
	WorkingDir           string                   `json:"WorkingDir"`
	Timeout              int64                    `json:"Timeout"`
	EnableParameter      bool                     `json:"EnableParameter"`
	ParameterNames       wireParameterNames       `json:"ParameterNames"`
	ParameterDefinitions wireParameterDefinitions `json:"ParameterDefinitions"`
	Launcher             string                   `json:"Launcher"`
	InvokeTimes          int                      `json:"InvokeTimes"`
	CreationTime         string                   `json:"CreationTime"`
	Provider             string                   `json:"Provider"`
	Category             string                   `json:"Category"`
	Version              int                      `json:"Version"`
	Latest               bool                     `json:"Latest"`
	ResourceGroupID      string                   `json:"ResourceGroupId"`
	Tags                 wireTags                 `json:"Tags"`
}

type wireParameterNames struct {
	ParameterName []string `json:"ParameterName"`
}

type wireParameterDefinitions struct {
	ParameterDefinition []wireParameterDefinition `json:"ParameterDefinition"`
}

type wireParameterDefinition struct {
	ParameterName  string             `json:"ParameterName"`
	DefaultValue   string             `json:"DefaultValue"`
	Description    string             `json:"Description"`
	Required       bool               `json:"Required"`
	PossibleValues wirePossibleValues `json:"PossibleValues"`
}

type wirePossibleValues struct {
	PossibleValue []string `json:"PossibleValue"`
}

type wireTags struct {
	Tag []wireTag `json:"Tag"`
}

type wireTag struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

// errorBody is the body of every error response.
type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

const jsonContentType = "application/json;charset=utf-8"

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		// Every body is a plain struct of strings, numbers and slices.
		panic(fmt.Sprintf("alicloud: encoding response: %v", err))
	}
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// writeError answers with err, which is reported as an internal error unless
// it is an *apiError.
func writeError(w http.ResponseWriter, requestID, regionID string, err error) {
	var apiErr *apiError
	if !errors.As(err, &apiErr) {
		apiErr = errInternal()
	}
	writeJSON(w, apiErr.status, errorBody{
		RequestID: requestID,
		HostID:    hostID(regionID),
		Code:      apiErr.code,
		Message:   apiErr.message,
		Recommend: recommendURL(apiErr.code, requestID),
	})
}

// hostID is the endpoint the real service names in its error bodies.
func hostID(regionID string) string {
	if regionID == "" {
		return "ecs.aliyuncs.com"
	}
	return "ecs." + regionID + ".aliyuncs.com"
}

func recommendURL(code, requestID string) string {
	q := url.Values{"q": {code}, "product": {"Ecs"}, "requestId": {requestID}}
	return "https://api.aliyun.com/troubleshoot?" + q.Encode()
}

// newRequestID returns a random UUID in upper case, the shape of the
// vendor's request IDs.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
