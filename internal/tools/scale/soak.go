package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// runSoak applies n objects under faults once per seed at each propagation
// delay, and checks: apply succeeds, no duplicate and no orphan, the plan
// after apply is empty, destroy leaves only the license defaults.
func runSoak(ctx context.Context, h *harness, n int, seeds []uint64, rate float64, delays []time.Duration) error {
	fmt.Println("| delay | seed | objects | faults injected | retries | creates recovered | problems | plan after apply | apply wall |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, delay := range delays {
		for _, seed := range seeds {
			if err := soakOnce(ctx, h, n, seed, rate, delay); err != nil {
				return fmt.Errorf("seed %d at %s: %w", seed, delay, err)
			}
		}
	}
	return nil
}

// soakOnce is one seed at one delay: a fresh emulator, apply, plan, destroy.
func soakOnce(ctx context.Context, h *harness, n int, seed uint64, rate float64, delay time.Duration) error {
	faults := emulator.Faults{Rate: rate, Seed: seed, SlowDelay: 4 * time.Second}
	em, err := startEmulator(emulator.Options{PropagationDelay: delay, Faults: faults})
	if err != nil {
		return err
	}
	defer em.close()
	defaults, err := stateCounts(em)
	if err != nil {
		return err
	}
	dir, want, err := writeConfig(h.dir, n, kinds)
	if err != nil {
		return err
	}
	env := []string{"LIVECHAT_MAX_RETRIES=20", "LIVECHAT_REQUEST_TIMEOUT=2s",
		"LIVECHAT_CREATE_RECOVERY_WINDOW=" + (3 * delay).String()}
	fmt.Fprintf(os.Stderr, "soak: seed %d, %d objects, %.0f%% faults, %s propagation delay\n", seed, n, rate*100, delay)
	if targets := faultFreeTargets(want); len(targets) > 0 {
		em.SetFaults(emulator.Faults{})
		args := append([]string{"apply", "-auto-approve", "-input=false", "-parallelism=10"}, targets...)
		if _, err := h.terraform(ctx, em, dir, env, args...); err != nil {
			return fmt.Errorf("fault-free first apply: %w", err)
		}
		em.SetFaults(faults)
	}
	apply, err := h.terraform(ctx, em, dir, env, "apply", "-auto-approve", "-input=false", "-parallelism=10")
	if err != nil {
		return err
	}
	got, err := stateCounts(em)
	if err != nil {
		return err
	}
	problems := compareCounts(defaults, want, got)
	plan, err := h.terraform(ctx, em, dir, env, "plan", "-input=false", "-detailed-exitcode", "-parallelism=10")
	if err != nil {
		return err
	}
	if plan.ExitCode != 0 {
		problems = append(problems, "the plan after apply is not empty")
	}
	if _, err := h.terraform(ctx, em, dir, env, "destroy", "-auto-approve", "-input=false", "-parallelism=10"); err != nil {
		return err
	}
	after, err := stateCounts(em)
	if err != nil {
		return err
	}
	problems = append(problems, compareCounts(defaults, leftovers(want), after)...)
	forgotten, err := checkForgotten(em)
	if err != nil {
		return err
	}
	problems = append(problems, forgotten...)
	total := 0
	for _, c := range want {
		total += c
	}
	fmt.Printf("| %s | %d | %d | %v | %d | %d | %d | %s | %s |\n", delay, seed, total, em.FaultCounts(), apply.Client.Retries+plan.Client.Retries,
		apply.Client.Recovered, len(problems), map[bool]string{true: "empty", false: "NOT EMPTY"}[plan.ExitCode == 0], apply.Wall.Round(time.Second))
	if len(problems) > 0 {
		return fmt.Errorf("%v", problems)
	}
	return nil
}

// stateCounts counts the objects of each kind in the emulator's
// authoritative state, by the key that must be unique.
func stateCounts(em *emulatorRun) (map[string]map[string]int, error) {
	st, err := emulatorState(em)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]int{}
	for _, k := range kinds {
		if k.keys == nil {
			continue
		}
		out[k.name] = map[string]int{}
		for _, key := range k.keys(st) {
			out[k.name][key]++
		}
	}
	return out, nil
}

func emulatorState(em *emulatorRun) (*emulator.State, error) {
	b, err := em.StateJSON()
	if err != nil {
		return nil, err
	}
	var st emulator.State
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// leftovers is what destroy must leave beyond the license defaults: the
// objects of the kinds the API cannot delete.
func leftovers(want map[string]int) map[string]int {
	out := map[string]int{}
	for _, k := range kinds {
		if k.leftover {
			out[k.name] = want[k.name]
		}
	}
	return out
}

// compareCounts reports duplicates, missing objects (want[kind] of them
// beyond the defaults) and orphans.
func compareCounts(defaults map[string]map[string]int, want map[string]int, got map[string]map[string]int) []string {
	var problems []string
	for kind, names := range got {
		extra := 0
		for name, c := range names {
			if c > 1 {
				problems = append(problems, fmt.Sprintf("%s %q exists %d times", kind, name, c))
			}
			if defaults[kind][name] == 0 {
				extra++
			}
		}
		if extra != want[kind] {
			problems = append(problems, fmt.Sprintf("%s: %d objects beyond the license defaults, want %d", kind, extra, want[kind]))
		}
	}
	return problems
}

// checkForgotten reports leftovers that destroy should have switched off:
// a campaign must be disabled, a solution license's subscription closed.
func checkForgotten(em *emulatorRun) ([]string, error) {
	st, err := emulatorState(em)
	if err != nil {
		return nil, err
	}
	var problems []string
	if st.Partner != nil {
		for _, c := range st.Partner.Campaigns {
			if c.Active {
				problems = append(problems, fmt.Sprintf("campaign %q is still active after destroy", c.Slug))
			}
		}
		for _, l := range st.Partner.SolutionLicenses {
			if l.Subscribed {
				problems = append(problems, fmt.Sprintf("solution license %s still has an open subscription after destroy", l.ID))
			}
		}
	}
	return problems, nil
}
