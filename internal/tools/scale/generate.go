package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// objectKind generates the objects of one resource type and finds them again,
// by their natural key, in the emulator's state.
type objectKind struct {
	name   string
	weight int  // share of N (weighted kinds)
	once   bool // a singleton, or a resource used once per configuration: exactly one object
	// needs are kinds this one refers to; without them it gets no objects.
	needs []string
	// limit caps the count from the counts of the kinds it refers to (nil: none).
	limit func(c map[string]int) int
	// hcl is the configuration of object i; c holds the count of every kind.
	hcl func(i int, c map[string]int) string
	// keys lists the natural keys of this kind's objects in a state (one entry
	// per object, so a duplicate shows as a key listed twice); nil: the kind is
	// not counted (singletons that always exist, orderings).
	keys func(st *emulator.State) []string
	// leftover: destroy only forgets the objects (the API cannot delete
	// them), so they stay in the license after destroy.
	leftover bool
	// faultFree is the address of object i for kinds whose create cannot be
	// recovered after an ambiguous failure because the API has no way to find
	// the object (the provider then fails rather than risk a duplicate): the
	// soak creates them in a first apply without faults.
	faultFree func(i int) string
}

// Owners and namespaces of the generated objects.
const (
	scalePropertiesOwner = "scale-properties"
	scaleBotsOwner       = "scale-bots"
	scaleWebhooksState   = "scale-webhooks-state"
)

// cannedResponseGroups is how many groups hold the generated canned responses.
const cannedResponseGroups = 4

// webhooksPerAction is the API's limit of webhooks per action and application.
const webhooksPerAction = 3

// scaleWebhookActions are the actions of the generated webhooks: actions of
// license webhooks that need no filter.
var scaleWebhookActions = []string{
	"incoming_chat", "chat_deactivated", "incoming_event", "event_updated", "thread_tagged",
	"thread_untagged", "event_deleted", "group_created", "group_updated", "agent_created",
	"agent_updated", "tag_created",
}

