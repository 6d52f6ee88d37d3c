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
// of new licenses shows them; the other kinds here are read through their lists alone.

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

// sharedPollKind is one kind of object the test writes sharedPollCount of, with a data source that
// settles their pending writes (so that their waits run) and the reads of the kind it counts.
type sharedPollKind struct {
	name   string
	count  int                // objects written; 0: sharedPollCount
	config func(i int) string // the i-th object
	// settler reads what the objects (their addresses) wrote: a data source of the kind, or for
	// auto accesses their order.
	settler func(addresses []string) string
	reads   func(r *emulator.LoggedRequest) bool
	// most is how many counted reads the apply may make: the reads of an apply that shares its
	// polls grow with the polls, not with the objects.
	most func(objects, polls int) int
}

const sharedPollCount = 10

// Each kind's waits: at most one list per object (the list its create notes first, to recover
// from an unclear answer), and one per poll of two waits in series (the objects' and whatever
// waits after them). Before, each object's wait made its own read at each poll.
func perObjectAndTwoWaits(objects, polls int) int { return objects + 2*polls }

var sharedPollKinds = []sharedPollKind{
	{
		name:    "license", // Get License Details, at most twice per license: the first poll, and once listed
		config:  licenses(""),
		settler: readBy("livechat_partner_solution_licenses"),
		reads:   licenseDetails,
		most:    func(objects, _ int) int { return 2 * objects },
	},
	{
		name: "auto access", // settled by the order, which then waits for its own moves
		config: numbered(`
resource "livechat_auto_access" "r%[1]d" {
  description = "%[2]sshared-%[1]d"
  access      = { groups = [0] }
  conditions = {
    url = { values = [{ value = "/shared-%[1]d" }] }
  }
}
`),
		settler: func(a []string) string {
			return fmt.Sprintf("resource \"livechat_auto_access_order\" \"shared\" {\n  ids = [%s.id]\n}", strings.Join(a, ".id, "))
		},
		reads: callsOf("list_auto_accesses"),
		most:  perObjectAndTwoWaits,
	},
	{
		name: "canned response",
		config: numbered(`
resource "livechat_canned_response" "c%[1]d" {
  text = "%[2]sshared %[1]d"
  tags = ["shared%[1]d"]
}
`),
		settler: readBy("livechat_canned_responses"),
		reads:   getsUnder("/canned_responses"),
		most:    perObjectAndTwoWaits,
	},
	{
		name: "greeting",
		config: numbered(`
resource "livechat_greeting" "g%[1]d" {
  name  = "%[2]sshared-%[1]d"
  group = 0
  rules = [{ type = "visit_time_page", value = "1%[1]d", operator = "greater_than" }]
}
`),
		settler: readBy("livechat_greetings"),
		reads:   getsUnder("/greetings"),
		most:    perObjectAndTwoWaits,
	},
	{
		name: "goal",
		config: numbered(`
resource "livechat_goal" "k%[1]d" {
  name = "%[2]sshared-%[1]d"
  type = "api"
}
`),
		settler: readBy("livechat_goals"),
		reads:   getsUnder("/goals"),
		most:    perObjectAndTwoWaits,
	},
	{
		name: "property",
		config: numbered(`
resource "livechat_property" "p%[1]d" {
  name   = "shared_%[1]d"
  type   = "string"
  access = { chat = { agent = ["read"] } }
}
`),
		settler: readBy("livechat_properties"),
		reads:   callsOf("list_properties"),
		most:    perObjectAndTwoWaits,
	},
	{
		name:  "bot template",
		count: 5, // the API's limit per client ID
		config: numbered(`
resource "livechat_bot_template" "t%[1]d" {
  name = "%[2]sshared-%[1]d"
}
`),
		settler: readBy("livechat_bot_templates"),
		reads:   callsOf("list_bot_templates"),
		most:    perObjectAndTwoWaits,
	},
	{
		name: "webhook", // three per action, the API's limit
		config: func(i int) string {
			return fmt.Sprintf(`
resource "livechat_webhook" "w%[1]d" {
  url        = "https://example.com/shared/%[1]d"
  action     = %[2]q
  type       = "license"
  secret_key = "shared-secret"
}
`, i, []string{"incoming_event", "incoming_chat", "chat_deactivated", "event_properties_updated"}[i/3])
		},
		settler: readBy("livechat_webhooks"),
		reads:   callsOf("list_webhooks"),
		most:    perObjectAndTwoWaits,
	},
}

// numbered is a config of the i-th object from format, which takes i (%[1]d) and testPrefix (%[2]s).
func numbered(format string) func(i int) string {
	return func(i int) string { return fmt.Sprintf(format, i, testPrefix) }
}

