package configuration_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// faultyEnv is an emulator that fails 30% of the requests and a client of it.
type faultyEnv struct {
	run    *emulator.Running
	core   *client.Client
	api    *configuration.Client
	clock  *clienttest.Clock
	joined int // batch items so far (closeBatch)
}

// batchWindow is held on the moving clock: a batch closes when the test says (closeBatch). It is
// far longer than the other waits add up to while a batch fills, and shorter than ThrottledFor
// (5 minutes), which a throttled call would see pass when the window does.
const batchWindow = time.Minute

// faultyAPI starts an emulator that fails 30% of the requests, under seed,
// with 429, 500, 503, resets before and after the write is applied (the
// ambiguous kind) and the extra kinds; it stops with the test. The client's
// waits (backoffs, recovery polls, rate-limit turns) end at once on a moving
// clock; the emulator runs without delay, so the recovery window is short.
func faultyAPI(t *testing.T, seed uint64, coalesce bool, extraKinds ...string) *faultyEnv {
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
	clock := clienttest.NewMovingClock().Hold(batchWindow)
	core, err := client.New(client.Config{
		APIURL: run.URL, AccessToken: "dal:fault-test", MaxRetries: 12, Coalesce: coalesce,
		MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, RequestTimeout: 5 * time.Second,
		RecoverWindow: 200 * time.Millisecond, BatchWindow: batchWindow, MinPace: 1000, Clock: clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &faultyEnv{run: run, core: core, api: configuration.New(core), clock: clock}
}

// closeBatch ends the batch window once n more calls have joined the batch (each sets its timer
// again): concurrent calls travel together however slowly they arrive.
func (f *faultyEnv) closeBatch(t *testing.T, n int) {
	t.Helper()
	f.joined += n
	clienttest.Await(t, fmt.Sprintf("%d calls in the batch", n), func() bool { return f.clock.Scheduled() == f.joined })
	f.clock.Advance(batchWindow)
}

// checkOneBatchEach fails the test unless each wave of concurrent calls made one batch.
func (f *faultyEnv) checkOneBatchEach(t *testing.T, waves, n int) {
	t.Helper()
	if s := f.core.Stats(); s.Batches != int64(waves) || s.BatchedItems != int64(waves*n) {
		t.Errorf("%d batches of %d items in all, want %d of %d", s.Batches, s.BatchedItems, waves, n)
	}
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
			f := faultyAPI(t, 42, coalesce, emulator.Fault502)
			run, api := f.run, f.api
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
			if coalesce {
				f.closeBatch(t, n) // the agents
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
			if coalesce {
				f.checkOneBatchEach(t, 1, n)
			}
			faults := run.FaultCounts()
			if faults[emulator.FaultResetAfter] == 0 {
				t.Errorf("the run injected no ambiguous fault: %v", faults)
			}
			t.Logf("faults %v, client %+v", faults, f.core.Stats())
		})
	}
}

// Under faults (the ambiguous kind included), concurrent batched bot creates
// neither lose nor duplicate a bot, and updates and deletes all land.
func TestBotBatchesUnderFaults_NoDuplicateNoLoss(t *testing.T) {
	for _, coalesce := range []bool{false, true} {
		t.Run(fmt.Sprintf("coalesce=%v", coalesce), func(t *testing.T) {
			f := faultyAPI(t, 1, coalesce)
			run, api := f.run, f.api
			const n = 12
			waves := 0
			forEach := func(call func(i int) error) {
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if err := call(i); err != nil {
							t.Errorf("bot %d: %v", i, err)
						}
					}()
				}
				if coalesce {
					f.closeBatch(t, n)
				}
				wg.Wait()
				waves++
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
			if coalesce {
				f.checkOneBatchEach(t, waves, n)
			}
			if faults := run.FaultCounts(); faults[emulator.FaultResetAfter] == 0 {
				t.Errorf("the run injected no ambiguous fault: %v", faults)
			}
			t.Logf("client %+v", f.core.Stats())
		})
	}
}

func botsOf(t *testing.T, run *emulator.Running) []emulator.Bot {
	t.Helper()
	return stateOf(t, run).Bots
}
