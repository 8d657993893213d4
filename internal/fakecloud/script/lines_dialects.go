package script

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// windowsCommand runs one command of a line; it reports whether the
// script stops there.
type windowsCommand func(in *interpreter, args []string, shown bool) bool

// windowsDialect is PowerShell or cmd: their commands, how they expand
// variables and how they report a command they do not have.
type windowsDialect struct {
	commands map[string]windowsCommand
	expand   func(line, instanceID string) string
	trimLine func(line string) string
	exitArgs func(args []string) []string
	notFound func(name string) (string, int64)
}

// windowsEnvironment is the environment of a script on a Windows instance
// named after its ID, run as SYSTEM as both vendors' agents do.
func windowsEnvironment(instanceID string) map[string]string {
	return map[string]string{
		"COMPUTERNAME": instanceID, "USERNAME": "SYSTEM", "USERDOMAIN": "WORKGROUP",
		"SYSTEMROOT": `C:\Windows`, "WINDIR": `C:\Windows`, "SYSTEMDRIVE": "C:",
		"PROGRAMFILES": `C:\Program Files`, "TEMP": `C:\Windows\TEMP`, "TMP": `C:\Windows\TEMP`,
		"USERPROFILE": `C:\Windows\system32\config\systemprofile`, "OS": "Windows_NT",
		"PROCESSOR_ARCHITECTURE": "AMD64", "NUMBER_OF_PROCESSORS": "2",
	}
}

var (
	powerShellVariable = regexp.MustCompile(`(?i)\$env:([A-Za-z_][A-Za-z0-9_]*)`)
	batchVariable      = regexp.MustCompile(`%([A-Za-z_][A-Za-z0-9_]*)%`)
)

func expandWith(pattern *regexp.Regexp, line, instanceID string) string {
	env := windowsEnvironment(instanceID)
	return pattern.ReplaceAllStringFunc(line, func(m string) string {
		return env[strings.ToUpper(pattern.FindStringSubmatch(m)[1])]
	})
}

// succeed is a command that does its work silently, as the configuration
// cmdlets and commands do when they succeed.
func succeed(in *interpreter, _ []string, _ bool) bool {
	in.status = 0
	return false
}

// printing is a command that prints text and succeeds.
func printing(text string) windowsCommand {
	return func(in *interpreter, _ []string, shown bool) bool {
		in.print(text, shown)
		in.status = 0
		return false
	}
}

// failing is a command that prints text and fails with status.
func failing(text string, status int64) windowsCommand {
	return func(in *interpreter, _ []string, _ bool) bool {
		in.print(text, true)
		in.status = status
		return false
	}
}

func withArgs(f func(in *interpreter, args []string) string) windowsCommand {
	return func(in *interpreter, args []string, shown bool) bool {
		in.print(f(in, args), shown)
		in.status = 0
		return false
	}
}

// sleepFor lets seconds of simulated time pass, as sleep does.
func sleepFor(in *interpreter, seconds float64) bool {
	return in.sleep([]string{strconv.FormatFloat(seconds, 'f', -1, 64)})
}

// namedValue is the value of -NAME (any of names, case aside), or the
// first argument that is not an option.
func namedValue(args []string, names ...string) string {
	for i, a := range args {
		for _, n := range names {
			if strings.EqualFold(a, n) && i+1 < len(args) {
				return args[i+1]
			}
		}
	}
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") || strings.HasPrefix(args[i], "/") {
			i++
			continue
		}
		return args[i]
	}
	return ""
}

