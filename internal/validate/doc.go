// Package validate holds the provider's plan-time rules: each rule is a
// terraform-plugin-framework validator whose description states the rule,
// so the error names the attribute and says what is allowed before any API
// call is made. Most rules are one vendor's limits and ID forms, in files
// named after it or its API: tencent.go, instances.go, invoker.go and
// cos.go for Tencent Cloud TAT; alibaba.go, ecs.go and frequency.go for
// Alibaba Cloud ECS. The others serve every resource: custom parameters
// (parameters.go), encoded content (base64.go), sensitive values
// (secret.go), regular expressions (regexp.go) and profile names
// (profile.go).
package validate
