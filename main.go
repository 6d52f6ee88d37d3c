// Command terraform-provider-livechat serves the livechat Terraform provider.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/provider"
)

// Set by goreleaser through -ldflags.
var (
	version = "dev"
	commit  = "none"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/livechat-terraform/livechat",
		Debug:   debug,
	})
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
