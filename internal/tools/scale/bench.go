package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// benchOptions is the matrix of `-mode bench`.
type benchOptions struct {
	mixes        []string
	sizes        []int
	latencies    []time.Duration
	coalesce     []bool
	floors       bool
	delayMix     string
	delayN       int
	delays       []time.Duration // the demo-size mix at each propagation delay (empty: skip)
	rateMix      string
	rateN        []int
	rateLimits   []float64 // the emulator's -rate-limit of the throttled runs (empty: skip)
	agents       int
	parallelisms []int
	env          []string // extra environment of every run (e.g. GOMEMLIMIT=off)
	out          string
}

// run is one configuration measured against a fresh emulator.
type run struct {
	mix       configMix
	n         int
	latency   time.Duration
	delay     time.Duration // emulator propagation delay
	rateLimit float64       // emulator rate limit, requests per second (0: none)
	coalesce  bool
	commands  []string // apply, plan, destroy
}

type benchRow struct {
	run
	objects   int // resources in the configuration
	types     int // resource types in it
	depth     int // longest chain of references
	phases    []phase
	throttled int      // requests the emulator's rate limit refused
	problems  []string // duplicates or missing objects after the apply
}

// floorRow is one floor: the same count of objects that call no API.
type floorRow struct {
	name   string // terraform_data or noop
	n      int
	phases []phase
}

// agentsRow is one run of the batched-writes benchmark: only agents.
type agentsRow struct {
	n           int
	parallelism int
	coalesce    bool
	phases      []phase
}

// benchResults is everything one `make bench` measured.
type benchResults struct {
	opts      benchOptions
	floors    []floorRow
	rows      []benchRow // the mixes
	delayed   []benchRow // the demo-size mix at each propagation delay
	throttled []benchRow // applies against the emulator's rate limit
	agents    []agentsRow
	stopped   string // the error that ended the run before its last row ("" when it ran through)
	commit    string // builtFrom, taken before the run writes its report into the work tree
}

// save writes the report of what is measured so far to o.out: a run of over an hour that fails in
// its last rows keeps the rows before.
func (r *benchResults) save() error {
	if r.opts.out == "" {
		return nil
	}
	return os.WriteFile(r.opts.out, []byte(r.report()), 0o644)
}

// stop records err as what ended the run, saves the rows measured before it and returns err.
func (r *benchResults) stop(err error) error {
	r.stopped = err.Error()
	if serr := r.save(); serr != nil {
		fmt.Fprintf(os.Stderr, "bench: saving the report: %v\n", serr)
	}
	return err
}

var allCommands = []string{"apply", "plan", "destroy"}

func runBench(ctx context.Context, h *harness, o benchOptions) error {
	res := benchResults{opts: o, commit: builtFrom()}
	if o.floors {
		for _, n := range o.sizes {
			for _, name := range []string{floorTerraformData, floorNoop} {
				fmt.Fprintf(os.Stderr, "bench: floor %s N=%d\n", name, n)
				f, err := benchFloor(ctx, h, name, n, o.env)
				if err != nil {
					return res.stop(err)
				}
				res.floors = append(res.floors, f)
				logPhases(f.phases)
			}
		}
	}
	for _, name := range o.mixes {
		mix, err := mixNamed(name)
		if err != nil {
			return res.stop(err)
		}
		for _, n := range o.sizes {
			for _, lat := range o.latencies {
				for _, co := range o.coalesce {
					row, err := benchOne(ctx, h, run{mix: mix, n: n, latency: lat, coalesce: co, commands: allCommands}, o.env)
					if err != nil {
						return res.stop(err)
					}
					res.rows = append(res.rows, row)
					_ = res.save()
				}
			}
		}
	}
	if len(o.delays) > 0 {
		mix, err := mixNamed(o.delayMix)
		if err != nil {
			return res.stop(err)
		}
		for _, d := range o.delays {
			row, err := benchOne(ctx, h, run{mix: mix, n: o.delayN, delay: d, coalesce: true, commands: allCommands}, o.env)
			if err != nil {
				return res.stop(err)
			}
			res.delayed = append(res.delayed, row)
			_ = res.save()
		}
	}
	if len(o.rateLimits) > 0 {
		mix, err := mixNamed(o.rateMix)
		if err != nil {
			return res.stop(err)
		}
		for _, n := range o.rateN {
			for _, limit := range o.rateLimits {
				row, err := benchOne(ctx, h, run{mix: mix, n: n, rateLimit: limit, coalesce: true, commands: []string{"apply", "plan"}}, o.env)
				if err != nil {
					return res.stop(err)
				}
				res.throttled = append(res.throttled, row)
				_ = res.save()
			}
		}
	}
	if o.agents > 0 {
		for _, par := range o.parallelisms {
			for _, co := range o.coalesce {
				fmt.Fprintf(os.Stderr, "bench: %d agents, -parallelism=%d, coalesce=%v\n", o.agents, par, co)
				row, err := benchAgents(ctx, h, o.agents, par, co, o.env)
				if err != nil {
					return res.stop(err)
				}
				res.agents = append(res.agents, row)
				logPhases(row.phases)
			}
		}
	}
	fmt.Print(res.report())
	return res.save()
}

