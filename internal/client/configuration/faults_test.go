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

// Under 30% mixed faults, the ambiguous kind (connection dropped after the
// write was applied) included, every create succeeds exactly once: nothing
// is lost and nothing is duplicated, with batching on and off.
func TestCreatesUnderFaults_NoDuplicateNoLoss(t *testing.T) {
	for _, coalesce := range []bool{false, true} {
		t.Run(fmt.Sprintf("coalesce=%v", coalesce), func(t *testing.T) {
			run, err := emulator.Start(emulator.Options{
				AccessTokens: []string{"dal:fault-test"},
				Faults: emulator.Faults{
					Rate: 0.3, Seed: 42,
					Kinds: []string{emulator.FaultRateLimited, emulator.Fault500, emulator.Fault502, emulator.Fault503,
						emulator.FaultResetBefore, emulator.FaultResetAfter},
				},
			}, "")
			if err != nil {
				t.Fatal(err)
			}
			defer run.Close()
			core, err := client.New(client.Config{
				APIURL: run.URL, AccessToken: "dal:fault-test", MaxRetries: 12, Coalesce: coalesce,
				MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, RequestTimeout: 5 * time.Second,
				RecoverWindow: 200 * time.Millisecond, // the emulator runs without delay here
			})
			if err != nil {
				t.Fatal(err)
			}
			api := configuration.New(core)
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
			var state emulator.State
			b, _ := run.StateJSON()
			if err := json.Unmarshal(b, &state); err != nil {
				t.Fatal(err)
			}
			groups := map[string]int{}
			for _, g := range state.Groups {
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
