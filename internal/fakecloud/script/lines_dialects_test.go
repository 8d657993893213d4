package script

import (
	"testing"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
)

func windowsOutput(commandType, script string, programs *fleet.Programs) (string, Run) {
	run := Interpret(ExecRequest{InstanceID: testInstance, Script: script, CommandType: commandType, Timeout: time.Hour, Programs: programs})
	out, _ := run.OutputUntil(run.Duration)
	return string(out), run
}

func TestPowerShellCmdlets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
		duration           time.Duration
	}{
		{"Write-Output", "Write-Output a b", "a\nb\n", 0, 0},
		{"Write-Host", "Write-Host -ForegroundColor Green done", "done\n", 0, 0},
		{"case does not matter", "write-output $ENV:computername", testInstance + "\n", 0, 0},
		{"Start-Sleep", "Start-Sleep -Seconds 3\nStart-Sleep -Milliseconds 500\nStart-Sleep 2", "", 0, 5500 * time.Millisecond},
		{"services", "Restart-Service W32Time\nGet-Service W32Time", "\nStatus   Name               DisplayName\n------   ----               -----------\nRunning  W32Time            W32Time\n", 0, 0},
		{"features", "Install-WindowsFeature Web-Server > $null\nTest-Path C:\\Windows", "True\n", 0, 0},
		{"whoami", "whoami", "nt authority\\system\n", 0, 0},
		{"no route out", "Invoke-WebRequest https://example.com", "Invoke-WebRequest : Unable to connect to the remote server\n", 1, 0},
		{"Write-Error", "Write-Error broken", "Write-Error: broken\n", 1, 0},
		{"not recognized", "choco install git", "choco : The term 'choco' is not recognized as the name of a cmdlet, function, script file, or operable program.\n", 1, 0},
	}
	for _, commandType := range []string{"POWERSHELL", "RunPowerShellScript"} {
		for _, tt := range tests {
			got, run := windowsOutput(commandType, tt.script, nil)
			if got != tt.want || run.ExitCode != tt.exitCode || run.Duration != tt.duration {
				t.Errorf("%s %s: output %q, exit code %d, duration %v; want %q, %d, %v", commandType, tt.name, got, run.ExitCode, run.Duration, tt.want, tt.exitCode, tt.duration)
			}
		}
	}
}

func TestBatchCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
		exitCode           int64
		duration           time.Duration
	}{
		{"echo off and rem", "@echo off\nrem a note\n:: another\necho %COMPUTERNAME% %USERNAME% %UNSET%", testInstance + " SYSTEM\n", 0, 0},
		{"timeout", "timeout /t 5 /nobreak > nul", "", 0, 5 * time.Second},
		{"ping as a wait", "ping -n 4 127.0.0.1 > nul", "", 0, 3 * time.Second},
		{"services", "net start W3SVC", "The W3SVC service is starting.\nThe W3SVC service was started successfully.\n\n", 0, 0},
		{"sc query", "sc query W3SVC", "\nSERVICE_NAME: W3SVC\n        TYPE               : 10  WIN32_OWN_PROCESS\n        STATE              : 4  RUNNING\n", 0, 0},
		{"exit /b", "exit /b 3", "", 3, 0},
		{"not recognized", "choco install git", "'choco' is not recognized as an internal or external command,\noperable program or batch file.\n", 9009, 0},
	}
	for _, commandType := range []string{"BAT", "RunBatScript"} {
		for _, tt := range tests {
			got, run := windowsOutput(commandType, tt.script, nil)
			if got != tt.want || run.ExitCode != tt.exitCode || run.Duration != tt.duration {
				t.Errorf("%s %s: output %q, exit code %d, duration %v; want %q, %d, %v", commandType, tt.name, got, run.ExitCode, run.Duration, tt.want, tt.exitCode, tt.duration)
			}
		}
	}
}

func TestWindowsFleetProgramChanges(t *testing.T) {
	t.Parallel()
	programs := fleet.Programs{"restart-service": {ExitCode: 1, Output: "Restart-Service : Service 'W3SVC' cannot be stopped.\n"}, "whoami": {Missing: true}}
	got, run := windowsOutput("POWERSHELL", "Restart-Service W3SVC\nwhoami", &programs)
	if want := "Restart-Service : Service 'W3SVC' cannot be stopped.\nwhoami : The term 'whoami' is not recognized as the name of a cmdlet, function, script file, or operable program.\n"; got != want || run.ExitCode != 1 {
		t.Errorf("output %q, exit code %d; want %q, 1", got, run.ExitCode, want)
	}
}