// kinds is every resource type of the provider: those that can exist many
// times in a license by weight, the others once. Groups come first so that
// the others can refer to them.
var kinds = []objectKind{
	{name: "livechat_group", weight: 8, hcl: func(i int, _ map[string]int) string {
		return fmt.Sprintf("resource \"livechat_group\" \"g%d\" {\n  name = \"scale group %d\"\n}\n", i, i)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.Groups, func(g emulator.Group) string { return g.Name })
	}},
	{name: "livechat_agent", weight: 20, needs: []string{"livechat_group"}, hcl: func(i int, c map[string]int) string {
		return fmt.Sprintf(`resource "livechat_agent" "a%d" {
  id              = "agent%d@scale.example.com"
  name            = "Scale Agent %d"
  max_chats_count = %d
  groups          = [{ id = livechat_group.g%d.id, priority = "normal" }]
}
`, i, i, i, 1+i%20, i%c["livechat_group"])
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.Agents, func(a emulator.Agent) string { return a.ID })
	}},
	{name: "livechat_tag", weight: 12, needs: []string{"livechat_group"}, hcl: func(i int, c map[string]int) string {
		return fmt.Sprintf("resource \"livechat_tag\" \"t%d\" {\n  name      = \"scale tag %d\"\n  group_ids = [livechat_group.g%d.id]\n}\n", i, i, i%c["livechat_group"])
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.Tags, func(t emulator.Tag) string { return t.Name })
	}},
	// Canned responses gather in a few teams' groups (the first four): the API
	// lists them one group at a time, so a refresh costs one list per group
	// that holds canned responses, however many they are. Without generated
	// groups (the canned-responses mix) they go to the license's group 0.
	{name: "livechat_canned_response", weight: 8, hcl: func(i int, c map[string]int) string {
		group := "0"
		if c["livechat_group"] > 0 {
			group = fmt.Sprintf("livechat_group.g%d.id", i%min(c["livechat_group"], cannedResponseGroups))
		}
		return fmt.Sprintf(`resource "livechat_canned_response" "c%d" {
  group = %s
  text  = "Scale canned response %d: thanks for waiting."
  tags  = ["scale", "r%d"]
}
`, i, group, i, i)
	}, keys: func(st *emulator.State) []string {
		if st.Legacy == nil {
			return nil
		}
		return mapKeys(st.Legacy.CannedResponses, func(c emulator.CannedResponse) string { return fmt.Sprintf("%d/%s", c.Group, c.Text) })
	}},
	{name: "livechat_goal", weight: 4, hcl: func(i int, _ map[string]int) string {
		// The four goal types in turn.
		body := [...]string{
			fmt.Sprintf("type       = \"url\"\n  url        = \"https://shop.example.com/scale/%d/thank-you\"\n  match_type = \"exact\"", i),
			fmt.Sprintf("type                  = \"custom_variable\"\n  custom_variable_name  = \"scale_%d\"\n  custom_variable_value = \"yes\"", i),
			"type   = \"api\"\n  active = false",
			"type       = \"sales_tracker\"\n  value_type = \"set\"\n  value      = \"19.99\"\n  currency   = \"EUR\"",
		}[i%4]
		return fmt.Sprintf("resource \"livechat_goal\" \"goal%d\" {\n  name = \"scale goal %d\"\n  %s\n}\n", i, i, body)
	}, keys: func(st *emulator.State) []string {
		if st.Legacy == nil {
			return nil
		}
		return mapKeys(st.Legacy.Goals, func(g emulator.Goal) string { return g.Name })
	}},
	{name: "livechat_greeting", weight: 4, needs: []string{"livechat_group"}, hcl: func(i int, c map[string]int) string {
		return fmt.Sprintf(`resource "livechat_greeting" "gr%d" {
  name    = "scale greeting %d"
  group   = livechat_group.g%d.id
  message = "Hello from scale greeting %d"
  rules = [
    { type = "visit_time_page", value = "%d", operator = "greater_than" },
    { type = "url_current", value = "example.com/scale/%d", operator = "contains" },
  ]
}
`, i, i, i%c["livechat_group"], i, 5+i%50, i)
	}, keys: func(st *emulator.State) []string {
		if st.Legacy == nil {
			return nil
		}
		return mapKeys(st.Legacy.Greetings, func(g emulator.Greeting) string { return g.Name })
	}},
	{name: "livechat_webhook", weight: 4, hcl: func(i int, _ map[string]int) string {
		// An application registers webhooks for many actions, at most three
		// per action: fill one owner's actions before the next owner's.
		perOwner := webhooksPerAction * len(scaleWebhookActions)
		return fmt.Sprintf(`resource "livechat_webhook" "w%d" {
  owner_client_id = "scale-client-%d"
  action          = %q
  type            = "license"
  url             = "https://hooks.example.com/scale/%d"
  secret_key      = "scale-webhook-secret"
}
`, i, i/perOwner, scaleWebhookActions[i%perOwner/webhooksPerAction], i)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.Webhooks, func(w emulator.Webhook) string { return w.OwnerClientID + "/" + w.Action + "/" + w.URL })
	}},
	{name: "livechat_license_webhooks_state", once: true, hcl: func(int, map[string]int) string {
		return fmt.Sprintf("resource \"livechat_license_webhooks_state\" \"scale\" {\n  owner_client_id = %q\n  enabled         = false\n}\n", scaleWebhooksState)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.LicenseWebhooksStates, func(s emulator.LicenseWebhooksState) string { return s.OwnerClientID })
	}, leftover: true},
	{name: "livechat_property", weight: 5, hcl: func(i int, _ map[string]int) string {
		return fmt.Sprintf(`resource "livechat_property" "p%d" {
  owner_client_id = %q
  name            = "scale_property_%d"
  type            = "string"
  access = {
    license = { agent = ["read"] }
    group   = { agent = ["read"] }
  }
}
`, i, scalePropertiesOwner, i)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.Properties, func(p emulator.Property) string { return p.OwnerClientID + "/" + p.Name })
	}},
	// License and group values of the properties above: one license value per
	// property, group values spread over (group, property) pairs.
	{name: "livechat_license_property", weight: 3, needs: []string{"livechat_property"},
		limit: func(c map[string]int) int { return c["livechat_property"] },
		hcl: func(i int, _ map[string]int) string {
			return fmt.Sprintf(`resource "livechat_license_property" "lp%d" {
  namespace    = livechat_property.p%d.owner_client_id
  name         = livechat_property.p%d.name
  value_string = "license value %d"
}
`, i, i, i, i)
		}, keys: func(st *emulator.State) []string {
			return mapKeys(st.LicenseProperties, func(p emulator.LicenseProperty) string { return p.Namespace + "/" + p.Name })
		}},
	{name: "livechat_group_property", weight: 3, needs: []string{"livechat_property", "livechat_group"},
		limit: func(c map[string]int) int { return c["livechat_property"] * c["livechat_group"] },
		hcl: func(i int, c map[string]int) string {
			g, p := i%c["livechat_group"], i/c["livechat_group"]
			return fmt.Sprintf(`resource "livechat_group_property" "gp%d" {
  group_id     = livechat_group.g%d.id
  namespace    = livechat_property.p%d.owner_client_id
  name         = livechat_property.p%d.name
  value_string = "group value %d"
}
`, i, g, p, p, i)
		}, keys: func(st *emulator.State) []string {
			return mapKeys(st.GroupProperties, func(p emulator.GroupProperty) string {
				return fmt.Sprintf("%d/%s/%s", p.GroupID, p.Namespace, p.Name)
			})
		}},
	{name: "livechat_bot", weight: 5, needs: []string{"livechat_group"}, hcl: func(i int, c map[string]int) string {
		return fmt.Sprintf(`resource "livechat_bot" "b%d" {
  name                   = "Scale Bot %d"
  owner_client_id        = %q
  max_chats_count        = %d
  default_group_priority = "first"
  groups                 = [{ id = livechat_group.g%d.id, priority = "first" }]
}
`, i, i, scaleBotsOwner, 5+i%50, i%c["livechat_group"])
	}, keys: func(st *emulator.State) []string {
		var out []string
		for _, b := range st.Bots {
			if b.TemplateID == "" { // bots of templates are the templates' business
				out = append(out, b.OwnerClientID+"/"+b.Name)
			}
		}
		return out
	}},
	{name: "livechat_bot_template", weight: 3, hcl: func(i int, _ map[string]int) string {
		// At most five templates per application: spread over owners.
		return fmt.Sprintf(`resource "livechat_bot_template" "bt%d" {
  owner_client_id = "scale-templates-%d"
  name            = "Scale Template %d"
  job_title       = "Scale assistant"
  max_chats_count = %d
}
`, i, i/5, i, 1+i%20)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.BotTemplates, func(t emulator.BotTemplate) string { return t.OwnerClientID + "/" + t.Name })
	}},
	{name: "livechat_auto_access", weight: 4, needs: []string{"livechat_group"}, hcl: func(i int, c map[string]int) string {
		return fmt.Sprintf(`resource "livechat_auto_access" "aa%d" {
  description = "scale rule %d"
  access      = { groups = [livechat_group.g%d.id] }
  conditions = {
    url = { values = [{ value = "example.com/scale/%d" }] }
  }
}
`, i, i, i%c["livechat_group"], i)
	}, keys: func(st *emulator.State) []string {
		return mapKeys(st.AutoAccesses, func(a emulator.AutoAccess) string { return a.Description })
	}},
	// One ordering of all the rules, the reverse of their creation order.
	{name: "livechat_auto_access_order", once: true, needs: []string{"livechat_auto_access"}, hcl: func(_ int, c map[string]int) string {
		var ids []string
		for i := c["livechat_auto_access"] - 1; i >= 0; i-- {
			ids = append(ids, fmt.Sprintf("    livechat_auto_access.aa%d.id,\n", i))
		}
		return "resource \"livechat_auto_access_order\" \"scale\" {\n  ids = [\n" + strings.Join(ids, "") + "  ]\n}\n"
	}},
	// Partner API v2.
	{name: "livechat_partner_api_token", weight: 2, hcl: func(i int, _ map[string]int) string {
		return fmt.Sprintf("resource \"livechat_partner_api_token\" \"tok%d\" {\n  label = \"scale token %d\"\n}\n", i, i)
	}, keys: func(st *emulator.State) []string {
		if st.Partner == nil {
			return nil
		}
		return mapKeys(st.Partner.APITokens, func(t emulator.PartnerToken) string { return t.Label })
	}},
	{name: "livechat_campaign", weight: 3, hcl: func(i int, _ map[string]int) string {
		product := [...]string{"livechat", "chatbot", "helpdesk"}[i%3]
		return fmt.Sprintf("resource \"livechat_campaign\" \"cp%d\" {\n  product = %q\n  name    = \"Scale campaign %d\"\n}\n", i, product, i)
	}, keys: func(st *emulator.State) []string {
		// Destroy disables a campaign; it stays listed. Key: the slug, the
		// key the API keeps unique among active campaigns.
		if st.Partner == nil {
			return nil
		}
		return mapKeys(st.Partner.Campaigns, func(c emulator.Campaign) string { return c.Slug })
	}, leftover: true},
	{name: "livechat_solution_organization", weight: 2, hcl: func(i int, _ map[string]int) string {
		return fmt.Sprintf(`resource "livechat_solution_organization" "org%d" {
  organization_name = "Scale Org %d"
  client_name       = "Scale Client %d"
  client_email      = "client%d@scale-org.example.com"
}
`, i, i, i, i)
	}, keys: func(st *emulator.State) []string {
		if st.Partner == nil {
			return nil
		}
		return mapKeys(st.Partner.Organizations, func(o emulator.Organization) string { return o.Name + "/" + o.ClientEmail })
	}, leftover: true, faultFree: func(i int) string { return fmt.Sprintf("livechat_solution_organization.org%d", i) }},
	// One license per organization; every other one with a partner-paid
	// subscription that destroy closes.
	{name: "livechat_solution_license", weight: 2, needs: []string{"livechat_solution_organization"},
		limit: func(c map[string]int) int { return c["livechat_solution_organization"] },
		hcl: func(i int, _ map[string]int) string {
			sub := ""
			if i%2 == 1 {
				sub = `
  subscription = {
    plan             = "team"
    billing_cycle    = "monthly"
    seats            = 2
    token_wo         = "scale-recurly-token"
    token_wo_version = 1
  }
  close_subscription_password = "` + emulator.DefaultPartnerPassword + `"`
			}
			return fmt.Sprintf(`resource "livechat_solution_license" "sl%d" {
  organization_id = livechat_solution_organization.org%d.id
  product         = "livechat"
  client_name     = livechat_solution_organization.org%d.client_name
  client_email    = livechat_solution_organization.org%d.client_email
  payment_origin  = "partner"
  trial_duration  = 30%s
}
`, i, i, i, i, sub)
		}, keys: func(st *emulator.State) []string {
			if st.Partner == nil {
				return nil
			}
			return mapKeys(st.Partner.SolutionLicenses, func(l emulator.SolutionLicense) string { return l.ClientEmail + "/" + l.Product })
		}, leftover: true},
	// Partner singletons: adopted by create, forgotten by destroy.
	{name: "livechat_partner_profile", once: true, hcl: func(int, map[string]int) string {
		return "resource \"livechat_partner_profile\" \"scale\" {\n  first_name    = \"Scale\"\n  last_name     = \"Partner\"\n  contact_name  = \"Scale Contact\"\n  contact_email = \"partner@scale.example.com\"\n}\n"
	}},
	{name: "livechat_partner_billing", once: true, hcl: func(int, map[string]int) string {
		return `resource "livechat_partner_billing" "scale" {
  type     = "business"
  company  = "Scale Company"
  address  = "Scale Street 1"
  city     = "New York"
  zip_code = "10005"
  state    = "NY"
  country  = "US"
  paypal   = "payouts@scale.example.com"
}
`
	}},
	{name: "livechat_expert_profile", once: true, hcl: func(int, map[string]int) string {
		return `resource "livechat_expert_profile" "scale" {
  company           = "Scale Chat Services"
  phone             = "+1 555 0199"
  description       = "We measure how chat configurations behave at scale, day and night."
  short_description = "Chat configuration at scale"
  country           = "US"
  website           = "https://scale.example.com"
  categories        = ["training"]
  industry_ids      = [31]
  projects          = []
}
`
	}, keys: func(st *emulator.State) []string {
		if st.Partner == nil || st.Partner.ExpertProfile == nil {
			return nil
		}
		return []string{"expert profile"}
	}, leftover: true},
}

