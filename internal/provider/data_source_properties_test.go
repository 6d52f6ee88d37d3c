package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func strs(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(checks)
}

// shown is want, or null where a documented-answers emulator does not show the key (the List
// Properties example has no domain, range or default_value).
func shown(want knownvalue.Check) knownvalue.Check {
	if documentedAnswers() {
		return knownvalue.Null()
	}
	return want
}

func TestAccPropertiesDataSource(t *testing.T) {
	e := emulatorOnly(t, "a published property cannot be unregistered: only the emulator can remove what the test leaves")
	p := newTestProps("tf-ds-props")
	owner := p.owner
	config := testValuePropertiesConfig(p) + fmt.Sprintf(`
resource "livechat_property" "published" {
  owner_client_id   = local.owner
  name              = "published"
  type              = "string"
  description       = "Shared with other integrations"
  access            = { chat = { agent = ["read", "write"], customer = ["read"] } }
  public_access     = ["read"]
  forget_on_destroy = true
}

data "livechat_properties" "mine" {
  owner_client_id = %q
  depends_on      = [livechat_property.string, livechat_property.int, livechat_property.bool, livechat_property.text, livechat_property.published]
}

data "livechat_properties" "nobody" {
  owner_client_id = "%s-nobody"
}
`, owner, owner)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			// The published property was only forgotten; remove it.
			return e.DeleteObject("property", owner+"/published")
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_properties.mine", tfjsonpath.New("names"), strs("greeting", "max_wait", "published", "tier", "vip")),
					statecheck.ExpectKnownValue("data.livechat_properties.mine", tfjsonpath.New("properties").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("max_wait"), "type": knownvalue.StringExact("int"), "description": knownvalue.StringExact(""),
						"access": knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"license": knownvalue.ObjectExact(map[string]knownvalue.Check{
								"agent": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("read")}), "customer": knownvalue.Null(),
							}),
							"chat": knownvalue.Null(),
						}),
						"domain":        knownvalue.Null(),
						"range":         shown(knownvalue.ObjectExact(map[string]knownvalue.Check{"from": knownvalue.Int64Exact(-100), "to": knownvalue.Int64Exact(3600)})),
						"default_value": knownvalue.Null(),
						"public_access": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue("data.livechat_properties.mine", tfjsonpath.New("properties").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"description":   knownvalue.StringExact("Shared with other integrations"),
						"public_access": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("read")}),
					})),
					statecheck.ExpectKnownValue("data.livechat_properties.mine", tfjsonpath.New("properties").AtSliceIndex(3), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"domain":        shown(knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("standard"), knownvalue.StringExact("premium"), knownvalue.StringExact("enterprise")})),
						"default_value": shown(knownvalue.StringExact("standard")),
					})),
					statecheck.ExpectKnownValue("data.livechat_properties.nobody", tfjsonpath.New("properties"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

// Without owner_client_id the provider's client_id is listed; with neither, an error.
func TestAccPropertiesDataSource_defaultOwner(t *testing.T) {
	name := randomName("ds_default_owner")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_property", propertyExists),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "livechat_property" "p" {
  name   = %q
  type   = "bool"
  access = { chat = { customer = ["read"] } }
}

data "livechat_properties" "default" {
  depends_on = [livechat_property.p]
}
`, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_properties.default", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
					statecheck.ExpectKnownValue("data.livechat_properties.default", tfjsonpath.New("names"), listWith(knownvalue.StringExact(name))),
				},
			},
			{
				Config: `
provider "livechat" {
  client_id = ""
}

data "livechat_properties" "none" {}
`,
				ExpectError: regexp.MustCompile(`(?s)Missing owner client id.*LIVECHAT_CLIENT_ID`),
			},
			{
				Config:      `data "livechat_properties" "reserved" { owner_client_id = "test" }`,
				ExpectError: regexp.MustCompile(`(?s)not\s+owned\s+by\s+your\s+organization`),
			},
		},
	})
}

func TestAccLicensePropertiesDataSource(t *testing.T) {
	p := newTestProps("tf-ds-lprops")
	owner := p.owner
	config := testLicensePropertyConfig(p, "premium", 42, true, "hi") + fmt.Sprintf(`
data "livechat_license_properties" "mine" {
  namespace  = %[1]q
%[2]s  depends_on = [livechat_license_property.string, livechat_license_property.int, livechat_license_property.bool, livechat_license_property.text]
}

data "livechat_license_properties" "prefix" {
  namespace   = %[1]q
  name_prefix = %[3]q
  depends_on  = [livechat_license_property.int]
}
`, owner, p.filter(), p.name("max"))
	item := func(name string, s, i, b knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact(owner), "name": knownvalue.StringExact(p.name(name)),
			"value_string": s, "value_int": i, "value_bool": b,
		})
	}
	null := knownvalue.Null()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_license_properties.mine", tfjsonpath.New("properties"), knownvalue.ListExact([]knownvalue.Check{
						item("greeting", knownvalue.StringExact("hi"), null, null),
						item("max_wait", null, knownvalue.Int64Exact(42), null),
						item("tier", knownvalue.StringExact("premium"), null, null),
						item("vip", null, null, knownvalue.Bool(true)),
					})),
					statecheck.ExpectKnownValue("data.livechat_license_properties.prefix", tfjsonpath.New("properties"), knownvalue.ListExact([]knownvalue.Check{
						item("max_wait", null, knownvalue.Int64Exact(42), null),
					})),
				},
			},
			{
				// Destroy the values first: a data source would otherwise be read before.
				Config: testValuePropertiesConfig(p),
			},
			{
				// Without values, the license lists the defaults only.
				Config: testValuePropertiesConfig(p) + fmt.Sprintf(`
data "livechat_license_properties" "defaults" {
  namespace  = %q
%s  depends_on = [livechat_property.string]
}
`, owner, p.filter()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_license_properties.defaults", tfjsonpath.New("properties"), knownvalue.ListExact([]knownvalue.Check{
						item("tier", knownvalue.StringExact("standard"), null, null),
					})),
				},
			},
		},
	})
}

func TestAccGroupPropertiesDataSource(t *testing.T) {
	p, group := newTestProps("tf-ds-gprops"), randomName("tf-ds-gprops-group")
	owner := p.owner
	config := testGroupPropertyConfig(p, group, "enterprise", 7, false) + fmt.Sprintf(`
data "livechat_group_properties" "group" {
  group_id   = livechat_group.test.id
  namespace  = %[1]q
%[2]s  depends_on = [livechat_group_property.string, livechat_group_property.int]
}

data "livechat_group_properties" "general" {
  group_id    = 0
  namespace   = %[1]q
  name_prefix = %[3]q
  depends_on  = [livechat_group_property.bool_general]
}
`, owner, p.filter(), p.name("v"))
	item := func(name string, s, i, b knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact(owner), "name": knownvalue.StringExact(p.name(name)),
			"value_string": s, "value_int": i, "value_bool": b,
		})
	}
	null := knownvalue.Null()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_group_properties.group", tfjsonpath.New("properties"), knownvalue.ListExact([]knownvalue.Check{
						item("max_wait", null, knownvalue.Int64Exact(7), null),
						item("tier", knownvalue.StringExact("enterprise"), null, null),
					})),
					statecheck.ExpectKnownValue("data.livechat_group_properties.general", tfjsonpath.New("properties"), knownvalue.ListExact([]knownvalue.Check{
						item("vip", null, null, knownvalue.Bool(false)),
					})),
				},
			},
			{
				Config:      `data "livechat_group_properties" "missing" { group_id = 987654 }`,
				ExpectError: regexp.MustCompile(`(?s)group_not_found`),
			},
		},
	})
}
