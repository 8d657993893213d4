// Package validate holds the plan-time rules both vendors' resources share:
// each rule is a terraform-plugin-framework validator whose description
// states the rule, so the error names the attribute and says what is
// allowed before any API call is made.
package validate