// configMix is a named choice of kinds for a benchmark configuration, with
// the title and text of its section in BENCHMARKS.md.
type configMix struct {
	name, title, about string
	only               []string // kind names; nil: every kind
}

// coreKindNames are the resource types the performance issue names for the
// benchmark's configuration: agents, groups, tags, canned responses, webhooks
// and properties (definitions and their license and group values).
var coreKindNames = []string{
	"livechat_group", "livechat_agent", "livechat_tag", "livechat_canned_response", "livechat_webhook",
	"livechat_property", "livechat_license_property", "livechat_group_property",
}

var configMixes = []configMix{
	{name: "canned", only: []string{"livechat_canned_response"},
		title: "Canned responses",
		about: "N canned responses in the license's group 0 and nothing else: the configuration of the performance targets (one type, one list per refresh, one create and one delete per object)."},
	{name: "core", only: coreKindNames,
		title: "Agents, groups, tags, canned responses, webhooks and properties",
		about: "The mix the performance issue names (" + strings.Join(coreKindNames, ", ") + "). " +
			"Canned responses sit in four groups and the API lists them one group at a time; webhooks fill one application's actions (three per action) before the next application's, and `list_webhooks` answers one application."},
	{name: "all",
		title: "Every resource type",
		about: "All the provider's resource types. Besides the mix above it holds the types whose Reads stay one request per object because their lists lack attributes they hold " +
			"(bots, goals other than `api`, solution licenses; see \"Lists that lack attributes never serve a refresh\" in `API-NOTES.md`), solution organizations, which have no list and are read one request each (details and licenses), and the per-application lists of bot templates."},
}