// logPhases prints every call of each phase on stderr; the report keeps the busiest.
func logPhases(phases []phase) {
	for _, p := range phases {
		fmt.Fprintf(os.Stderr, "  %-8s %8.1fs cpu %6.1fs %6d calls %8.1f KiB rss %6.1f MiB  %s\n", p.Name, p.Wall.Seconds(), p.CPU.Seconds(), p.Calls, float64(p.Bytes)/1024, float64(p.PeakRSSKB)/1024, topOps(p.ByOp, len(p.ByOp)))
	}
}

func tfArgs(command string, parallelism int) []string {
	par := fmt.Sprintf("-parallelism=%d", parallelism)
	if command == "plan" {
		return []string{"plan", "-input=false", "-detailed-exitcode", par}
	}
	return []string{command, "-auto-approve", "-input=false", par}
}

// benchOne applies, plans and destroys one configuration (the commands of
// r) against a fresh emulator. The plan after the apply must be empty.
func benchOne(ctx context.Context, h *harness, r run, env []string) (benchRow, error) {
	fmt.Fprintf(os.Stderr, "bench: mix=%s N=%d latency=%s delay=%s rate-limit=%g coalesce=%v\n", r.mix.name, r.n, r.latency, r.delay, r.rateLimit, r.coalesce)
	em, err := startEmulator(emulator.Options{Latency: r.latency, PropagationDelay: r.delay, Faults: emulator.Faults{RateLimit: r.rateLimit}})
	if err != nil {
		return benchRow{}, err
	}
	defer em.close()
	defaults, err := stateCounts(em)
	if err != nil {
		return benchRow{}, err
	}
	ks := r.mix.kinds()
	dir, c, err := writeConfig(h.dir, r.n, ks)
	if err != nil {
		return benchRow{}, err
	}
	row := benchRow{run: r, depth: depth(ks, c)}
	for _, k := range c {
		row.objects += k
		if k > 0 {
			row.types++
		}
	}
	env = append([]string{fmt.Sprintf("LIVECHAT_COALESCE_REQUESTS=%v", r.coalesce)}, env...)
	for _, command := range r.commands {
		p, err := h.terraform(ctx, em, dir, env, tfArgs(command, 10)...)
		if err != nil {
			return row, err
		}
		row.phases = append(row.phases, p)
		switch command {
		case "apply":
			got, err := stateCounts(em)
			if err != nil {
				return row, err
			}
			row.problems = compareCounts(defaults, c, got)
		case "plan":
			if p.ExitCode != 0 {
				return row, fmt.Errorf("the plan after apply is not empty (mix %s, N=%d)", r.mix.name, r.n)
			}
		}
	}
	row.throttled = em.FaultCounts()["rate_limit"]
	logPhases(row.phases)
	if len(row.problems) > 0 {
		fmt.Fprintf(os.Stderr, "  problems after the apply: %s\n", strings.Join(row.problems, "; "))
	}
	return row, nil
}

// benchAgents applies and destroys n agents at the given Terraform
// parallelism: how many requests the batched agent writes take.
func benchAgents(ctx context.Context, h *harness, n, parallelism int, coalesce bool, env []string) (agentsRow, error) {
	em, err := startEmulator(emulator.Options{})
	if err != nil {
		return agentsRow{}, err
	}
	defer em.close()
	dir, err := writeAgentsConfig(h.dir, n)
	if err != nil {
		return agentsRow{}, err
	}
	env = append([]string{fmt.Sprintf("LIVECHAT_COALESCE_REQUESTS=%v", coalesce)}, env...)
	row := agentsRow{n: n, parallelism: parallelism, coalesce: coalesce}
	for _, command := range []string{"apply", "destroy"} {
		p, err := h.terraform(ctx, em, dir, env, tfArgs(command, parallelism)...)
		if err != nil {
			return row, err
		}
		row.phases = append(row.phases, p)
	}
	return row, nil
}

// Floors: n objects of a configuration that calls no API.
const (
	floorTerraformData = "terraform_data" // Terraform's own floor: a built-in resource
	floorNoop          = "noop"           // the framework's floor: internal/tools/noopprovider
)

func benchFloor(ctx context.Context, h *harness, name string, n int, env []string) (floorRow, error) {
	dir, err := writeFloorConfig(h.dir, name, n)
	if err != nil {
		return floorRow{}, err
	}
	row := floorRow{name: name, n: n}
	for _, command := range allCommands {
		p, err := h.terraform(ctx, nil, dir, env, tfArgs(command, 10)...)
		if err != nil {
			return row, err
		}
		if command == "plan" && p.ExitCode != 0 {
			return row, fmt.Errorf("floor %s: the plan after apply is not empty", name)
		}
		row.phases = append(row.phases, p)
	}
	return row, nil
}
