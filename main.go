// Command terraform-provider-livechat serves the livechat Terraform provider.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/provider"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/sdklog"
)

// Set by goreleaser through -ldflags.
var (
	version = "dev"
	commit  = "none"
)

// defaultMemoryLimit is the provider's soft memory limit when GOMEMLIMIT is
// not set. A refresh of a thousand resources keeps well under it live, but
// the garbage collector's default pacing lets the heap grow to twice what
// is live before collecting; near this limit it collects sooner instead. It
// is soft: a provider that needs more gets more, it only collects more often.
const defaultMemoryLimit = 100 << 20

// afterServe runs when Terraform is done with the provider: nothing, unless the binary is built
// with the livechat_stats tag for `make bench` and `make soak` (stats.go).
var afterServe = func() {}

func main() {
	var debugMode bool
	flag.BoolVar(&debugMode, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	sdklog.OffUnlessRequested()

	var opts []tf6server.ServeOpt
	if debugMode {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/livechat-terraform/livechat", provider.Server(version), opts...)
	afterServe()
	if err != nil {
		log.Fatalf("provider %s (%s): %v", version, commit, err)
	}
}
