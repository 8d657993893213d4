// Command cloudcmd-fake runs the bundled fake Tencent Cloud TAT and Alibaba
// Cloud ECS Cloud Assistant endpoint as a standalone program, so the provider
// can be tried with plain terraform and no cloud account.
//
// Its first line on standard output is always
//
//	cloudcmd-fake listening on http://HOST:PORT
//
// naming the address it actually bound (so "-listen 127.0.0.1:0" picks a free
// port and scripts read the URL from that line), https://HOST:PORT with -tls. It stops cleanly on SIGINT or
// SIGTERM. Run it with -help for the flags and the fleet file format.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/fleet"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/fakecloud/script"
)

const (
	programName   = "cloudcmd-fake"
	defaultListen = "127.0.0.1:8787"

	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usageText = `Usage: cloudcmd-fake [flags]

Serves an in-memory fake of the Tencent Cloud TAT API (2020-10-28) and the
Alibaba Cloud ECS Cloud Assistant API (2014-05-26) on one HTTP listener.
Requests are routed by the headers each vendor's SDK sends, every signature
is verified against the credentials below, and all state is kept in memory
and lost on exit.

The first line written to standard output is

    cloudcmd-fake listening on http://HOST:PORT

with the address actually bound, so "-listen 127.0.0.1:0" picks a free port.
Point the provider's endpoint settings at that URL. GET /_fake/health answers
"ok".

With -tls the fake serves HTTPS, for clients that insist on it (tccli, the
Python SDKs): it generates a self-signed certificate at start (ECDSA, valid
for 127.0.0.1, ::1, localhost and the -listen host), writes it as PEM to
-tls-cert-out (or a temporary file, removed on exit, named on stderr), and
the line reads https://HOST:PORT. Trust that file: SSL_CERT_FILE=FILE for
Go programs such as terraform-provider-cloudcmd (endpoint
https://127.0.0.1:PORT), REQUESTS_CA_BUNDLE=FILE for tccli and other Python
clients, curl --cacert FILE. SIGINT or SIGTERM stops the server cleanly (exit status 0).

As the clouds do, the fake forgets an invocation some time after it has
finished (-tencent-record-retention, -alicloud-record-retention; four weeks
unless set): it is then answered as one that never existed. Schedules that
may still run are kept.

Faults (throttling, server errors, dropped connections, latency) and the
vendors' documented rate limits can be switched on with the flags below, or
at run time through /_fake/faults; /_fake/counters reports requests, faults
and effects. internal/fakecloud/FAULTS.md has the details.

Flags:
`

const fleetText = `
Fleet file (-fleet FILE):
  Every well-formed instance ID (ins-xxxxxxxx, lhins-xxxxxxxx or managed
  rins-xxxxxxxx for Tencent Cloud, i-... or managed mi-... for Alibaba Cloud)
  is taken to be a running instance with an online agent. A fleet file declares the exceptions, and the tags that
  Alibaba Cloud's tag-based targeting selects instances by:

    {
      "instances": [
        {"id": "ins-down0001", "state": "stopped"},
        {"id": "ins-noagent1", "state": "agent-not-installed"},
        {"id": "i-offline0000000000001", "state": "agent-offline"},
        {"id": "ins-new00001", "state": "agent-offline", "online_after": "30s"},
        {"id": "i-gone0000000000000001", "state": "not-found"},
        {"id": "i-web00000000000000001", "state": "running", "tags": {"role": "web"}},
        {"id": "ins-broken01", "state": "running",
         "programs": {"curl": {"missing": true},
                      "systemctl": {"exit_code": 5, "output": "Job failed\n"}}}
      ]
    }

  "id" is required; "state" is one of running, stopped, agent-offline,
  agent-not-installed, not-found; "tags" is optional. "online_after" (a Go
  duration, only with agent-offline) brings the agent online that long after
  the fake started: a new instance whose agent is still starting.
  "programs" changes programs of the instance's simulated shell, by name:
  "missing" takes one away (command not found, 127), "exit_code" (1 to 255,
  with an optional "output") makes every run of it fail. A file
  that does not parse, or names an unknown state, stops the program with an
  error.
`

const faultsText = `
Fault rules (-faults RULES, repeatable):
  VENDOR:ACTION:KIND=VALUE,... with several rules separated by ";", e.g.

    -faults 'tencent:*:throttle=0.1,5xx=0.1;alicloud:RunCommand:drop_after=0.05'

  VENDOR is tencent or alicloud; ACTION an action name, or * for every action
  without a rule of its own. KIND is throttle, 5xx, drop_before, drop_after,
  truncate, 5xx_after (the service acts, then the client gets its server
  error) (rates from 0 to 1, adding up to at most 1) or latency (100ms, or a range
  such as 50ms-200ms). -faults-file FILE takes the JSON that GET
  /_fake/faults shows:

    {"enforce_rate_limits": true, "seed": 1,
     "rules": [{"vendor": "tencent", "action": "*", "throttle": 0.1, "5xx": 0.1}]}

  Rules from -faults replace the file's for the same vendor and action, and
  -enforce-rate-limits and -seed, when given, override the file's settings.
  At run time:

    curl -X PUT -d '{"throttle": 0.1}' http://HOST:PORT/_fake/faults/tencent/InvokeCommand
    curl http://HOST:PORT/_fake/counters
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the command line asks for.
type config struct {
	listen     string
	fleetFile  string
	exec       bool
	tls        bool
	tlsCertOut string
	faultRules []fakecloud.FaultRule // from -faults, in order
	faultsFile string
	given      map[string]bool // the flags set on the command line
	opts       fakecloud.Options
}

// parseFlags reads the command line. It returns flag.ErrHelp when -help was
// asked for, after printing the usage to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet(programName, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		_, _ = io.WriteString(stderr, usageText)
		fs.PrintDefaults()
		_, _ = io.WriteString(stderr, fleetText)
		_, _ = io.WriteString(stderr, faultsText)
	}

	fs.StringVar(&cfg.listen, "listen", defaultListen, "`address` to listen on, as HOST:PORT; port 0 picks a free one")
	fs.StringVar(&cfg.opts.TencentSecretID, "tencent-secret-id", fakecloud.DefaultTencentSecretID, "Tencent Cloud SecretId that requests must be signed with")
	fs.StringVar(&cfg.opts.TencentSecretKey, "tencent-secret-key", fakecloud.DefaultTencentSecretKey, "Tencent Cloud SecretKey that requests must be signed with")
	fs.StringVar(&cfg.opts.TencentSecurityToken, "tencent-security-token", "", "when set, a Tencent Cloud request carrying X-TC-Token must carry this token")
	fs.StringVar(&cfg.opts.AlicloudAccessKey, "alicloud-access-key", fakecloud.DefaultAlicloudAccessKey, "Alibaba Cloud AccessKey ID that requests must be signed with")
	fs.StringVar(&cfg.opts.AlicloudSecretKey, "alicloud-secret-key", fakecloud.DefaultAlicloudSecretKey, "Alibaba Cloud AccessKey secret that requests must be signed with")
	fs.StringVar(&cfg.opts.AlicloudSecurityToken, "alicloud-security-token", "", "when set, an Alibaba Cloud request carrying x-acs-security-token must carry this token")
	fs.StringVar(&cfg.fleetFile, "fleet", "", "JSON `file` declaring instances that are not simply running (format below)")
	fs.BoolVar(&cfg.opts.Realistic, "realistic", false, "make status changes take simulated time (delivery, run, upload) instead of happening at once")
	fs.DurationVar(&cfg.opts.TencentRecordRetention, "tencent-record-retention", fakecloud.DefaultTencentRecordRetention,
		"how long a finished TAT invocation is kept, as a Go `duration`; after it, the invocation, its tasks and its invoker record are answered as unknown")
	fs.DurationVar(&cfg.opts.AlicloudRecordRetention, "alicloud-record-retention", fakecloud.DefaultAlicloudRecordRetention,
		"how long a finished ECS invocation is kept, as a Go `duration` (the vendor documents four weeks); after it, its InvokeId is answered as unknown")
	fs.Func("faults", "fault `rules` to inject, as VENDOR:ACTION:KIND=VALUE,... (format below); repeatable", func(text string) error {
		rules, err := fakecloud.ParseFaultRules(text)
		cfg.faultRules = append(cfg.faultRules, rules...)
		return err
	})
	fs.StringVar(&cfg.faultsFile, "faults-file", "", "JSON `file` of fault rules and settings, as GET /_fake/faults shows them")
	fs.BoolVar(&cfg.opts.EnforceRateLimits, "enforce-rate-limits", false, "answer requests beyond the vendors' documented rate limits (20/s per TAT action, 1000/60s for ECS RunCommand) with the vendor's throttling error")
	fs.Uint64Var(&cfg.opts.FaultSeed, "seed", 0, "seed of the random source fault rules draw from")
	fs.BoolVar(&cfg.exec, "exec", false, "really run shell scripts (TAT SHELL, one-time ECS RunShellScript) on this machine with /bin/sh, capturing their exit code and output\n(off: scripts are simulated; see EXECUTION.md). Only for trusted configurations: anyone who can reach the fake runs commands as you")

	fs.StringVar(&cfg.opts.AdminToken, "admin-token", "", "`token` the /_fake/ endpoints require as \"Authorization: Bearer TOKEN\" (default: none on loopback; beyond it, one generated at start and printed once)")
	fs.BoolVar(&cfg.tls, "tls", false, "serve HTTPS with a self-signed certificate generated at start (see -tls-cert-out)")
	fs.StringVar(&cfg.tlsCertOut, "tls-cert-out", "", "with -tls, `file` to write the certificate to as PEM, for clients to trust (default: a temporary file, named on stderr and removed on exit)")

	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { cfg.given[f.Name] = true })
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q (all settings are flags; see -help)", fs.Arg(0))
	}
	if cfg.listen == "" {
		return config{}, errors.New("-listen must not be empty")
	}
	if cfg.tlsCertOut != "" && !cfg.tls {
		return config{}, errors.New("-tls-cert-out needs -tls")
	}
	for _, flag := range []struct {
		name  string
		value time.Duration
	}{
		{"tencent-record-retention", cfg.opts.TencentRecordRetention},
		{"alicloud-record-retention", cfg.opts.AlicloudRecordRetention},
	} {
		if flag.value <= 0 {
			return config{}, fmt.Errorf("-%s must be a positive duration, got %s", flag.name, flag.value)
		}
	}
	if err := refuseRemoteShell(cfg); err != nil {
		return config{}, err
	}
	if cfg.exec {
		cfg.opts.Executor = script.ShellExecutor{}
		cfg.opts.RefuseBrowsers = true
	}
	return cfg, nil
}

// generateSecrets replaces what the published defaults would otherwise
// allow, and returns the lines that tell the user the generated values:
// with -exec, keys not given on the command line, since a signed request
// then runs a command on this machine; beyond loopback, the admin token.
func generateSecrets(cfg *config) ([]string, error) {
	var notes []string
	if cfg.exec {
		for _, key := range []struct {
			flag, prefix string
			value        *string
		}{
			{"tencent-secret-id", "AKIDfake", &cfg.opts.TencentSecretID},
			{"tencent-secret-key", "", &cfg.opts.TencentSecretKey},
			{"alicloud-access-key", "LTAIfake", &cfg.opts.AlicloudAccessKey},
			{"alicloud-secret-key", "", &cfg.opts.AlicloudSecretKey},
		} {
			if cfg.given[key.flag] {
				continue
			}
			secret, err := randomText(16)
			if err != nil {
				return nil, err
			}
			*key.value = key.prefix + secret
			notes = append(notes, fmt.Sprintf("-%s %s", key.flag, *key.value))
		}
	}
	if cfg.opts.AdminToken == "" && !loopbackListen(cfg.listen) {
		token, err := randomText(16)
		if err != nil {
			return nil, err
		}
		cfg.opts.AdminToken = token
		notes = append(notes, "-admin-token "+token)
	}
	return notes, nil
}

func randomText(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("cannot generate a secret: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// refuseRemoteShell keeps the fake from becoming a shell for the network:
// -exec runs every script it is sent on this machine, and the default
// credentials are published in the README, so either on a listener that
// other machines can reach would let anyone run commands as this user.
func refuseRemoteShell(cfg config) error {
	if loopbackListen(cfg.listen) {
		return nil
	}
	if cfg.exec {
		return fmt.Errorf("-exec is refused on %s, which is not a loopback address: anyone who can reach it could run commands on this machine", cfg.listen)
	}
	o := cfg.opts
	if o.TencentSecretKey == fakecloud.DefaultTencentSecretKey || o.AlicloudSecretKey == fakecloud.DefaultAlicloudSecretKey {
		return fmt.Errorf("the default credentials are refused on %s, which is not a loopback address: they are published; "+
			"set -tencent-secret-key and -alicloud-secret-key (and their IDs) to your own", cfg.listen)
	}
	return nil
}

// loopbackListen reports whether a listen address accepts connections from
// this machine only: a loopback IP or localhost. An empty host listens on
// every interface.
func loopbackListen(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// run is the whole program: it serves until ctx is done and returns the exit
// status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", programName, err)
		return exitUsage
	}

	if cfg.fleetFile != "" {
		f, err := fleet.Load(cfg.fleetFile)
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot load fleet: %v\n", programName, err)
			return exitError
		}
		cfg.opts.Fleet = f
	}

	generated, err := generateSecrets(&cfg)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", programName, err)
		return exitError
	}

	faults, err := faultConfig(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "%s: cannot load faults: %v\n", programName, err)
		return exitError
	}
	server := fakecloud.New(cfg.opts)
	if err := server.Faults().Apply(faults); err != nil {
		fmt.Fprintf(stderr, "%s: cannot load faults: %v\n", programName, err)
		return exitError
	}
	url, removeCertificate, err := listen(server, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", programName, err)
		return exitError
	}
	defer removeCertificate()
	if len(generated) > 0 {
		fmt.Fprintf(stderr, "%s: generated for this run, shown once: %s\n", programName, strings.Join(generated, " "))
	}
	if _, err := fmt.Fprintf(stdout, "%s listening on %s\n", programName, url); err != nil {
		_ = server.Close()
		fmt.Fprintf(stderr, "%s: %v\n", programName, err)
		return exitError
	}

	reportFaults(stderr, server.Faults())

	<-ctx.Done()
	fmt.Fprintf(stderr, "%s: shutting down\n", programName)
	if err := server.Close(); err != nil {
		fmt.Fprintf(stderr, "%s: shutdown: %v\n", programName, err)
		return exitError
	}
	return exitOK
}

// listen starts the server on cfg.listen, over HTTPS with -tls, and returns
// its URL and what to do on exit.
func listen(server *fakecloud.Server, cfg config, stderr io.Writer) (string, func(), error) {
	nothing := func() {}
	if !cfg.tls {
		url, err := server.Start(cfg.listen)
		if err != nil {
			return "", nothing, fmt.Errorf("cannot listen on %s: %w", cfg.listen, err)
		}
		return url, nothing, nil
	}
	host, _, _ := net.SplitHostPort(cfg.listen)
	cert, err := fakecloud.NewCertificate(host)
	if err != nil {
		return "", nothing, fmt.Errorf("cannot make a TLS certificate: %w", err)
	}
	path, remove, err := writeCertificate(cfg.tlsCertOut, cert.PEM)
	if err != nil {
		return "", nothing, fmt.Errorf("cannot write the TLS certificate: %w", err)
	}
	url, err := server.StartTLS(cfg.listen, cert)
	if err != nil {
		remove()
		return "", nothing, fmt.Errorf("cannot listen on %s: %w", cfg.listen, err)
	}
	fmt.Fprintf(stderr, "%s: serving HTTPS; its certificate is in %s: trust it with SSL_CERT_FILE=%[2]s (Go) or REQUESTS_CA_BUNDLE=%[2]s (Python)\n",
		programName, path)
	return url, remove, nil
}

// writeCertificate writes the certificate to path, or to a new temporary
// file when path is empty, which the returned function removes. The
// certificate is public: anyone may read the file.
func writeCertificate(path string, certPEM []byte) (string, func(), error) {
	if path != "" {
		//nolint:gosec // a certificate, not a secret: clients must read it
		return path, func() {}, os.WriteFile(path, certPEM, 0o644)
	}
	f, err := os.CreateTemp("", "cloudcmd-fake-*.pem")
	if err != nil {
		return "", nil, err
	}
	remove := func() { _ = os.Remove(f.Name()) }
	_, err = f.Write(certPEM)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		remove()
		return "", nil, err
	}
	return f.Name(), remove, nil
}

// faultConfig merges the fault settings of -faults-file, -faults,
// -enforce-rate-limits and -seed. Flags given on the command line win over
// the file.
func faultConfig(cfg config) (fakecloud.FaultConfig, error) {
	var faults fakecloud.FaultConfig
	if cfg.faultsFile != "" {
		var err error
		if faults, err = fakecloud.LoadFaultConfig(cfg.faultsFile); err != nil {
			return fakecloud.FaultConfig{}, err
		}
	}
	faults.Rules = mergeRules(faults.Rules, cfg.faultRules)
	if cfg.given["enforce-rate-limits"] || faults.EnforceRateLimits == nil {
		faults.EnforceRateLimits = &cfg.opts.EnforceRateLimits
	}
	if cfg.given["seed"] || faults.Seed == nil {
		faults.Seed = &cfg.opts.FaultSeed
	}
	return faults, nil
}

// mergeRules returns base with each of overrides added, replacing a base
// rule for the same vendor and action; a later override wins too.
func mergeRules(base, overrides []fakecloud.FaultRule) []fakecloud.FaultRule {
	var merged []fakecloud.FaultRule
	index := map[[2]string]int{}
	for _, rule := range append(append([]fakecloud.FaultRule(nil), base...), overrides...) {
		key := [2]string{rule.Vendor, rule.Action}
		if i, seen := index[key]; seen {
			merged[i] = rule
			continue
		}
		index[key] = len(merged)
		merged = append(merged, rule)
	}
	return merged
}

// reportFaults tells the operator, on stderr, which faults are on: a fake
// that misbehaves on purpose should say so.
func reportFaults(stderr io.Writer, faults *fakecloud.Faults) {
	for _, rule := range faults.Rules() {
		fmt.Fprintf(stderr, "%s: fault rule %s\n", programName, rule)
	}
	if faults.EnforceRateLimits() {
		fmt.Fprintf(stderr, "%s: enforcing the documented rate limits\n", programName)
	}
}
