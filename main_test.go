package main

import (
	"os"
	"strings"
	"testing"
)

// TestQuietLogsUnlessShown: with no TF_LOG variable, the SDK and provider
// loggers are switched off; with any one of them, nothing is changed.
func TestQuietLogsUnlessShown(t *testing.T) {
	loggers := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}
	unsetLogVariables := func() {
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
				t.Setenv(name, "") // restored when the test ends
				_ = os.Unsetenv(name)
			}
		}
	}

	unsetLogVariables()
	quietLogsUnlessShown()
	for _, name := range loggers {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("without TF_LOG: %s = %q, want OFF", name, got)
		}
	}

	unsetLogVariables()
	t.Setenv("TF_LOG", "TRACE")
	quietLogsUnlessShown()
	for _, name := range loggers {
		if got := os.Getenv(name); got != "" {
			t.Errorf("with TF_LOG=TRACE: %s = %q, want it left unset", name, got)
		}
	}
}

// TestVersionLine: -version names the stamped version, and the commit only
// when one was stamped.
func TestVersionLine(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)

	version, commit = "1.2.3", "abc1234"
	if got, want := versionLine(), "terraform-provider-cloudcmd 1.2.3 (abc1234)"; got != want {
		t.Errorf("versionLine() = %q, want %q", got, want)
	}
	version, commit = "dev", ""
	if got, want := versionLine(), "terraform-provider-cloudcmd dev"; got != want {
		t.Errorf("versionLine() = %q, want %q", got, want)
	}
}
