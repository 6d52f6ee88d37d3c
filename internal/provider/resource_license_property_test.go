package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// testValuePropertiesConfig registers a string, an int, a bool and a tokenized_string property
// available in the license and group locations: p's tier, max_wait, vip and greeting.
func testValuePropertiesConfig(p testProps) string {
	return fmt.Sprintf(`
locals {
  owner  = %q
  prefix = %q
  access = { license = { agent = ["read"] }, group = { agent = ["read"] } }
}

resource "livechat_property" "string" {
  owner_client_id = local.owner
  name            = "${local.prefix}tier"
  type            = "string"
  access          = local.access
  domain          = ["standard", "premium", "enterprise"]
  default_value   = "standard"
}

resource "livechat_property" "int" {
  owner_client_id = local.owner
  name            = "${local.prefix}max_wait"
  type            = "int"
  access          = local.access
  range           = { from = -100, to = 3600 }
}

resource "livechat_property" "bool" {
  owner_client_id = local.owner
  name            = "${local.prefix}vip"
  type            = "bool"
  access          = local.access
}

resource "livechat_property" "text" {
  owner_client_id = local.owner
  name            = "${local.prefix}greeting"
  type            = "tokenized_string"
  access          = local.access
}
`, p.owner, p.prefix)
}

func testLicensePropertyConfig(p testProps, tier string, wait int, vip bool, greeting string) string {
	return testValuePropertiesConfig(p) + fmt.Sprintf(`
resource "livechat_license_property" "string" {
  namespace    = livechat_property.string.owner_client_id
  name         = livechat_property.string.name
  value_string = %q
}

resource "livechat_license_property" "int" {
  namespace = livechat_property.int.owner_client_id
  name      = livechat_property.int.name
  value_int = %d
}

resource "livechat_license_property" "bool" {
  namespace  = livechat_property.bool.owner_client_id
  name       = livechat_property.bool.name
  value_bool = %t
}

resource "livechat_license_property" "text" {
  namespace    = livechat_property.text.owner_client_id
  name         = livechat_property.text.name
  value_string = %q
}
`, tier, wait, vip, greeting)
}

func TestAccLicenseProperty_lifecycle(t *testing.T) {
	p := newTestProps("tf-lprop")
	owner := p.owner
	value := func(name, want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			values := fromAPI(t, func(ctx context.Context) (configuration.PropertyValues, error) {
				return acc.api.config.LicenseProperties(ctx, owner, true)
			})
			if v, ok := values.Get(owner, p.name(name)); !ok || !sameJSON(v, json.RawMessage(want)) {
				return fmt.Errorf("API value of %s = %s (%v), want %s", p.name(name), v, ok, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_license_property", licensePropertyExists),
		Steps: []resource.TestStep{
			{
				Config: testLicensePropertyConfig(p, "premium", -7, false, "hello there"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_license_property.string", tfjsonpath.New("id"), knownvalue.StringExact(p.id("tier"))),
					statecheck.ExpectKnownValue("livechat_license_property.string", tfjsonpath.New("value_string"), knownvalue.StringExact("premium")),
					statecheck.ExpectKnownValue("livechat_license_property.string", tfjsonpath.New("value_int"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_license_property.int", tfjsonpath.New("value_int"), knownvalue.Int64Exact(-7)),
					statecheck.ExpectKnownValue("livechat_license_property.bool", tfjsonpath.New("value_bool"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("livechat_license_property.text", tfjsonpath.New("value_string"), knownvalue.StringExact("hello there")),
				},
				Check: resource.ComposeTestCheckFunc(value("tier", `"premium"`), value("max_wait", "-7"), value("vip", "false")),
			},
			{
				Config: testLicensePropertyConfig(p, "premium", -7, false, "hello there"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testLicensePropertyConfig(p, "enterprise", 3600, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_license_property.string", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_license_property.int", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_license_property.bool", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_license_property.text", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_license_property.text", tfjsonpath.New("value_string"), knownvalue.StringExact("")),
				},
				Check: resource.ComposeTestCheckFunc(value("tier", `"enterprise"`), value("max_wait", "3600"), value("vip", "true"), value("greeting", `""`)),
			},
			{
				ResourceName: "livechat_license_property.string", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName: "livechat_license_property.int", ImportState: true, ImportStateId: p.id("max_wait"), ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName: "livechat_license_property.bool", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			driftStep(testLicensePropertyConfig(p, "enterprise", 3600, true, ""), "livechat_license_property.int", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "license_property", func() string { return p.id("max_wait") }, `{"value":60}`)),
			// The bool property has no default: deleting its value is drift.
			driftStep(testLicensePropertyConfig(p, "enterprise", 3600, true, ""), "livechat_license_property.bool", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "license_property", func() string { return p.id("vip") })),
			deleteOutOfBand(t, "license_property", func() string { return p.id("tier") }).step(resource.TestStep{
				// The string property has a default: deleting its value shows the default, a diff.
				Config: testLicensePropertyConfig(p, "enterprise", 3600, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_license_property.string", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_license_property.bool", plancheck.ResourceActionCreate),
					},
				},
				Check: resource.ComposeTestCheckFunc(value("tier", `"enterprise"`), value("vip", "true")),
			}),
		},
	})
}

// Values of the license's test properties need no registration. The test namespace is shared by
// the whole license, so this test runs alone, and puts back the value it found.
func TestAccLicenseProperty_testNamespace(t *testing.T) {
	const ns, name = "test", "tokenized_string_property"
	preserve(t, "the license's test/"+name, func(ctx context.Context) (func(context.Context) error, error) {
		values, err := acc.api.config.LicenseProperties(ctx, ns, true)
		old, had := values.Get(ns, name)
		return func(ctx context.Context) error {
			if !had {
				return nil // destroy deleted the value
			}
			return acc.api.config.UpdateLicenseProperties(ctx, configuration.PropertyValues{ns: {name: old}})
		}, err
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_license_property", licensePropertyExists),
		Steps: []resource.TestStep{
			{
				Config: `
resource "livechat_license_property" "test" {
  namespace    = "test"
  name         = "tokenized_string_property"
  value_string = "some longer message"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_license_property.test", tfjsonpath.New("id"), knownvalue.StringExact("test/tokenized_string_property")),
				},
			},
			{
				ResourceName: "livechat_license_property.test", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestAccLicenseProperty_errors(t *testing.T) {
	p := newTestProps("tf-lprop-err")
	config := func(value string) string {
		return testValuePropertiesConfig(p) + `
resource "livechat_license_property" "x" {
  namespace = livechat_property.string.owner_client_id
  name      = livechat_property.string.name
` + value + "\n}"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(``), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes.*value_string,value_int,value_bool`)},
			{Config: config(`  value_string = "a"
  value_int    = 1`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`)},
			{Config: config(`  value_int = 2147483648`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)value_int.*between`)},
			// The API checks the value against the property's type and domain.
			{Config: config(`  value_int = 1`), ExpectError: regexp.MustCompile(`(?s)Setting license property.*must\s+be\s+a\s+string`)},
			{Config: config(`  value_string = "gold"`), ExpectError: regexp.MustCompile(`(?s)must\s+be\s+one\s+of\s+the\s+property's\s+domain`)},
			{
				Config: config(`  value_string = "premium"`), ResourceName: "livechat_license_property.x", ImportState: true,
				ImportStateId: "no-slash", ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*<namespace>/<name>`),
			},
		},
	})
}
