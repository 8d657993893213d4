// Command terraform-provider-cloudcmd serves the cloudcmd Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/conns"
	"github.com/cloudcmd/terraform-provider-cloudcmd/internal/provider"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

const (
	// drainTimeout bounds how long a stopping provider waits for its runs
	// to answer terraform; their final reads have 30 seconds each.
	drainTimeout = 45 * time.Second
	// answerGrace lets the last answers reach terraform before the process
	// exits: a wait is released just before its answer is sent.
	answerGrace = 2 * time.Second
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	lifetime := conns.NewLifetime()
	go stopOnSIGTERM(lifetime)

	err := providerserver.Serve(context.Background(), provider.NewStoppable(version, lifetime), providerserver.ServeOpts{
		Address:         "registry.terraform.io/cloudcmd/cloudcmd",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
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