// mixNamed finds a configuration mix by name.
func mixNamed(name string) (configMix, error) {
	for _, m := range configMixes {
		if m.name == name {
			return m, nil
		}
	}
	return configMix{}, fmt.Errorf("unknown mix %q (canned, core or all)", name)
}

// kinds are the mix's kinds, in the order of the kinds table.
func (m configMix) kinds() []objectKind {
	if m.only == nil {
		return kinds
	}
	var out []objectKind
	for _, k := range kinds {
		if slices.Contains(m.only, k.name) {
			out = append(out, k)
		}
	}
	return out
}

func mapKeys[T any](items []T, key func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, key(it))
	}
	return out
}

// counts splits n across the weighted kinds (at least one group where the
// kinds have groups, the remainder to agents, else to the first kind), then adds the kinds used once, and drops or caps the
// kinds whose references are missing or too few.
func counts(n int, ks []objectKind) map[string]int {
	total := 0
	for _, k := range ks {
		total += k.weight
	}
	out := map[string]int{}
	used := 0
	for _, k := range ks {
		if k.weight > 0 {
			out[k.name] = n * k.weight / total
			used += out[k.name]
		}
	}
	if slices.ContainsFunc(ks, func(k objectKind) bool { return k.name == "livechat_group" }) {
		out["livechat_group"] = max(out["livechat_group"], 1)
	}
	rest := "livechat_agent"
	if !slices.ContainsFunc(ks, func(k objectKind) bool { return k.name == rest }) {
		rest = ks[0].name
	}
	out[rest] += max(n-used, 0)
	for _, k := range ks {
		if k.once {
			out[k.name] = 1
		}
		for _, need := range k.needs {
			if out[need] == 0 {
				out[k.name] = 0
			}
		}
		if k.limit != nil {
			out[k.name] = min(out[k.name], k.limit(out))
		}
	}
	return out
}

