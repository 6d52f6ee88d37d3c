//go:build !remote

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// The waits that remain share one list per poll among concurrent writes (DESIGN §5): a wait that
// read its own object on every poll made the calls of an apply grow with the object count times
// the propagation delay. Solution licenses are read with Get License Details once the shared list
// of new licenses shows them; auto access rules, which can only be listed, share
// list_auto_accesses.

// countRequests is how many requests of log match.
func countRequests(log *emulator.MemoryLog, match func(r *emulator.LoggedRequest) bool) (int, error) {
	requests, err := log.Requests()
	n := 0
	for i := range requests {
		if match(&requests[i]) {
			n++
		}
	}
	return n, err
}

// pollsWithin is the most polls awaitValue makes before delay has passed: its shortest pauses
// are half of 100 ms, doubling up to 5 s.
func pollsWithin(delay time.Duration) int {
	polls, waited, pause := 1, time.Duration(0), 100*time.Millisecond
	for waited < delay {
		waited += pause / 2
		polls++
		pause = min(2*pause, 5*time.Second)
	}
	return polls
}

const (
	sharedPollLicenses = 3
	sharedPollRules    = 20
)

func sharedPollsConfig(url string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
provider "livechat" {
  api_url = %q
}
`, url)
	for i := range sharedPollLicenses {
		fmt.Fprintf(&b, `
resource "livechat_solution_organization" "o%[1]d" {
  organization_name = "%[2]sshared-%[1]d"
  client_name       = "Shared Owner"
  client_email      = "shared@example.com"
}

resource "livechat_solution_license" "l%[1]d" {
  organization_id = livechat_solution_organization.o%[1]d.id
  product         = "livechat"
  client_name     = "%[2]sshared-%[1]d"
  client_email    = "shared@example.com"
  payment_origin  = "partner"
}
`, i, testPrefix)
	}
	refs := make([]string, sharedPollRules)
	for i := range sharedPollRules {
		fmt.Fprintf(&b, `
resource "livechat_auto_access" "r%[1]d" {
  description = "%[2]sshared-%[1]d"
  access      = { groups = [0] }
  conditions = {
    url = { values = [{ value = "/shared-%[1]d" }] }
  }
}
`, i, testPrefix)
		refs[sharedPollRules-1-i] = fmt.Sprintf("livechat_auto_access.r%d.id", i)
	}
	// The order settles the rules' pending writes first, then waits for its own moves.
	fmt.Fprintf(&b, `
resource "livechat_auto_access_order" "test" {
  ids = [%s]
}
`, strings.Join(refs, ", "))
	return b.String()
}

var licenseDetailsPath = regexp.MustCompile(`^/v2/partners/solutions/licenses/livechat/[^/]+$`)

// TestAccWaits_shareListPolls applies three licenses and twenty ordered auto access rules against
// an API that shows each write after 3 s, and counts what the apply asked:
//   - Get License Details at most twice per license: the wait's first poll, and once the shared
//     list shows the license (each license's wait read its details every poll before);
//   - list_auto_accesses at most once per rule (the list each create notes first, to recover from
//     an unclear answer) plus one per poll of the two waits in series, the rules' and the order's
//     (each rule's wait fetched its own list every poll before).
func TestAccWaits_shareListPolls(t *testing.T) {
	const delay = 3 * time.Second
	log := &emulator.MemoryLog{}
	run := delayedEmulator(t, delay, log)

	counted := func(_ *terraform.State) error {
		gets, err := countRequests(log, func(r *emulator.LoggedRequest) bool {
			return r.Method == "GET" && licenseDetailsPath.MatchString(r.Path)
		})
		if err != nil {
			return err
		}
		if gets > 2*sharedPollLicenses {
			return fmt.Errorf("the apply read license details %d times, want at most 2 per license (%d): the create waits should share the list of new licenses", gets, 2*sharedPollLicenses)
		}
		lists, err := countRequests(log, func(r *emulator.LoggedRequest) bool { return r.Action == "list_auto_accesses" })
		if err != nil {
			return err
		}
		if most := sharedPollRules + 2*pollsWithin(delay); lists > most {
			return fmt.Errorf("the apply listed auto accesses %d times, want at most %d (one per rule, one per poll of two waits): the rules' waits should share each poll's list", lists, most)
		}
		t.Logf("license details read %d times, auto accesses listed %d times", gets, lists)
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: sharedPollsConfig(run.URL), Check: counted},
		},
	})
}
