// Command terraform-provider-livechat serves the livechat Terraform provider.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

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
	if path := os.Getenv("LIVECHAT_STATS_FILE"); path != "" {
		writeStats(path)
	}
	if err != nil {
		log.Fatalf("provider %s (%s): %v", version, commit, err)
	}
}

// writeStats appends one JSON line with what this provider process sent
// and its peak resident memory; `make bench` and `make soak` read it.
func writeStats(path string) {
	line, _ := json.Marshal(map[string]any{"client": provider.RunStats(), "peak_rss_kb": peakRSSKB()})
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.Write(append(line, '\n'))
}

// peakRSSKB reads VmHWM (Linux); 0 elsewhere.
func peakRSSKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
