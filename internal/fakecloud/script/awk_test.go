package script

import "testing"

func TestAwk(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
	}{
		{"fields", "echo 'a b c' | awk '{print $2, $NF}'", "b c\n", 0},
		{"separator", "echo 'root:x:0:0' | awk -F: '{print $1 \"-\" $3}'", "root-0\n", 0},
		{"pattern", "printf 'a 1\\nb 2\\na 3\\n' | awk '/^a/ {print $2}'", "1\n3\n", 0},
		{"comparison", "printf '5\\n50\\n500\\n' | awk '$1 > 10'", "50\n500\n", 0},
		{"sum", "seq 10 | awk '{s += $1} END {print s, NR}'", "55 10\n", 0},
		{"arrays", "printf 'x\\ny\\nx\\n' | awk '{c[$1]++} END {for (k in c) print k, c[k]}'", "x 2\ny 1\n", 0},
		{"printf", "echo 3.14159 | awk '{printf \"%.2f|%5s|%d\\n\", $1, \"ab\", 7}'", "3.14|   ab|7\n", 0},
		{"variables", "awk -v n=3 'BEGIN {for (i = 1; i <= n; i++) printf \"%d \", i * i; print \"\"}'", "1 4 9 \n", 0},
		{"functions", "echo 'Hello World' | awk '{print length($0), toupper(substr($1, 2, 3)), index($0, \"W\")}'", "11 ELL 7\n", 0},
		{"gsub", "echo 'a.b.c' | awk '{n = gsub(/\\./, \"-\"); print n, $0}'", "2 a-b-c\n", 0},
		{"split", "echo 'a,b,c' | awk '{n = split($0, parts, \",\"); print n, parts[3]}'", "3 c\n", 0},
		{"field assignment", "echo 'a b c' | awk '{$2 = \"X\"; print}'", "a X c\n", 0},
		{"if and next", "seq 5 | awk '$1 % 2 == 0 {next} {if ($1 > 3) print \"big\", $1; else print \"small\", $1}'", "small 1\nsmall 3\nbig 5\n", 0},
		{"unknown conversion", `awk 'BEGIN {printf "%5k|\n"}'`, "%5k|\n", 0},
		{"exit", "seq 5 | awk '$1 == 3 {exit 4} {print}'", "1\n2\n", 4},
		{"df idiom", "df -h | awk 'NR > 1 && $6 == \"/\" {print $5}'", "11%\n", 0},
		{"ps idiom", "ps -ef | grep -v grep | grep sshd | awk '{print $2}'", "640\n", 0},
		{"output to a file", "seq 2 | awk '{print > \"/tmp/out\"}'; cat /tmp/out", "1\n2\n", 0},
		{"a syntax error", "awk '{print $1'", "awk: cmd. line: syntax error: unexpected end of program, missing }\n", 2},
		{"an endless loop is bounded", "awk 'BEGIN {while (1) {}}'", "awk: program ran too long\n", 2},
		{"a growing string is bounded", "awk 'BEGIN {s = \"x\"; while (1) s = s s}'", "awk: out of memory\n", 2},
	}
	for _, tt := range tests {
		got, run := shellOutput(t, tt.script)
		if got != tt.want || run.ExitCode != tt.exitCode {
			t.Errorf("%s: output %q, exit code %d; want %q, %d", tt.name, got, run.ExitCode, tt.want, tt.exitCode)
		}
	}
}
