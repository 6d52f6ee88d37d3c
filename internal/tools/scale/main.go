// Command scale applies generated configurations of many objects against an
// in-process emulator and measures what the provider does: `make bench`
// (wall time, API calls by action, bytes, provider peak RSS, with request
// coalescing on and off) and `make soak` (faults and propagation delay; the
// license must end with no duplicate and no orphan, and every plan after an
// apply must be empty). It is a measuring tool, not a test.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	mode := flag.String("mode", "bench", "bench or soak")
	mixes := flag.String("mix", "canned,core,all", "bench: configuration mixes (comma-separated): canned (canned responses only), core (the types the performance issue names) and all (every resource type)")
	sizes := flag.String("n", "100,1000", "object counts (comma-separated)")
	latencies := flag.String("latency", "0,50ms", "emulator latencies (comma-separated)")
	coalesce := flag.String("coalesce", "true,false", "coalesce_requests values to compare")
	floors := flag.Bool("floors", true, "bench: measure the floors (terraform_data and a no-op framework provider) at each -n")
	delayMix := flag.String("delay-mix", "all", "bench: mix of the propagation-delay runs")
	delayN := flag.Int("delay-n", 135, "bench: N of the propagation-delay runs (a license of demo size)")
	delays := flag.String("delays", "0,20s", "bench: emulator propagation delays of the demo-size runs (empty: skip)")
	rateMix := flag.String("rate-limit-mix", "core", "bench: mix of the rate-limited runs")
	rateN := flag.String("rate-limit-n", "60,1000", "bench: object counts of the rate-limited runs")
	rateLimits := flag.String("rate-limits", "2,10", "bench: emulator -rate-limit values (requests per second) of the rate-limited runs (empty: skip)")
	seeds := flag.String("seeds", "1,2,3,4,5", "soak: fault PRNG seeds, one run each")
	faultRate := flag.Float64("fault-rate", 0.2, "soak: fault probability per request")
	soakDelays := flag.String("propagation-delay", "5s", "soak: emulator propagation delays (comma-separated); every seed runs at each")
	agents := flag.Int("agents", 500, "bench: agents of the batched-writes benchmark (0: skip it)")
	parallelisms := flag.String("agents-parallelism", "10,100", "bench: Terraform -parallelism values of the batched-writes benchmark")
	env := flag.String("env", "", "bench: extra environment of every Terraform run, comma-separated KEY=value (e.g. GOMEMLIMIT=off)")
	out := flag.String("out", "", "bench: write the Markdown report here (e.g. BENCHMARKS.md)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	h, err := newHarness(ctx)
	if err != nil {
		fail(err)
	}
	defer h.cleanup()

	switch *mode {
	case "bench":
		err = runBench(ctx, h, benchOptions{
			mixes: split(*mixes), sizes: ints(*sizes), latencies: durations(*latencies), coalesce: bools(*coalesce),
			floors: *floors, delayMix: *delayMix, delayN: *delayN, delays: durations(*delays),
			rateMix: *rateMix, rateN: ints(*rateN), rateLimits: floats(*rateLimits),
			agents: *agents, parallelisms: ints(*parallelisms), env: split(*env), out: *out,
		})
	case "soak":
		err = runSoak(ctx, h, ints(*sizes)[0], uints(*seeds), *faultRate, durations(*soakDelays))
	default:
		err = fmt.Errorf("unknown -mode %q", *mode)
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scale:", err)
	os.Exit(1)
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func ints(s string) []int {
	var out []int
	for _, p := range split(s) {
		var n int
		if _, err := fmt.Sscan(p, &n); err != nil {
			fail(fmt.Errorf("%q is not a number", p))
		}
		out = append(out, n)
	}
	return out
}

func floats(s string) []float64 {
	var out []float64
	for _, p := range split(s) {
		var f float64
		if _, err := fmt.Sscan(p, &f); err != nil {
			fail(fmt.Errorf("%q is not a number", p))
		}
		out = append(out, f)
	}
	return out
}

func uints(s string) []uint64 {
	var out []uint64
	for _, n := range ints(s) {
		out = append(out, uint64(n))
	}
	return out
}

func durations(s string) []time.Duration {
	var out []time.Duration
	for _, p := range split(s) {
		if p == "0" {
			out = append(out, 0)
			continue
		}
		d, err := time.ParseDuration(p)
		if err != nil {
			fail(err)
		}
		out = append(out, d)
	}
	return out
}

func bools(s string) []bool {
	var out []bool
	for _, p := range split(s) {
		out = append(out, p == "true" || p == "on")
	}
	return out
}
