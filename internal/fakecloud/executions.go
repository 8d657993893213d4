package fakecloud

import "encoding/base64"

// Execution is one instance's run of one invocation, of either vendor: what
// an agent would have executed once. A command run twice on an instance,
// however the second run came about (a retried create, an invoker firing),
// shows as two executions.
type Execution struct {
	Vendor       string // VendorTencent or VendorAlicloud
	InvocationID string
	CommandID    string
	InstanceID   string
	// Content is the script as sent, before parameter substitution: TAT's
	// Base64 is decoded, so both vendors' scripts read as plain text.
	Content string
	Status  string // the instance's status now, in the vendor's words
}

// Executions lists every instance's run of every invocation the fake holds:
// TAT's first, then ECS's, each oldest first.
func (s *Server) Executions() Executions {
	var out Executions
	for _, inv := range s.tencent.Invocations() {
		content := inv.CommandContent
		if decoded, err := base64.StdEncoding.DecodeString(content); err == nil {
			content = string(decoded)
		}
		for _, task := range inv.Tasks {
			out = append(out, Execution{
				Vendor: VendorTencent, InvocationID: inv.ID, CommandID: inv.CommandID,
				InstanceID: task.InstanceID, Content: content, Status: task.Status,
			})
		}
	}
	for _, inv := range s.alicloud.Invocations() {
		for _, run := range inv.Instances {
			out = append(out, Execution{
				Vendor: VendorAlicloud, InvocationID: inv.ID, CommandID: inv.CommandID,
				InstanceID: run.InstanceID, Content: inv.CommandContent, Status: run.Status,
			})
		}
	}
	return out
}

// Executions is a list of executions, with ways to count them.
type Executions []Execution

// ByInstance returns, for each instance vendor's commands ran on, the IDs of
// the invocations that ran there, oldest first.
func (e Executions) ByInstance(vendor string) map[string][]string {
	return e.group(vendor, func(x Execution) string { return x.InstanceID })
}

// ByContent returns, for each script vendor's invocations ran, the IDs of
// the invocations that ran it, once per instance, oldest first.
func (e Executions) ByContent(vendor string) map[string][]string {
	return e.group(vendor, func(x Execution) string { return x.Content })
}

func (e Executions) group(vendor string, key func(Execution) string) map[string][]string {
	out := map[string][]string{}
	for _, x := range e {
		if x.Vendor == vendor {
			out[key(x)] = append(out[key(x)], x.InvocationID)
		}
	}
	return out
}
