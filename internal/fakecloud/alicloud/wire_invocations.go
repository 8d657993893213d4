package alicloud

// Wire shapes of the invocation actions, with every field the SDK models
// declare (ECS DescribeInvocations and DescribeInvocationResults: response
// parameters, and the SDK's response models). Times not known yet
// are "", as the service sends them.

type describeInvocationsResponse struct {
	RequestID string `json:"RequestId"`
	pageInfo
	Invocations wireInvocations `json:"Invocations"`
}

type wireInvocations struct {
	Invocation []wireInvocation `json:"Invocation"`
}

type wireInvocation struct {
	InvokeID           string              `json:"InvokeId"`
	CommandID          string              `json:"CommandId"`
	CommandName        string              `json:"CommandName"`
	CommandType        string              `json:"CommandType"`
	CommandContent     string              `json:"CommandContent"`
	CommandDescription string              `json:"CommandDescription"`
	Parameters         string              `json:"Parameters"`
	Timeout            int64               `json:"Timeout"`
	WorkingDir         string              `json:"WorkingDir"`
	Username           string              `json:"Username"`
	Frequency          string              `json:"Frequency"`
	RepeatMode         string              `json:"RepeatMode"`
	Timed              bool                `json:"Timed"`
	CreationTime       string              `json:"CreationTime"`
	ContainerID        string              `json:"ContainerId"`
	ContainerName      string              `json:"ContainerName"`
	InvocationStatus   string              `json:"InvocationStatus"`
	InvokeStatus       string              `json:"InvokeStatus"`
	Launcher           string              `json:"Launcher"`
	TerminationMode    string              `json:"TerminationMode"`
	Tags               wireTags            `json:"Tags"`
	InvokeInstances    wireInvokeInstances `json:"InvokeInstances"`
}

type wireInvokeInstances struct {
	InvokeInstance []wireInvokeInstance `json:"InvokeInstance"`
}

type wireInvokeInstance struct {
	InstanceID           string `json:"InstanceId"`
	InvocationStatus     string `json:"InvocationStatus"`
	InstanceInvokeStatus string `json:"InstanceInvokeStatus"`
	ExitCode             int64  `json:"ExitCode"`
	Output               string `json:"Output"`
	Dropped              int64  `json:"Dropped"`
	ErrorCode            string `json:"ErrorCode"`
	ErrorInfo            string `json:"ErrorInfo"`
	Repeats              int    `json:"Repeats"`
	Timed                bool   `json:"Timed"`
	CreationTime         string `json:"CreationTime"`
	StartTime            string `json:"StartTime"`
	FinishTime           string `json:"FinishTime"`
	StopTime             string `json:"StopTime"`
	UpdateTime           string `json:"UpdateTime"`
}

type describeInvocationResultsResponse struct {
	RequestID  string                    `json:"RequestId"`
	Invocation wireInvocationResultsPage `json:"Invocation"`
}

type wireInvocationResultsPage struct {
	pageInfo
	InvocationResults wireInvocationResults `json:"InvocationResults"`
}

type wireInvocationResults struct {
	InvocationResult []wireInvocationResult `json:"InvocationResult"`
}

type wireInvocationResult struct {
	InvokeID           string   `json:"InvokeId"`
	CommandID          string   `json:"CommandId"`
	InstanceID         string   `json:"InstanceId"`
	InvocationStatus   string   `json:"InvocationStatus"`
	InvokeRecordStatus string   `json:"InvokeRecordStatus"`
	ExitCode           int64    `json:"ExitCode"`
	Output             string   `json:"Output"`
	Dropped            int64    `json:"Dropped"`
	ErrorCode          string   `json:"ErrorCode"`
	ErrorInfo          string   `json:"ErrorInfo"`
	Repeats            int      `json:"Repeats"`
	StartTime          string   `json:"StartTime"`
	FinishedTime       string   `json:"FinishedTime"`
	StopTime           string   `json:"StopTime"`
	Username           string   `json:"Username"`
	ContainerID        string   `json:"ContainerId"`
	ContainerName      string   `json:"ContainerName"`
	Launcher           string   `json:"Launcher"`
	TerminationMode    string   `json:"TerminationMode"`
	Tags               wireTags `json:"Tags"`
}