var powerShell = windowsDialect{
	expand: func(line, instanceID string) string { return expandWith(powerShellVariable, line, instanceID) },
	trimLine: func(line string) string {
		return line
	},
	exitArgs: func(args []string) []string { return args },
	notFound: func(name string) (string, int64) {
		return fmt.Sprintf("%s : The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program.\n", name, name), 1
	},
	commands: map[string]windowsCommand{
		"write-output": withArgs(func(_ *interpreter, args []string) string { return linesOf(args) }),
		"write-host":   withArgs(func(_ *interpreter, args []string) string { return strings.Join(plainArgs(args), " ") + "\n" }),
		"write-error": func(in *interpreter, args []string, _ bool) bool {
			in.print("Write-Error: "+strings.Join(args, " ")+"\n", true)
			in.status = 1
			return false
		},
		"start-sleep": func(in *interpreter, args []string, _ bool) bool {
			if ms := namedValue(args, "-Milliseconds", "-m"); ms != "" && hasOption(args, "-Milliseconds", "-m") {
				n, err := strconv.ParseFloat(ms, 64)
				if err != nil {
					in.status = 1
					return false
				}
				return sleepFor(in, n/1000)
			}
			n, err := strconv.ParseFloat(namedValue(args, "-Seconds", "-s"), 64)
			if err != nil || n < 0 {
				in.status = 1
				return false
			}
			return sleepFor(in, n)
		},
		"get-date": withArgs(func(*interpreter, []string) string {
			return time.Now().UTC().Format("Monday, January 2, 2006 3:04:05 PM") + "\n"
		}),
		"whoami":      printing(`nt authority\system` + "\n"),
		"get-service": withArgs(serviceTable),
		"get-process": printing("\nHandles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName\n" +
			"-------  ------    -----      -----     ------     --  -- -----------\n" +
			"    612      24    12044      20512       1.20    812   0 aliyun_assist_service\n" +
			"    540      22    10240      18432       0.98    904   0 TAT_Agent\n" +
			"   1210      18     6120      15360       2.50    668   0 svchost\n"),
		"test-path": withArgs(func(_ *interpreter, args []string) string {
			path := strings.ToLower(namedValue(args, "-Path", "-LiteralPath"))
			if strings.HasPrefix(path, `c:\windows`) || strings.HasPrefix(path, `c:\program files`) || path == `c:\` {
				return "True\n"
			}
			return "False\n"
		}),
		"get-childitem": succeed, "ls": succeed, "dir": succeed,
		"get-content": func(in *interpreter, args []string, _ bool) bool {
			path := namedValue(args, "-Path", "-LiteralPath")
			in.print(fmt.Sprintf("Get-Content : Cannot find path '%s' because it does not exist.\n", path), true)
			in.status = 1
			return false
		},
		"invoke-webrequest": failing("Invoke-WebRequest : Unable to connect to the remote server\n", 1),
		"iwr":               failing("Invoke-WebRequest : Unable to connect to the remote server\n", 1),
		"invoke-restmethod": failing("Invoke-RestMethod : Unable to connect to the remote server\n", 1),
		"irm":               failing("Invoke-RestMethod : Unable to connect to the remote server\n", 1),
		"ipconfig":          printing(ipconfigText),
		"start-service":     succeed, "stop-service": succeed, "restart-service": succeed, "set-service": succeed,
		"new-service": succeed, "set-executionpolicy": succeed, "import-module": succeed,
		"install-module": succeed, "install-windowsfeature": withArgs(featureTable),
		"add-windowsfeature": withArgs(featureTable), "enable-windowsoptionalfeature": succeed,
		"new-item": succeed, "remove-item": succeed, "copy-item": succeed, "move-item": succeed,
		"set-content": succeed, "add-content": succeed, "out-file": succeed, "set-itemproperty": succeed,
		"new-itemproperty": succeed, "set-location": succeed, "cd": succeed,
		"new-netfirewallrule": succeed, "set-netfirewallprofile": succeed, "restart-computer": succeed,
		"set-timezone": succeed, "set-variable": succeed,
	},
}

var batch = windowsDialect{
	expand: func(line, instanceID string) string { return expandWith(batchVariable, line, instanceID) },
	trimLine: func(line string) string {
		trimmed := strings.TrimPrefix(strings.TrimSpace(line), "@")
		lower := strings.ToLower(trimmed)
		if lower == "echo off" || lower == "echo on" || strings.HasPrefix(lower, "rem ") || lower == "rem" || strings.HasPrefix(lower, "::") {
			return ""
		}
		return trimmed
	},
	exitArgs: func(args []string) []string {
		if len(args) > 0 && strings.EqualFold(args[0], "/b") {
			return args[1:]
		}
		return args
	},
	notFound: func(name string) (string, int64) {
		return fmt.Sprintf("'%s' is not recognized as an internal or external command,\noperable program or batch file.\n", name), 9009
	},
	commands: map[string]windowsCommand{
		"timeout": func(in *interpreter, args []string, shown bool) bool {
			n, err := strconv.Atoi(namedValue(args, "/t"))
			if err != nil || n < -1 {
				in.print("ERROR: Invalid value for timeout (/T) specified. Valid range is -1 to 99999.\n", true)
				in.status = 1
				return false
			}
			in.print(fmt.Sprintf("\nWaiting for %d seconds, press a key to continue ...\n", n), shown)
			return sleepFor(in, float64(max(n, 0)))
		},
		"ping": func(in *interpreter, args []string, _ bool) bool {
			// ping -n N 127.0.0.1 is the scripts' way to wait N-1 seconds.
			n, err := strconv.Atoi(namedValue(args, "-n", "/n"))
			if err != nil {
				n = 4
			}
			return sleepFor(in, float64(max(n-1, 0)))
		},
		"set": succeed, "setx": succeed, "cd": succeed, "chdir": succeed, "mkdir": succeed, "md": succeed,
		"del": succeed, "erase": succeed, "copy": succeed, "xcopy": succeed, "move": succeed, "ren": succeed,
		"rmdir": succeed, "rd": succeed, "reg": succeed, "schtasks": succeed, "netsh": succeed,
		"icacls": succeed, "attrib": succeed, "powershell": succeed, "shutdown": succeed,
		"dir": printing(" Volume in drive C has no label.\n\n Directory of C:\\Windows\\system32\n\n               0 File(s)              0 bytes\n"),
		"type": func(in *interpreter, args []string, _ bool) bool {
			in.print("The system cannot find the file specified.\n", true)
			in.status = 1
			return false
		},
		"whoami":   printing(`nt authority\system` + "\n"),
		"ver":      printing("\nMicrosoft Windows [Version 10.0.20348.2227]\n"),
		"ipconfig": printing(ipconfigText),
		"sc": withArgs(func(_ *interpreter, args []string) string {
			verb, name := strings.ToLower(namedValue(args)), ""
			if len(args) > 1 {
				name = args[1]
			}
			switch verb {
			case "query", "queryex":
				return fmt.Sprintf("\nSERVICE_NAME: %s\n        TYPE               : 10  WIN32_OWN_PROCESS\n        STATE              : 4  RUNNING\n", name)
			case "start", "stop":
				return fmt.Sprintf("\nSERVICE_NAME: %s\n        STATE              : 2  START_PENDING\n", name)
			}
			return "[SC] ChangeServiceConfig SUCCESS\n"
		}),
		"net": withArgs(func(_ *interpreter, args []string) string {
			if len(args) < 2 {
				return "The command completed successfully.\n"
			}
			switch strings.ToLower(args[0]) {
			case "start":
				return fmt.Sprintf("The %s service is starting.\nThe %[1]s service was started successfully.\n\n", args[1])
			case "stop":
				return fmt.Sprintf("The %s service is stopping.\nThe %[1]s service was stopped successfully.\n\n", args[1])
			}
			return "The command completed successfully.\n\n"
		}),
		"curl": failing("curl: (7) Failed to connect to the server: Could not connect to server\n", 7),
	},
}

const ipconfigText = "\nWindows IP Configuration\n\n\nEthernet adapter Ethernet:\n\n   Connection-specific DNS Suffix  . :\n" +
	"   IPv4 Address. . . . . . . . . . . : 10.0.0.12\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n   Default Gateway . . . . . . . . . : 10.0.0.1\n"

// linesOf is Write-Output's rendering: each argument on a line.
func linesOf(args []string) string {
	var b strings.Builder
	for _, a := range args {
		b.WriteString(a)
		b.WriteByte('\n')
	}
	return b.String()
}

// plainArgs drops Write-Host's options.
func plainArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			if !strings.EqualFold(args[i], "-NoNewline") {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

func hasOption(args []string, names ...string) bool {
	for _, a := range args {
		for _, n := range names {
			if strings.EqualFold(a, n) {
				return true
			}
		}
	}
	return false
}

func serviceTable(_ *interpreter, args []string) string {
	names := plainArgs(args)
	if len(names) == 0 {
		names = []string{"AliyunService", "TAT_Agent", "W32Time", "WinRM"}
	}
	var b strings.Builder
	b.WriteString("\nStatus   Name               DisplayName\n------   ----               -----------\n")
	for _, n := range names {
		fmt.Fprintf(&b, "Running  %-18s %s\n", n, n)
	}
	return b.String()
}

func featureTable(_ *interpreter, args []string) string {
	return "\nSuccess Restart Needed Exit Code      Feature Result\n------- -------------- ---------      --------------\nTrue    No             Success        {" +
		strings.Join(plainArgs(args), ", ") + "}\n"
}