// callsOf counts the Configuration API calls of one action.
func callsOf(action string) func(r *emulator.LoggedRequest) bool {
	return func(r *emulator.LoggedRequest) bool { return r.Action == action }
}

// getsUnder counts the GETs of a path and the paths under it.
func getsUnder(path string) func(r *emulator.LoggedRequest) bool {
	return func(r *emulator.LoggedRequest) bool { return r.Method == "GET" && strings.HasPrefix(r.Path, path) }
}

// readBy is the settler of a data source that reads the objects once they are written.
func readBy(dataSource string) func(addresses []string) string {
	return func(a []string) string {
		return fmt.Sprintf("data %q \"shared\" {\n  depends_on = [%s]\n}", dataSource, strings.Join(a, ", "))
	}
}

func (k sharedPollKind) objects() int {
	if k.count > 0 {
		return k.count
	}
	return sharedPollCount
}

// sharedPollsConfig writes the objects of kind k and what settles their waits.
func sharedPollsConfig(url string, k sharedPollKind) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
provider "livechat" {
  api_url = %q
}
`, url)
	var refs []string
	for i := range k.objects() {
		object := k.config(i)
		b.WriteString(object)
		// The i-th object's address, e.g. livechat_goal.k3.
		m := regexp.MustCompile(`resource "(livechat_[a-z_]+)" "([a-z]+\d+)"`).FindAllStringSubmatch(object, -1)
		last := m[len(m)-1]
		refs = append(refs, last[1]+"."+last[2])
	}
	b.WriteString("\n" + k.settler(refs) + "\n")
	return b.String()
}

var licenseDetailsPath = regexp.MustCompile(`^/v2/partners/solutions/licenses/livechat/[^/]+$`)

// licenses is a config of the i-th license, in an organization of its own, with body.
func licenses(body string) func(i int) string {
	return numbered(`
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
` + body + `}
`)
}

// licenseDetails counts the reads of Get License Details.
func licenseDetails(r *emulator.LoggedRequest) bool {
	return r.Method == "GET" && licenseDetailsPath.MatchString(r.Path)
}

// TestAccWaits_shareListPolls applies ten objects of each kind whose waits remain (licenses, whose
// create waits for the status and dates) or run when a data source reads the kind, against an API
// that shows each write after 3 s, and counts the reads of the kind the apply made.
func TestAccWaits_shareListPolls(t *testing.T) {
	const delay = 3 * time.Second
	for _, k := range sharedPollKinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			log := &emulator.MemoryLog{}
			run := delayedEmulator(t, delay, log)
			counted := func(_ *terraform.State) error {
				n, err := countRequests(log, k.reads)
				if err != nil {
					return err
				}
				most := k.most(k.objects(), pollsWithin(delay))
				t.Logf("%s: %d reads (at most %d)", k.name, n, most)
				if n > most {
					return fmt.Errorf("%s: the apply made %d reads, want at most %d: the waits of concurrent writes should share each poll's list", k.name, n, most)
				}
				return nil
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps:                    []resource.TestStep{{Config: sharedPollsConfig(run.URL, k), Check: counted}},
			})
		})
	}
}

// TestAccWaits_licenseExpiriesShareListPolls destroys five subscribed licenses against an API that
// shows each write after 3 s: each destroy closes the subscription and waits until the license
// shows expired, which the list of licenses created that day carries. The destroys' waits share
// that list; each read its license's details per poll before (40 reads). What may remain after
// the apply's check are the refreshes, one read per license each: the destroy's, and the bound
// leaves room for two more.
func TestAccWaits_licenseExpiriesShareListPolls(t *testing.T) {
	const delay, count = 3 * time.Second, 5
	needPartnerSolutions(t, true)
	log := &emulator.MemoryLog{}
	run := delayedEmulator(t, delay, log)
	var applied int
	k := sharedPollKind{count: count, config: licenses(`  subscription = {
    plan          = "team"
    billing_cycle = "monthly"
    seats         = 1
    token_wo      = "recurly-token"
  }
  close_subscription_password = "` + acc.partnerPassword + `"
`), settler: func([]string) string { return "" }}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: sharedPollsConfig(run.URL, k),
			Check: func(*terraform.State) (err error) {
				applied, err = countRequests(log, licenseDetails)
				return err
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			all, err := countRequests(log, licenseDetails)
			if err != nil {
				return err
			}
			destroy, most := all-applied, 3*count
			t.Logf("license details read %d times after the apply (at most %d)", destroy, most)
			if destroy > most {
				return fmt.Errorf("license details read %d times after the apply, want at most %d: the expiry waits should share the list of licenses", destroy, most)
			}
			return nil
		},
	})
}
