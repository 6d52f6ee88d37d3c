//go:build livechat_stats

// The benchmark build (`go build -tags livechat_stats`, as internal/tools/scale builds it): the
// provider appends what it sent and its peak memory to LIVECHAT_STATS_FILE when Terraform is done
// with it. Release builds have none of this.

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/provider"
)

func init() {
	stopProfile := startCPUProfile(os.Getenv("LIVECHAT_CPU_PROFILE_DIR"))
	afterServe = func() {
		stopProfile()
		if path := os.Getenv("LIVECHAT_STATS_FILE"); path != "" {
			writeStats(path)
		}
	}
}

// startCPUProfile profiles this provider process into dir/cpu-<pid>.pprof when dir is set (e.g.
// `scale -env LIVECHAT_CPU_PROFILE_DIR=/tmp/prof`: one file per Terraform command) and returns
// what stops it.
func startCPUProfile(dir string) func() {
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, "cpu-"+strconv.Itoa(os.Getpid())+".pprof"))
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
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
