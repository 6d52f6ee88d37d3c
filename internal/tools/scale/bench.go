package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

type benchRow struct {
	mix      string // "core" or "all" (mixKinds)
	n        int
	types    int // resource types in the configuration
	latency  time.Duration
	coalesce bool
	phases   []phase
}

// agentsRow is one run of the batched-writes benchmark: only agents.
type agentsRow struct {
	n           int
	parallelism int
	coalesce    bool
	phases      []phase
}

func runBench(ctx context.Context, h *harness, mixes []string, sizes []int, latencies []time.Duration, coalesce []bool, agents int, parallelisms []int, out string) error {
	var rows []benchRow
	for _, mix := range mixes {
		ks, err := mixKinds(mix)
		if err != nil {
			return err
		}
		for _, n := range sizes {
			for _, lat := range latencies {
				for _, co := range coalesce {
					fmt.Fprintf(os.Stderr, "bench: mix=%s N=%d latency=%s coalesce=%v\n", mix, n, lat, co)
					row, err := benchOne(ctx, h, mix, ks, n, lat, co)
					if err != nil {
						return err
					}
					rows = append(rows, row)
					logPhases(row.phases)
				}
			}
		}
	}
	var agentRows []agentsRow
	if agents > 0 {
		for _, par := range parallelisms {
			for _, co := range coalesce {
				fmt.Fprintf(os.Stderr, "bench: %d agents, -parallelism=%d, coalesce=%v\n", agents, par, co)
				row, err := benchAgents(ctx, h, agents, par, co)
				if err != nil {
					return err
				}
				agentRows = append(agentRows, row)
				logPhases(row.phases)
			}
		}
	}
	report := benchReport(rows, agentRows)
	fmt.Print(report)
	if out != "" {
		return os.WriteFile(out, []byte(report), 0o644)
	}
	return nil
}

// logPhases prints every call of each phase on stderr; the report keeps the busiest.
func logPhases(phases []phase) {
	for _, p := range phases {
		fmt.Fprintf(os.Stderr, "  %-8s %8.1fs %6d calls %8.1f KiB rss %6.1f MiB  %s\n", p.Name, p.Wall.Seconds(), p.Calls, float64(p.Bytes)/1024, float64(p.PeakRSSKB)/1024, topOps(p.ByOp, len(p.ByOp)))
	}
}

func benchOne(ctx context.Context, h *harness, mix string, ks []objectKind, n int, latency time.Duration, coalesce bool) (benchRow, error) {
	em, err := startEmulator(emulator.Options{Latency: latency})
	if err != nil {
		return benchRow{}, err
	}
	defer em.close()
	dir, c, err := writeConfig(h.dir, n, ks)
	if err != nil {
		return benchRow{}, err
	}
	env := []string{fmt.Sprintf("LIVECHAT_COALESCE_REQUESTS=%v", coalesce)}
	row := benchRow{mix: mix, n: n, latency: latency, coalesce: coalesce}
	for _, k := range c {
		if k > 0 {
			row.types++
		}
	}
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", "-parallelism=10"},
		{"plan", "-input=false", "-detailed-exitcode", "-parallelism=10"},
		{"destroy", "-auto-approve", "-input=false", "-parallelism=10"},
	} {
		p, err := h.terraform(ctx, em, dir, env, args...)
		if err != nil {
			return row, err
		}
		if args[0] == "plan" && p.ExitCode != 0 {
			return row, fmt.Errorf("the plan after apply is not empty (N=%d)", n)
		}
		row.phases = append(row.phases, p)
	}
	return row, nil
}

// benchAgents applies and destroys n agents at the given Terraform
// parallelism: how many requests the batched agent writes take.
func benchAgents(ctx context.Context, h *harness, n, parallelism int, coalesce bool) (agentsRow, error) {
	em, err := startEmulator(emulator.Options{})
	if err != nil {
		return agentsRow{}, err
	}
	defer em.close()
	dir, err := writeAgentsConfig(h.dir, n)
	if err != nil {
		return agentsRow{}, err
	}
	env := []string{fmt.Sprintf("LIVECHAT_COALESCE_REQUESTS=%v", coalesce)}
	row := agentsRow{n: n, parallelism: parallelism, coalesce: coalesce}
	par := fmt.Sprintf("-parallelism=%d", parallelism)
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", par},
		{"destroy", "-auto-approve", "-input=false", par},
	} {
		p, err := h.terraform(ctx, em, dir, env, args...)
		if err != nil {
			return row, err
		}
		row.phases = append(row.phases, p)
	}
	return row, nil
}

// mixTitles head each mix's section of the report and say what it holds.
var mixTitles = map[string][2]string{
	"core": {"Agents, groups, tags, canned responses, webhooks and properties",
		"The mix the performance issue names (" + strings.Join(coreKindNames, ", ") + "). " +
			"Canned responses sit in four groups and the API lists them one group at a time; webhooks fill one application's actions (three per action) before the next application's, and `list_webhooks` answers one application."},
	"all": {"Every resource type",
		"All the provider's resource types. Besides the mix above it holds the types whose Reads stay one request per object because no list shows their fields " +
			"(bots, goals other than `api`, solution organizations and licenses; see \"What cannot be coalesced\" in `API-NOTES.md`) and the per-application lists of bot templates."},
}

