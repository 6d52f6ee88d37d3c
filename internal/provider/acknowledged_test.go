//go:build !remote

package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// Acknowledged writes (written.go, pending.go) against an emulator of the test's own that shows
// every write only after 3 s, and one after 20 s, with the provider's default
// propagation_window: writes return once acknowledged, and
//   - a data source that depends on them sees them (the run's pending writes);
//   - the plan right after the apply is empty: a refresh that does not see the new goal yet,
//     or still sees the old text, keeps what was written;
//   - a change made outside Terraform inside the window still shows;
//   - destroy returns once acknowledged and leaves nothing behind.
//
// At 20 s each step runs well within the delay, so every refresh in it sees the previous
// version; at 3 s the later refreshes of a step see the new one.
func TestAccAcknowledgedWrites_underPropagationDelay(t *testing.T) {
	atTheIssuesDelays(t, acknowledgedWritesUnder)
}

func acknowledgedWritesUnder(t *testing.T, delay time.Duration) {
	run := delayedEmulator(t, delay)
	provider := fmt.Sprintf("provider \"livechat\" {\n  api_url = %q\n  propagation_window = \"2m\"\n}\n", run.URL)
	config := func(text string, dataSource bool) string {
		c := provider + fmt.Sprintf(`
resource "livechat_canned_response" "test" {
  count = 3
  text  = "%s ${count.index}"
  tags  = ["ack${count.index}"]
}

resource "livechat_goal" "test" {
  name       = "acknowledged"
  type       = "url"
  url        = "https://example.com/thank_you"
  match_type = "exact"
}
`, text)
		if dataSource {
			c += `
data "livechat_canned_responses" "all" {
  depends_on = [livechat_canned_response.test]
}
`
		}
		return c
	}
	const first = "livechat_canned_response.test[0]"
	var ids [3]int64
	authoritativeText := func(id int64) (string, bool) {
		state, err := run.StateJSON()
		if err != nil {
			t.Fatalf("reading the emulator's state: %v", err)
		}
		return cannedTextIn(state, id)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			for _, id := range ids {
				if _, ok := authoritativeText(id); ok {
					return fmt.Errorf("canned response %d is left after destroy", id)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				// The framework's post-apply plans must be empty although reads do not show
				// the new objects yet.
				Config: config("Hello", false),
				Check:  cannedIDs(ids[:]),
			},
			{
				// The data source depends on updated canned responses, so it is read in the
				// apply, after the updates: it waits until they show.
				Config: config("Hi", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(first, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_canned_responses.all", tfjsonpath.New("canned_responses").AtSliceIndex(0).AtMapKey("text"), knownvalue.StringRegexp(regexp.MustCompile(`^Hi \d$`))),
					statecheck.ExpectKnownValue("data.livechat_canned_responses.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				},
			},
			{
				// No data source: the post-apply plans run while reads still show "Hi".
				Config: config("Hey", false),
				Check: func(*terraform.State) error {
					if got, _ := authoritativeText(ids[0]); got != "Hey 0" {
						return fmt.Errorf("the API holds %q, want the update %q", got, "Hey 0")
					}
					return nil
				},
			},
			{
				// Inside the window, a value other than the one before our write is a change
				// made outside Terraform: it shows.
				PreConfig: func() {
					if err := run.PatchObject("canned_response", strconv.FormatInt(ids[0], 10), []byte(`{"text":"Changed in the app"}`)); err != nil {
						t.Fatalf("changing canned response %d out of band: %v", ids[0], err)
					}
				},
				Config:             config("Hey", false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(first, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// atTheIssuesDelays runs test at the two propagation delays its invariants are held to, 3 s and
// 20 s, side by side.
func atTheIssuesDelays(t *testing.T, test func(*testing.T, time.Duration)) {
	for _, delay := range []time.Duration{3 * time.Second, 20 * time.Second} {
		t.Run(delay.String(), func(t *testing.T) {
			t.Parallel()
			test(t, delay)
		})
	}
}

// delayedEmulator starts an emulator of the test's own whose writes show only after delay; log, if
// given, records its requests.
func delayedEmulator(t *testing.T, delay time.Duration, log ...*emulator.MemoryLog) *emulator.Running {
	t.Helper()
	emulatorOnly(t, "an emulator of the test's own with a propagation delay")
	opts := emulator.Options{
		PropagationDelay: delay,
		AccessTokens:     []string{testAccessToken},
		PartnerTokens:    []string{testPartnerToken},
	}
	if len(log) > 0 {
		opts.RequestLog = log[0]
	}
	run, err := emulator.Start(opts, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() { _ = run.Close() })
	return run
}

// cannedIDs is a check that fills ids with those of livechat_canned_response.test[0..len(ids)).
func cannedIDs(ids []int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for i := range ids {
			r, ok := s.RootModule().Resources[fmt.Sprintf("livechat_canned_response.test.%d", i)]
			if !ok {
				return fmt.Errorf("livechat_canned_response.test[%d] is not in the state", i)
			}
			id, err := strconv.ParseInt(r.Primary.ID, 10, 64)
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	}
}

// cannedTextIn finds canned response id in the emulator's authoritative state.
func cannedTextIn(state []byte, id int64) (string, bool) {
	var s struct {
		Legacy struct {
			CannedResponses []struct {
				ID   int64  `json:"id"`
				Text string `json:"text"`
			} `json:"canned_responses"`
		} `json:"legacy"`
	}
	if err := json.Unmarshal(state, &s); err != nil {
		return "", false
	}
	for _, c := range s.Legacy.CannedResponses {
		if c.ID == id {
			return c.Text, true
		}
	}
	return "", false
}

// A refresh past propagation_window takes what the API answers, at a 3 s and a 20 s delay: the
// write records that keep an apply's plan empty must never hide a change made outside Terraform
// once the window has passed. The same state, with the same changes made outside Terraform (one
// canned response set back to its value from before our update, the other deleted while our record
// of its create holds), is planned twice: with the window still open the records hold and the plan
// is empty; with a window shorter than the time since our writes it shows both changes. The only
// wait is a poll until the API shows our writes, which takes the delay; nothing sleeps.
func TestAccAcknowledgedWrites_refreshPastTheWindow(t *testing.T) {
	atTheIssuesDelays(t, refreshPastTheWindow)
}

func refreshPastTheWindow(t *testing.T, delay time.Duration) {
	run := delayedEmulator(t, delay)
	core, err := client.New(client.Config{APIURL: run.URL, AccessToken: testAccessToken, PartnerToken: testPartnerToken})
	if err != nil {
		t.Fatal(err)
	}
	api := legacy.New(core)
	// The open window is the default; the closed one is shorter than the delay, and every write
	// has been shown by the API (so acknowledged at least the delay ago) before it is used.
	config := func(window time.Duration, text string) string {
		return fmt.Sprintf(`
provider "livechat" {
  api_url            = %q
  propagation_window = %q
}

resource "livechat_canned_response" "test" {
  count = 2
  text  = "%s ${count.index}"
  tags  = ["window${count.index}"]
}
`, run.URL, window.String(), text)
	}
	const open = 2 * time.Minute
	closed := delay / 2
	var ids [2]int64
	const reverted, deleted = "livechat_canned_response.test[0]", "livechat_canned_response.test[1]"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(open, "Before"),
				Check:  cannedIDs(ids[:]),
			},
			{Config: config(open, "After")},
			{
				// Once the API shows our writes, someone sets the first text back to its value
				// from before our update and deletes the second: within the window a refresh
				// cannot tell either from the delay, and keeps what was written.
				PreConfig: func() {
					ctx, cancel := context.WithTimeout(t.Context(), delay+time.Minute)
					defer cancel()
					err := awaitConsistent(ctx, "our writes to show", func(ctx context.Context) (bool, error) {
						for i, id := range ids {
							c, err := api.GetCannedResponse(ctx, id)
							if client.IsNotFound(err) {
								return false, nil
							}
							if err != nil {
								return false, err
							}
							if c.Text != fmt.Sprintf("After %d", i) {
								return false, nil
							}
						}
						return true, nil
					})
					if err != nil {
						t.Fatalf("waiting for the API to show our writes: %v", err)
					}
					if err := run.PatchObject("canned_response", strconv.FormatInt(ids[0], 10), []byte(`{"text":"Before 0"}`)); err != nil {
						t.Fatalf("setting canned response %d back out of band: %v", ids[0], err)
					}
					if err := run.DeleteObject("canned_response", strconv.FormatInt(ids[1], 10)); err != nil {
						t.Fatalf("deleting canned response %d out of band: %v", ids[1], err)
					}
				},
				Config:   config(open, "After"),
				PlanOnly: true,
			},
			{
				// Past the window the refresh takes what the API answers: both changes show.
				Config:             config(closed, "After"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(reverted, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(deleted, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}