// faultFreeTargets are the -target arguments of the objects created before
// the faults are switched on (see objectKind.faultFree).
func faultFreeTargets(c map[string]int) []string {
	var out []string
	for _, k := range kinds {
		if k.faultFree != nil {
			for i := range c[k.name] {
				out = append(out, "-target="+k.faultFree(i))
			}
		}
	}
	return out
}

// writeConfig writes main.tf with n objects of the kinds ks into a new directory.
func writeConfig(root string, n int, ks []objectKind) (string, map[string]int, error) {
	dir, err := os.MkdirTemp(root, fmt.Sprintf("n%d-", n))
	if err != nil {
		return "", nil, err
	}
	c := counts(n, ks)
	var b strings.Builder
	b.WriteString("terraform {\n  required_providers {\n    livechat = { source = \"livechat-terraform/livechat\" }\n  }\n}\n\nprovider \"livechat\" {}\n\n")
	for _, k := range ks {
		for i := range c[k.name] {
			b.WriteString(k.hcl(i, c))
		}
	}
	return dir, c, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600)
}

// writeAgentsConfig writes a configuration of n agents and nothing else: the
// batched-writes benchmark.
func writeAgentsConfig(root string, n int) (string, error) {
	dir, err := os.MkdirTemp(root, fmt.Sprintf("agents%d-", n))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("terraform {\n  required_providers {\n    livechat = { source = \"livechat-terraform/livechat\" }\n  }\n}\n\nprovider \"livechat\" {}\n\n")
	for i := range n {
		fmt.Fprintf(&b, "resource \"livechat_agent\" \"a%d\" {\n  id   = \"batch%d@scale.example.com\"\n  name = \"Batch Agent %d\"\n}\n", i, i, i)
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600)
}