func benchReport(rows []benchRow, agentRows []agentsRow) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\nGenerated by `make bench` (`go run ./internal/tools/scale -mode bench`); do not edit by hand.\n\n")
	fmt.Fprintf(&b, "Machine: %s/%s, %d CPUs, %s; Terraform `-parallelism=10`; provider defaults (`rate_limit` 20/s, `max_retries` 5).\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	b.WriteString("Each row is a fresh emulator; the configurations come from `internal/tools/scale/generate.go`. ")
	b.WriteString("`plan` is the refresh of everything the apply created. API calls are counted at the emulator; peak RSS is the provider process's VmHWM.\n")
	var mixes []string
	for _, r := range rows {
		if !slices.Contains(mixes, r.mix) {
			mixes = append(mixes, r.mix)
		}
	}
	for _, mix := range mixes {
		var mine []benchRow
		for _, r := range rows {
			if r.mix == mix {
				mine = append(mine, r)
			}
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", mixTitles[mix][0], mixTitles[mix][1])
		b.WriteString("| N | types | latency | coalesce | phase | wall | API calls | KiB received | provider peak RSS | busiest calls |\n|---|---|---|---|---|---|---|---|---|---|\n")
		for _, r := range mine {
			for _, p := range r.phases {
				fmt.Fprintf(&b, "| %d | %d | %s | %v | %s | %.1fs | %d | %.0f | %.1f MiB | %s |\n", r.n, r.types, r.latency, r.coalesce, p.Name, p.Wall.Seconds(), p.Calls, float64(p.Bytes)/1024, float64(p.PeakRSSKB)/1024, topOps(p.ByOp, 3))
			}
		}
		b.WriteString(targetsReport(mine))
	}
	if len(agentRows) > 0 {
		b.WriteString("\n## Batched agent writes\n\nA configuration of agents only, no latency. Terraform holds one of its `-parallelism` slots per resource until the resource's Create returns, so a batch can carry at most that many items: at the default of 10, 500 agents need at least 50 `batch_create_agents` requests whatever the provider does. The consistency wait after each batch is one `list_agents` shared by the batch's items, so at 10 the floor is 100 calls.\n\n")
		b.WriteString("| agents | -parallelism | coalesce | phase | wall | API calls | KiB received | provider peak RSS | busiest calls |\n|---|---|---|---|---|---|---|---|---|\n")
		for _, r := range agentRows {
			for _, p := range r.phases {
				fmt.Fprintf(&b, "| %d | %d | %v | %s | %.1fs | %d | %.0f | %.1f MiB | %s |\n", r.n, r.parallelism, r.coalesce, p.Name, p.Wall.Seconds(), p.Calls, float64(p.Bytes)/1024, float64(p.PeakRSSKB)/1024, topOps(p.ByOp, 3))
			}
		}
		b.WriteString("\nAgainst the target (coalescing on):\n\n")
		for _, r := range agentRows {
			if r.coalesce && len(r.phases) > 0 {
				p := r.phases[0]
				fmt.Fprintf(&b, "- Apply of %d agents in <= 60 API calls, -parallelism=%d: %d — %s.\n", r.n, r.parallelism, p.Calls, met(p.Calls <= 60))
			}
		}
	}
	b.WriteString("\nReproduce: `make bench` (or, smaller, `go run ./internal/tools/scale -mode bench -mix core -n 100 -latency 0,50ms -coalesce true,false -agents 100 -agents-parallelism 10`).\n")
	return b.String()
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

// targetsReport sets one mix's measured figures against the targets of the
// performance issue. It states them; nothing fails when one is missed.
func targetsReport(rows []benchRow) string {
	var b strings.Builder
	b.WriteString("\nAgainst the targets (coalescing on):\n\n")
	find := func(n int, lat time.Duration, name string) *phase {
		for i := range rows {
			if rows[i].n == n && rows[i].latency == lat && rows[i].coalesce {
				for j := range rows[i].phases {
					if rows[i].phases[j].Name == name {
						return &rows[i].phases[j]
					}
				}
			}
		}
		return nil
	}
	seen := map[int]bool{}
	for _, r := range rows {
		if seen[r.n] || !r.coalesce {
			continue
		}
		seen[r.n] = true
		plan0, plan50 := find(r.n, 0, "plan"), find(r.n, 50*time.Millisecond, "plan")
		if plan0 != nil && plan50 != nil {
			ratio := plan50.Wall.Seconds() / plan0.Wall.Seconds()
			fmt.Fprintf(&b, "- N = %d, refresh at 50 ms latency within 1.3x of 0 ms: %.1fs / %.1fs = %.2fx — %s.\n", r.n, plan50.Wall.Seconds(), plan0.Wall.Seconds(), ratio, met(ratio <= 1.3))
		}
		if plan0 != nil {
			fmt.Fprintf(&b, "- N = %d, API calls per refresh <= 2 x %d resource types = %d: %d — %s (%s).\n", r.n, r.types, 2*r.types, plan0.Calls, met(plan0.Calls <= 2*r.types), topOps(plan0.ByOp, len(plan0.ByOp)))
		}
		var peak int64
		for _, name := range []string{"apply", "plan", "destroy"} {
			for _, lat := range []time.Duration{0, 50 * time.Millisecond} {
				if p := find(r.n, lat, name); p != nil {
					peak = max(peak, p.PeakRSSKB)
				}
			}
		}
		if r.n == 1000 {
			mb := float64(peak) * 1024 / 1e6
			fmt.Fprintf(&b, "- N = 1000, provider peak RSS <= 150 MB: %.0f MB (%.1f MiB) — %s.\n", mb, float64(peak)/1024, met(mb <= 150))
		}
	}
	return b.String()
}
