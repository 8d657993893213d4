package tencent

import "testing"

func TestParameterSubstitution(t *testing.T) {
	t.Parallel()
	script := "echo {{greeting}} {{tat-hidden:secret}} {{ spaced }} {{missing}}"
	got := substitute(script, map[string]string{"greeting": "hi", "secret": "s3cr3t"})
	if want := "echo hi s3cr3t {{ spaced }} {{missing}}"; got != want {
		t.Errorf("substitute = %q, want %q", got, want)
	}
	sent := []ParameterConf{{Name: "greeting", Value: "hi"}, {Name: "secret", Value: "s3cr3t"}}
	if got := recordedParameters(script, `{"greeting": "hi", "secret": "s3cr3t"}`, sent); got != `{"greeting":"hi","secret":"******"}` {
		t.Errorf("recorded parameters %s", got)
	}
	if got := recordedParameters("echo {{greeting}}", `{"greeting": "hi"}`, sent[:1]); got != `{"greeting": "hi"}` {
		t.Errorf("recorded parameters without hidden ones %s, want the text sent", got)
	}
}
