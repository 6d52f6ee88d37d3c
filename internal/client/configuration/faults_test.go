package configuration_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// faultyAPI starts an emulator that fails 30% of the requests, under seed,
// with 429, 500, 503, resets before and after the write is applied (the
// ambiguous kind) and the extra kinds; it stops with the test. The client
// retries fast; the emulator runs without delay, so the recovery window is short.
func faultyAPI(t *testing.T, seed uint64, coalesce bool, batchWindow time.Duration, extraKinds ...string) (*emulator.Running, *client.Client, *configuration.Client) {
	t.Helper()
	run, err := emulator.Start(emulator.Options{
		AccessTokens: []string{"dal:fault-test"},
		Faults: emulator.Faults{
			Rate: 0.3, Seed: seed,
			Kinds: append([]string{emulator.FaultRateLimited, emulator.Fault500, emulator.Fault503,
				emulator.FaultResetBefore, emulator.FaultResetAfter}, extraKinds...),
			// A Retry-After pauses the whole client, and a 429 slows it (MinPace keeps that short):
			// these runs test no duplicate and no loss, not the pace.
			RetryAfter: emulator.NoRetryAfter,
		},
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	core, err := client.New(client.Config{
		APIURL: run.URL, AccessToken: "dal:fault-test", MaxRetries: 12, Coalesce: coalesce,
		MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, RequestTimeout: 5 * time.Second,
		RecoverWindow: 200 * time.Millisecond, BatchWindow: batchWindow, MinPace: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	return run, core, configuration.New(core)
}

// stateOf is the emulator's authoritative state.
func stateOf(t *testing.T, run *emulator.Running) emulator.State {
	t.Helper()
	var state emulator.State
	b, _ := run.StateJSON()
	if err := json.Unmarshal(b, &state); err != nil {
		t.Fatal(err)
	}
	return state
}

// Under 30% mixed faults, the ambiguous kind (connection dropped after the
// write was applied) included, every create succeeds exactly once: nothing
// is lost and nothing is duplicated, with batching on and off.
func TestCreatesUnderFaults_NoDuplicateNoLoss(t *testing.T) {
	for _, coalesce := range []bool{false, true} {
		t.Run(fmt.Sprintf("coalesce=%v", coalesce), func(t *testing.T) {
			run, core, api := faultyAPI(t, 42, coalesce, 0, emulator.Fault502)
			const n = 30
			var wg sync.WaitGroup
			errs := make(chan error, 3*n)
			for i := range n {
				wg.Add(3)
				go func() {
					defer wg.Done()
					_, err := api.CreateGroup(t.Context(), configuration.GroupCreate{Name: fmt.Sprintf("group-%02d", i)})
					errs <- err
				}()
				go func() {
					defer wg.Done()
					errs <- api.CreateAgent(t.Context(), configuration.AgentCreate{ID: fmt.Sprintf("agent%02d@example.com", i), Name: "Agent"})
				}()
				go func() {
					defer wg.Done()
					errs <- api.CreateTag(t.Context(), fmt.Sprintf("tag-%02d", i), nil)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("create failed: %v", err)
				}
			}
			groups := map[string]int{}
			for _, g := range stateOf(t, run).Groups {
				groups[g.Name]++
			}
			for i := range n {
				name := fmt.Sprintf("group-%02d", i)
				if groups[name] != 1 {
					t.Errorf("%s exists %d times", name, groups[name])
				}
				if _, ok := run.Agent(fmt.Sprintf("agent%02d@example.com", i)); !ok {
					t.Errorf("agent %d lost", i)
				}
				if _, ok := run.Tag(fmt.Sprintf("tag-%02d", i)); !ok {
					t.Errorf("tag %d lost", i)
				}
			}
			faults := run.FaultCounts()
			if faults[emulator.FaultResetAfter] == 0 {
				t.Errorf("the run injected no ambiguous fault: %v", faults)
			}
			t.Logf("faults %v, client %+v", faults, core.Stats())
		})
	}
}

// Under faults (the ambiguous kind included), concurrent batched bot creates
// neither lose nor duplicate a bot, and updates and deletes all land.
func TestBotBatchesUnderFaults_NoDuplicateNoLoss(t *testing.T) {
	for _, coalesce := range []bool{false, true} {
		t.Run(fmt.Sprintf("coalesce=%v", coalesce), func(t *testing.T) {
			run, core, api := faultyAPI(t, 1, coalesce, 50*time.Millisecond)
			const n = 12
			forEach := func(f func(i int) error) {
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if err := f(i); err != nil {
							t.Errorf("bot %d: %v", i, err)
						}
					}()
				}
				wg.Wait()
			}
			// Rounds of create, update, delete until an ambiguous fault has hit
			// (batching sends few requests, so one round may see none).
			for round := 0; round < 12 && (round < 2 || run.FaultCounts()[emulator.FaultResetAfter] == 0); round++ {
				ids := make([]string, n)
				forEach(func(i int) error {
					cred, err := api.CreateBot(t.Context(), configuration.BotCreate{Name: fmt.Sprintf("bot-%d-%02d", round, i), OwnerClientID: "app"})
					ids[i] = cred.ID
					if err == nil && cred.Secret == "" {
						err = fmt.Errorf("no secret")
					}
					return err
				})
				names := map[string]int{}
				for _, b := range botsOf(t, run) {
					names[b.Name]++
				}
				for i := range n {
					if name := fmt.Sprintf("bot-%d-%02d", round, i); names[name] != 1 {
						t.Errorf("%s exists %d times", name, names[name])
					}
				}
				forEach(func(i int) error {
					return api.UpdateBot(t.Context(), configuration.BotUpdate{ID: ids[i], MaxChatsCount: ptr(int64(i))})
				})
				for i := range n {
					if b, ok := run.Bot(ids[i]); !ok || b.MaxChatsCount != i {
						t.Errorf("bot %d after update: %+v %v", i, b, ok)
					}
				}
				forEach(func(i int) error {
					err := api.DeleteBot(t.Context(), ids[i])
					if client.IsNotFound(err) { // a retried delete that had gone through
						err = nil
					}
					return err
				})
				if left := botsOf(t, run); len(left) != 0 {
					t.Fatalf("round %d: %d bots left after deleting all", round, len(left))
				}
			}
			if faults := run.FaultCounts(); faults[emulator.FaultResetAfter] == 0 {
				t.Errorf("the run injected no ambiguous fault: %v", faults)
			}
			t.Logf("client %+v", core.Stats())
		})
	}
}

func botsOf(t *testing.T, run *emulator.Running) []emulator.Bot {
	t.Helper()
	return stateOf(t, run).Bots
}
