package alicloud

import "github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/vendorkit"

// Outcomes let a test decide how a run ends without writing a script for
// it. They are looked up when an invocation is made, so changing them
// affects later invocations only. EXECUTION.md documents them for users.

// OutcomeMatch selects the runs an Outcome applies to. An empty field
// matches any value, so the zero OutcomeMatch matches every run.
type OutcomeMatch = vendorkit.OutcomeMatch

// Outcome is how a matched run ends, in place of interpreting or executing
// its script: a Duration past the invocation's Timeout ends the run Timeout
// at the Timeout, and NeverFinishes keeps it Running until it is stopped or
// reaches its Timeout.
type Outcome = vendorkit.Outcome
