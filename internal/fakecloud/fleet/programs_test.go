package fleet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadReadsAndChecksPrograms(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := 0
	write := func(body string) string {
		files++
		path := filepath.Join(dir, fmt.Sprintf("fleet%d.json", files))
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	f, err := Load(write(`{"instances": [{"id": "ins-web00001", "state": "running", "programs": {"curl": {"missing": true}, "yum": {"exit_code": 1, "output": "no mirror\n"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	programs := f.Programs("ins-web00001")
	if programs == nil || !(*programs)["curl"].Missing || (*programs)["yum"].ExitCode != 1 || (*programs)["yum"].Output != "no mirror\n" {
		t.Errorf("programs %+v", programs)
	}
	if f.Programs("ins-other001") != nil {
		t.Errorf("an undeclared instance has program changes")
	}
	for body, want := range map[string]string{
		`{"instances": [{"id": "ins-a0000001", "state": "running", "programs": {"yum": {}}}]}`:                                "set missing, or an exit_code",
		`{"instances": [{"id": "ins-a0000002", "state": "running", "programs": {"yum": {"exit_code": 300}}}]}`:                "not between 1 and 255",
		`{"instances": [{"id": "ins-a0000003", "state": "running", "programs": {"yum": {"missing": true, "exit_code": 1}}}]}`: "a missing program has no exit_code",
		`{"instances": [{"id": "ins-a0000004", "state": "running", "programs": {"/bin/yum": {"missing": true}}}]}`:            "without a directory",
	} {
		if _, err := Load(write(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error about %q", body, err, want)
		}
	}
}