// depth is the longest chain of references among the kinds present in c:
// the number of objects an apply must create one after the other.
func depth(ks []objectKind, c map[string]int) int {
	memo := map[string]int{}
	var of func(name string) int
	of = func(name string) int {
		if d, ok := memo[name]; ok {
			return d
		}
		d := 1
		for _, k := range ks {
			if k.name == name {
				for _, need := range k.needs {
					if c[need] > 0 {
						d = max(d, 1+of(need))
					}
				}
			}
		}
		memo[name] = d
		return d
	}
	out := 0
	for _, k := range ks {
		if c[k.name] > 0 {
			out = max(out, of(k.name))
		}
	}
	return out
}

// writeFloorConfig writes n objects of a floor: Terraform's built-in
// terraform_data, or the no-op framework provider's noop_object, each
// holding what a canned response of the canned-responses mix holds.
func writeFloorConfig(root, floor string, n int) (string, error) {
	dir, err := os.MkdirTemp(root, fmt.Sprintf("%s%d-", floor, n))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if floor == floorNoop {
		b.WriteString("terraform {\n  required_providers {\n    noop = { source = \"livechat-terraform/noop\" }\n  }\n}\n\n")
	}
	for i := range n {
		body := fmt.Sprintf("group = 0\n  text  = \"Scale canned response %d: thanks for waiting.\"\n  tags  = [\"scale\", \"r%d\"]", i, i)
		if floor == floorNoop {
			fmt.Fprintf(&b, "resource \"noop_object\" \"o%d\" {\n  %s\n}\n", i, body)
		} else {
			fmt.Fprintf(&b, "resource \"terraform_data\" \"o%d\" {\n  input = {\n    %s\n  }\n}\n", i, strings.ReplaceAll(body, "\n  ", "\n    "))
		}
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600)
}
