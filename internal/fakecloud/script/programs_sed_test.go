package script

import "testing"

func TestSed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"substitute", "echo 'a b a' | sed 's/a/x/'; echo 'a b a' | sed 's/a/x/g'", "x b a\nx b x\n", 0},
		{"groups and &", `echo 'key=value' | sed 's/\(.*\)=\(.*\)/\2 [&]/'`, "value [key=value]\n", 0},
		{"extended", `echo 'aaa-1' | sed -E 's/(a+)-([0-9])/\2\1/'`, "1aaa\n", 0},
		{"another delimiter", "echo /usr/local | sed 's|/usr|/opt|'", "/opt/local\n", 0},
		{"quiet and print", "seq 5 | sed -n '2p;$p'", "2\n5\n", 0},
		{"delete by pattern", "printf 'keep\\n#drop\\nkeep2\\n' | sed '/^#/d'", "keep\nkeep2\n", 0},
		{"range", "seq 6 | sed -n '2,4p'", "2\n3\n4\n", 0},
		{"negation", "seq 3 | sed '2!d'", "2\n", 0},
		{"quit", "seq 9 | sed 3q", "1\n2\n3\n", 0},
		{"append and insert", "echo b | sed -e '1i a' -e '$a c'", "a\nb\nc\n", 0},
		{"y", "echo hello | sed 'y/el/ip/'", "hippo\n", 0},
		{"in place", "printf 'port=80\\n' > /etc/app.conf; sed -i 's/80/8080/' /etc/app.conf; cat /etc/app.conf", "port=8080\n", 0},
		{"line numbers", "printf 'a\\nb\\n' | sed -n '$='", "2\n", 0},
		{"bad script", "echo | sed 'k'", "sed: -e expression #1: unknown command: `k'\n", 1},
	}
	for _, tt := range tests {
		got, run := shellOutput(t, tt.script)
		if got != tt.want || run.ExitCode != tt.exitCode {
			t.Errorf("%s: output %q, exit code %d; want %q, %d", tt.name, got, run.ExitCode, tt.want, tt.exitCode)
		}
	}
}
