//go:build !remote

package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Creates whose answer lacks read-only values (an agent's account_id, a group's routing_status, a
// tag's author and creation time, a bot's server defaults, an organization's creation time) return
// once the API acknowledged them, with those values null, and the next refresh fills them: a
// create that waited for them would hold one of Terraform's parallelism slots for the whole
// propagation delay, so an apply would take the object count times the delay (DESIGN §5).

// readOnlyAfterCreate is a configuration of every such type, none referring to another (a
// reference to an object the API does not show yet is retried until it shows), each create
// bounded by timeout.
func readOnlyAfterCreate(url, timeout string) string {
	timeouts := fmt.Sprintf("\n  timeouts {\n    create = %q\n  }\n", timeout)
	return fmt.Sprintf(`
provider "livechat" {
  api_url            = %[1]q
  propagation_window = "2m"
}

resource "livechat_group" "test" {
  name = "%[2]sdeferred"
%[3]s}

resource "livechat_agent" "test" {
  id   = "%[2]sdeferred@example.com"
  name = "Deferred"
%[3]s}

resource "livechat_tag" "test" {
  name = "%[2]sdeferred"
%[3]s}

resource "livechat_bot" "test" {
  name = "%[2]sdeferred"
%[3]s}

resource "livechat_bot_template" "test" {
  name = "%[2]sdeferred"
%[3]s}

resource "livechat_solution_organization" "test" {
  organization_name = "%[2]sdeferred"
  client_name       = "Deferred Owner"
  client_email      = "deferred@example.com"
%[3]s}
`, url, testPrefix, timeouts)
}

// readOnlyValues are the values readOnlyAfterCreate's creates leave to the next refresh.
// refreshed says whether a refresh fills it: a bot without working hours has no timezone.
var readOnlyValues = []struct {
	address, attr string
	refreshed     bool
}{
	{"livechat_group.test", "routing_status", true},
	{"livechat_agent.test", "account_id", true},
	{"livechat_agent.test", "awaiting_approval", true},
	{"livechat_tag.test", "author_id", true},
	{"livechat_tag.test", "created_at", true},
	{"livechat_bot.test", "default_group_priority", true},
	{"livechat_bot.test", "timezone", false},
	{"livechat_solution_organization.test", "created_at", true},
}

// readOnlyChecks expects every read-only value null after the create, or (refreshed) each that a
// refresh fills set.
func readOnlyChecks(refreshed bool) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, v := range readOnlyValues {
		var want knownvalue.Check = knownvalue.Null()
		if refreshed && v.refreshed {
			want = knownvalue.NotNull()
		}
		checks = append(checks, statecheck.ExpectKnownValue(v.address, tfjsonpath.New(v.attr), want))
	}
	return checks
}

// Against an API that shows every write at once, the creates still read nothing back: the values
// are null after the apply (the plan after it is empty), and the next refresh fills them.
func TestAccCreates_leaveReadOnlyValuesToTheNextRefresh(t *testing.T) {
	run := delayedEmulator(t, 0)
	config := readOnlyAfterCreate(run.URL, "2m")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: readOnlyChecks(false)},
			// The same configuration again: its plan refreshes and changes nothing.
			{Config: config, ConfigStateChecks: append(readOnlyChecks(true),
				statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("routing_status"), knownvalue.StringExact("offline")),
			)},
		},
	})
}

// Against an API that shows nothing for ten minutes, each create returns within its 30 s timeout,
// and the plan after the apply is empty: refreshes inside propagation_window that do not see the
// new objects keep them.
func TestAccCreates_doNotWaitForReadOnlyValues(t *testing.T) {
	run := delayedEmulator(t, 10*time.Minute)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: readOnlyAfterCreate(run.URL, "30s"), ConfigStateChecks: readOnlyChecks(false)},
		},
	})
}
