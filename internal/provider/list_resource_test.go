package provider

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// terraform114 skips a test, with the reason, on Terraform < 1.14 (no `terraform query`, no
// actions); make test-terraform-latest runs them.
var terraform114 = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// later is a configuration variable whose value a previous step captured (e.g. a group ID the
// API assigned): it is read when the step writes its variables.
type later struct{ value *string }

func (v later) MarshalJSON() ([]byte, error) { return json.Marshal(*v.value) }

// sameAs checks a value against one a previous step captured.
type sameAs struct{ value *string }

func (c sameAs) CheckValue(v any) error {
	var got string
	switch x := v.(type) {
	case string:
		got = x
	case json.Number:
		got = x.String()
	default:
		return fmt.Errorf("expected %q, got %T %v", *c.value, v, v)
	}
	if got != *c.value {
		return fmt.Errorf("expected %q, got %q", *c.value, got)
	}
	return nil
}

func (c sameAs) String() string { return *c.value }

// TestListResourcesCoverEveryListableType fails when a type is added to the listing layer (or
// to the provider) without its list resource: every type but solution organizations has one.
func TestListResourcesCoverEveryListableType(t *testing.T) {
	var listed []string
	for _, lt := range listTypes {
		listed = append(listed, "livechat_"+lt.name)
		if _, ok := listing.Find("livechat_" + lt.name); !ok {
			t.Errorf("list resource livechat_%s has no kind in internal/listing", lt.name)
		}
		if typeName(lt.newResource()) != "livechat_"+lt.name {
			t.Errorf("list resource livechat_%s lists %s", lt.name, typeName(lt.newResource()))
		}
	}
	for _, k := range listing.Kinds() {
		if !slices.Contains(listed, k.Type) && k.Type != "livechat_solution_organization" {
			t.Errorf("%s has no list resource (list_types.go)", k.Type)
		}
	}
}

