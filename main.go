// Command terraform-provider-cloudcmd serves the cloudcmd Terraform provider.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/provider"
)

// version and commit are stamped at build time, by goreleaser for releases
// and by `make build` from git: -ldflags "-X main.version=1.2.3 -X main.commit=abc1234".
var (
	version = "dev"
	commit  = ""
)

const (
	// drainTimeout bounds how long a stopping provider waits for its runs
	// to answer terraform; their final reads get at least 10 seconds each.
	drainTimeout = 45 * time.Second
	// answerGrace lets the last answers reach terraform before the process
	// exits: a wait is released just before its answer is sent.
	answerGrace = 2 * time.Second
)

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.BoolVar(&showVersion, "version", false, "print the provider's version and exit")
	flag.Parse()
	if showVersion {
		fmt.Println(versionLine())
		return
	}
	quietLogsUnlessShown()

	lifetime := conns.NewLifetime()
	go stopOnSIGTERM(lifetime)

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	serve := provider.Server(provider.NewStoppable(version, lifetime))
	server, err := serve()
	if err != nil {
		log.Fatal(err)
	}
	err = tf6server.Serve("registry.terraform.io/cloudcmd/cloudcmd", func() tfprotov6.ProviderServer { return server }, opts...)
	if err != nil {
		log.Fatal(err)
	}
}

// versionLine is what -version prints: the binary, its version and, when
// stamped, the commit it was built from.
func versionLine() string {
	line := "terraform-provider-cloudcmd " + version
	if commit != "" {
		line += " (" + commit + ")"
	}
	return line
}

// quietLogsUnlessShown switches the provider's logs off when terraform
// will not show them: no TF_LOG variable of any kind is set. The plugin
// framework logs every step of every request at TRACE, and terraform drops
// what TF_LOG did not ask for only after the provider has formatted and
// sent it: over a plan of a thousand resources, that is two fifths of the
// time. Any TF_LOG variable (TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK...) leaves
// the logs as terraform-plugin-log sets them.
func quietLogsUnlessShown() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "OFF")
	}
}

// stopOnSIGTERM turns a SIGTERM sent to the provider alone (a CI runner or
// an operator killing it) into an orderly stop: the runs being waited for
// are answered to terraform, which records them, tainted, and only then
// does the process exit. Terraform's own interrupt (Ctrl-C) reaches the
// provider as a cancelled request instead, and needs nothing from here.
func stopOnSIGTERM(lifetime *conns.Lifetime) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM)
	<-signals
	lifetime.Stop()
	if !lifetime.Drain(drainTimeout) {
		log.Printf("[WARN] stopping with runs still unanswered after %s", drainTimeout)
	}
	time.Sleep(answerGrace)
	os.Exit(1)
}