// TestAccListConfiguration queries agents, tags, canned responses and webhooks with the list
// methods' filters (a group, suspended, an owner client ID), with and without include_resource.
// The objects are this test's own, found among every other test's by their group and owner.
func TestAccListConfiguration(t *testing.T) {
	name := randomName("tf-acc-list")
	owner := randomName("tf-acc-list-owner")
	agentA, agentB := name+"-a@example.com", name+"-b@example.com"
	var groupID, webhookID string
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   terraform114,
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "livechat_group" "g" {
  name = %[1]q
}

resource "livechat_agent" "a" {
  id     = %[2]q
  name   = "List A"
  groups = [{ id = livechat_group.g.id, priority = "normal" }]
}

resource "livechat_agent" "b" {
  id        = %[3]q
  name      = "List B"
  suspended = true
  groups    = [{ id = livechat_group.g.id, priority = "normal" }]
}

resource "livechat_tag" "t1" {
  name      = "%[1]s-t1"
  group_ids = [livechat_group.g.id]
}

resource "livechat_tag" "t2" {
  name      = "%[1]s-t2"
  group_ids = [livechat_group.g.id]
}

resource "livechat_canned_response" "c" {
  group = livechat_group.g.id
  text  = "Listed by group"
  tags  = ["%[1]s"]
}

resource "livechat_webhook" "w" {
  owner_client_id = %[4]q
  url             = "https://example.com/%[1]s"
  action          = "incoming_event"
  type            = "license"
  secret_key      = "list-secret"
}
`, name, agentA, agentB, owner),
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_group.g", "id", &groupID),
					stateAttr("livechat_webhook.w", "id", &webhookID),
				),
			},
			{
				Query:           true,
				ConfigVariables: config.Variables{"group": later{&groupID}, "owner": config.StringVariable(owner)},
				Config: `
variable "group" {
  type = number
}

variable "owner" {
  type = string
}

provider "livechat" {}

list "livechat_agent" "in_group" {
  provider = livechat
  config {
    group_ids = [var.group]
  }
}

list "livechat_agent" "suspended" {
  provider         = livechat
  include_resource = true
  config {
    group_ids = [var.group]
    suspended = true
  }
}

list "livechat_tag" "in_group" {
  provider = livechat
  config {
    group_ids = [var.group]
  }
}

list "livechat_canned_response" "in_group" {
  provider         = livechat
  include_resource = true
  config {
    group_ids = [var.group]
  }
}

list "livechat_webhook" "of_owner" {
  provider         = livechat
  include_resource = true
  config {
    owner_client_ids = [var.owner]
  }
}

list "livechat_group" "all" {
  provider = livechat
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("livechat_agent.in_group", 2),
					querycheck.ExpectIdentity("livechat_agent.in_group", map[string]knownvalue.Check{"id": knownvalue.StringExact(agentA)}),
					querycheck.ExpectIdentity("livechat_agent.in_group", map[string]knownvalue.Check{"id": knownvalue.StringExact(agentB)}),
					querycheck.ExpectLength("livechat_agent.suspended", 1),
					querycheck.ExpectResourceKnownValues("livechat_agent.suspended",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(agentB)}),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("List B")},
							{Path: tfjsonpath.New("suspended"), KnownValue: knownvalue.Bool(true)},
						}),
					querycheck.ExpectLength("livechat_tag.in_group", 2),
					querycheck.ExpectIdentity("livechat_tag.in_group", map[string]knownvalue.Check{"id": knownvalue.StringExact(name + "-t1")}),
					querycheck.ExpectLength("livechat_canned_response.in_group", 1),
					querycheck.ExpectResourceDisplayName("livechat_canned_response.in_group",
						queryfilter.ByDisplayName(knownvalue.StringExact(name)), knownvalue.StringExact(name)),
					querycheck.ExpectLength("livechat_webhook.of_owner", 1),
					querycheck.ExpectIdentity("livechat_webhook.of_owner", map[string]knownvalue.Check{
						"owner_client_id": knownvalue.StringExact(owner), "id": sameAs{&webhookID},
					}),
					querycheck.ExpectResourceKnownValues("livechat_webhook.of_owner",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"owner_client_id": knownvalue.StringExact(owner), "id": sameAs{&webhookID}}),
						[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("url"), KnownValue: knownvalue.StringExact("https://example.com/" + name)}}),
					querycheck.ExpectIdentity("livechat_group.all", map[string]knownvalue.Check{"id": sameAs{&groupID}}),
					querycheck.ExpectResourceDisplayName("livechat_group.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": sameAs{&groupID}}), knownvalue.StringExact(name)),
				},
			},
		},
	})
}

// TestAccListDefaults: the license owner, one of the objects every license has, is listed only
// with include_defaults.
func TestAccListDefaults(t *testing.T) {
	const owner = "owner@example.com" // the emulator's default license owner
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   terraform114,
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `data "livechat_groups" "any" {}`}, // a query step needs a configuration before it
			{
				Query: true,
				Config: `
provider "livechat" {}

list "livechat_agent" "without_defaults" {
  provider = livechat
}

list "livechat_agent" "with_defaults" {
  provider = livechat
  config {
    include_defaults = true
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectNoIdentity("livechat_agent.without_defaults", map[string]knownvalue.Check{"id": knownvalue.StringExact(owner)}),
					querycheck.ExpectIdentity("livechat_agent.with_defaults", map[string]knownvalue.Check{"id": knownvalue.StringExact(owner)}),
				},
			},
		},
	})
}

// TestServerOffersListResourcesAndActions: the server Terraform talks to must offer the list and
// action calls (tfprotov6 keeps them in interfaces of their own, which a wrapper of
// tfprotov6.ProviderServer does not forward by itself).
func TestServerOffersListResourcesAndActions(t *testing.T) {
	s := Server("test")()
	if _, ok := s.(tfprotov6.ProviderServerWithListResource); !ok {
		t.Errorf("%T does not serve list resources (terraform query)", s)
	}
	if _, ok := s.(tfprotov6.ProviderServerWithActions); !ok {
		t.Errorf("%T does not serve actions", s)
	}
}
