package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// testPropertiesConfig registers one property of every type; description varies to force a
// replacement.
func testPropertiesConfig(owner, prefix, description string) string {
	return fmt.Sprintf(`
resource "livechat_property" "string" {
  owner_client_id = %[1]q
  name            = "%[2]s_string"
  type            = "string"
  description     = %[3]q
  access = {
    license = { agent = ["read"] }
    chat    = { agent = ["write", "read"], customer = ["read"] }
  }
  domain        = ["standard", "premium"]
  default_value = "standard"
}

resource "livechat_property" "int" {
  owner_client_id = %[1]q
  name            = "%[2]s_int"
  type            = "int"
  access = {
    group  = { customer = ["read"] }
    thread = { agent = ["read"] }
  }
  range         = { from = -5, to = 10 }
  default_value = "-1"
}

resource "livechat_property" "bool" {
  owner_client_id = %[1]q
  name            = "%[2]s_bool"
  type            = "bool"
  access = {
    license = { agent = ["read", "write"], customer = ["read"] }
    event   = { customer = ["write"] }
  }
  domain        = ["true"]
  default_value = "true"
}

resource "livechat_property" "text" {
  owner_client_id = %[1]q
  name            = "%[2]s_text"
  type            = "tokenized_string"
  access = {
    chat = { agent = ["read"] }
  }
  range = null
}

# owner_client_id defaults to the provider's client_id (LIVECHAT_CLIENT_ID).
resource "livechat_property" "default_owner" {
  name = "%[2]s_default_owner"
  type = "int"
  access = {
    license = { agent = ["read"] }
  }
  range = { to = 100 }
}
`, owner, prefix, description)
}

func TestAccProperty_lifecycle(t *testing.T) {
	owner, prefix := testOwner("tf-prop-owner"), strings.ReplaceAll(randomName("p"), "-", "_")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_property", propertyExists),
		Steps: []resource.TestStep{
			{
				Config: testPropertiesConfig(owner, prefix, "Support tier"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_property.string", tfjsonpath.New("id"), knownvalue.StringExact(owner+"/"+prefix+"_string")),
					statecheck.ExpectKnownValue("livechat_property.string", tfjsonpath.New("access"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"license": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"agent": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("read")}), "customer": knownvalue.Null(),
						}),
						"chat": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"agent":    knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("read"), knownvalue.StringExact("write")}),
							"customer": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("read")}),
						}),
						"thread": knownvalue.Null(), "event": knownvalue.Null(), "group": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue("livechat_property.string", tfjsonpath.New("public_access"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_property.string", tfjsonpath.New("forget_on_destroy"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("livechat_property.int", tfjsonpath.New("range"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"from": knownvalue.Int64Exact(-5), "to": knownvalue.Int64Exact(10),
					})),
					statecheck.ExpectKnownValue("livechat_property.int", tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("livechat_property.bool", tfjsonpath.New("default_value"), knownvalue.StringExact("true")),
					statecheck.ExpectKnownValue("livechat_property.text", tfjsonpath.New("domain"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_property.default_owner", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
					statecheck.ExpectKnownValue("livechat_property.default_owner", tfjsonpath.New("range"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"from": knownvalue.Null(), "to": knownvalue.Int64Exact(100),
					})),
				},
				Check: func(*terraform.State) error {
					p := fromAPI(t, func(ctx context.Context) (*configuration.Property, error) {
						return acc.api.config.GetProperty(ctx, owner, prefix+"_int", true)
					})
					if p.Type != "int" {
						return fmt.Errorf("the API has %+v", p)
					}
					// list_properties' answer example shows no default_value or range.
					if !documentedAnswers() && (string(p.DefaultValue) != "-1" || p.Range == nil || p.Range.From == nil || *p.Range.From != -5) {
						return fmt.Errorf("the API has %+v", p)
					}
					return nil
				},
			},
			{
				Config: testPropertiesConfig(owner, prefix, "Support tier"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// No update_property: any change but publishing replaces.
				Config: testPropertiesConfig(owner, prefix, "Customer tier"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_property.string", plancheck.ResourceActionReplace),
						plancheck.ExpectResourceAction("livechat_property.int", plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_property.string", tfjsonpath.New("description"), knownvalue.StringExact("Customer tier")),
				},
			},
			{
				ResourceName:            "livechat_property.string",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, notReadBack("domain", "range", "default_value")...),
			},
			{
				ResourceName:            "livechat_property.int",
				ImportState:             true,
				ImportStateId:           owner + "/" + prefix + "_int",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, notReadBack("domain", "range", "default_value")...),
			},
			// No update_property: a description changed elsewhere can only be put back by a replacement.
			driftStep(testPropertiesConfig(owner, prefix, "Customer tier"), "livechat_property.string", plancheck.ResourceActionReplace,
				changeOutOfBand(t, "property", func() string { return owner + "/" + prefix + "_string" }, `{"description":"Changed elsewhere"}`)),
			driftStep(testPropertiesConfig(owner, prefix, "Customer tier"), "livechat_property.bool", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "property", func() string { return owner + "/" + prefix + "_bool" })),
		},
	})
}

func testPublishedConfig(owner, name, publicAccess string, forget bool) string {
	return fmt.Sprintf(`
resource "livechat_property" "pub" {
  owner_client_id   = %q
  name              = %q
  type              = "string"
  access            = { chat = { agent = ["read"], customer = ["read", "write"] } }
  public_access     = %s
  forget_on_destroy = %t
}
`, owner, name, publicAccess, forget)
}

// Publishing: in place, widening allowed; unpublishing, narrowing, changing, destroying and
// replacing a published property fail at plan time until forget_on_destroy is applied.
func TestAccProperty_publish(t *testing.T) {
	e := emulatorOnly(t, "a published property cannot be unregistered: only the emulator can remove what the test leaves")
	owner, name := randomName("tf-prop-pub"), randomName("published")
	renamed := name + "-v2"
	stillThere := func(names ...string) func(*terraform.State) error {
		return func(*terraform.State) error {
			for _, n := range names {
				if err := objectIs(t, propertyExists, owner+"/"+n, true, "a forgotten property"); err != nil {
					return err
				}
				// Clean up what destroy had to leave behind.
				if err := e.DeleteObject("property", owner+"/"+n); err != nil {
					return err
				}
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             stillThere(name, renamed),
		Steps: []resource.TestStep{
			{
				Config: testPublishedConfig(owner, name, "null", false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_property.pub", tfjsonpath.New("public_access"), knownvalue.Null()),
				},
			},
			{
				Config: testPublishedConfig(owner, name, `["read"]`, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_property.pub", plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					p := fromAPI(t, func(ctx context.Context) (*configuration.Property, error) {
						return acc.api.config.GetProperty(ctx, owner, name, true)
					})
					if strings.Join(p.PublicAccess, ",") != "read" {
						return fmt.Errorf("public access %v", p.PublicAccess)
					}
					return nil
				},
			},
			{
				Config: testPublishedConfig(owner, name, `["write", "read"]`, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_property.pub", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_property.pub", tfjsonpath.New("public_access"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				ResourceName:            "livechat_property.pub",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, notReadBack("domain", "range", "default_value")...),
			},
			{
				Config:      testPublishedConfig(owner, name, `["write"]`, false),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot narrow the public access.*Keep\s+read\s+in\s+public_access`),
			},
			{
				Config:      testPublishedConfig(owner, name, "null", false),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot unpublish a property.*public_access\s+=\s+\["read",\s+"write"\]`),
			},
			{
				Config:      strings.Replace(testPublishedConfig(owner, name, `["read", "write"]`, true), `type              = "string"`, `type = "tokenized_string"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot change a published property.*Changing\s+type`),
			},
			{
				Config:      testPublishedConfig(owner, renamed, `["read", "write"]`, false),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot replace a published property.*forget_on_destroy\s+=\s+true`),
			},
			{
				// Removing the resource would destroy it.
				Config:      `# nothing`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot destroy a published property.*forget_on_destroy`),
			},
			{
				Config: testPublishedConfig(owner, name, `["read", "write"]`, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_property.pub", plancheck.ResourceActionUpdate)},
				},
			},
			{
				// With forget_on_destroy applied, a new name replaces it; the old one is forgotten.
				Config: testPublishedConfig(owner, renamed, `["read", "write"]`, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_property.pub", plancheck.ResourceActionReplace)},
				},
				Check: func(*terraform.State) error {
					if err := objectIs(t, propertyExists, owner+"/"+name, true, "the forgotten property"); err != nil {
						return err
					}
					return objectIs(t, propertyExists, owner+"/"+renamed, true, "the new property")
				},
			},
		},
	})
}

func TestAccProperty_validation(t *testing.T) {
	prop := func(body string) string {
		return `resource "livechat_property" "x" {
  owner_client_id = "o"
  name            = "x"
` + body + "\n}"
	}
	str := `  type   = "string"
  access = { license = { agent = ["read"] } }
`
	steps := []struct {
		config string
		err    string
	}{
		{prop(`  type = "float"
  access = { chat = { agent = ["read"] } }`), `(?s)type.*value must be one of`},
		{prop(`  type = "int"
  access = {}`), `(?s)No location.*at least one location`},
		{prop(`  type = "int"
  access = { chat = {} }`), `(?s)Location without users.*access.chat must set agent, customer or both`},
		{prop(`  type = "int"
  access = { chat = { agent = [] } }`), `(?s)access.chat.agent.*at least 1`},
		{prop(`  type = "int"
  access = { chat = { agent = ["delete"] } }`), `(?s)access.chat.agent.*value must be one of`},
		{prop(str + `  domain = ["a"]
  range  = { from = 1 }`), `(?s)Invalid Attribute Combination`},
		{prop(str + `  range = { from = 1 }`), `(?s)Range on a non-int property`},
		{prop(`  type   = "int"
  access = { license = { agent = ["read"] } }
  range  = { from = 5, to = 1 }`), `(?s)Inverted range`},
		{prop(`  type   = "int"
  access = { license = { agent = ["read"] } }
  range  = {}`), `(?s)Empty range`},
		{prop(`  type   = "int"
  access = { license = { agent = ["read"] } }
  range  = { to = 2147483648 }`), `(?s)range.to.*between`},
		{prop(`  type          = "int"
  access        = { chat = { agent = ["read"] } }
  default_value = "1"`), `(?s)Default value without a license or group location`},
		{prop(`  type          = "int"
  access        = { group = { agent = ["read"] } }
  default_value = "042"`), `(?s)Invalid default value.*without\s+a\s+plus\s+sign\s+or\s+leading\s+zeros`},
		{prop(`  type          = "bool"
  access        = { group = { agent = ["read"] } }
  default_value = "True"`), `(?s)Invalid default value.*"true"\s+or\s+"false"`},
		{prop(`  type   = "int"
  access = { group = { agent = ["read"] } }
  domain = ["1", "x"]`), `(?s)Invalid domain value.*"x"`},
		{prop(str + `  domain        = ["a", "b"]
  default_value = "c"`), `(?s)Default value outside the domain`},
		{prop(`  type          = "int"
  access        = { group = { agent = ["read"] } }
  range         = { from = 1, to = 3 }
  default_value = "4"`), `(?s)Default value outside the range`},
		{prop(str + `  public_access = []`), `(?s)public_access.*at least 1`},
		{prop(str + `  public_access = ["all"]`), `(?s)public_access.*value must be one of`},
		{`provider "livechat" {
  client_id = ""
}

resource "livechat_property" "x" {
  name   = "x"
  type   = "int"
  access = { chat = { agent = ["read"] } }
}`, `(?s)Missing owner client id.*client_id.*LIVECHAT_CLIENT_ID`},
	}
	var ts []resource.TestStep
	for _, s := range steps {
		ts = append(ts, resource.TestStep{Config: s.config, PlanOnly: true, ExpectError: regexp.MustCompile(s.err)})
	}
	ts = append(ts, resource.TestStep{
		Config:        prop(str),
		ResourceName:  "livechat_property.x",
		ImportState:   true,
		ImportStateId: "no-slash",
		ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*<owner_client_id>/<name>`),
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: ts})
}

// A property registered twice fails with a message that says how to import it.
func TestAccProperty_alreadyExists(t *testing.T) {
	p := newTestProps("tf-prop-dup")
	config := func(n int) string {
		out := ""
		for i := range n {
			out += fmt.Sprintf(`
resource "livechat_property" "p%d" {
  owner_client_id = %q
  name            = %q
  type            = "bool"
  access          = { chat = { agent = ["read"] } }
}
`, i, p.owner, p.name("same"))
		}
		return out
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_property", propertyExists),
		Steps: []resource.TestStep{
			{Config: config(1)},
			{Config: config(2), ExpectError: regexp.MustCompile(`(?s)registered for this Client Id already.*terraform import livechat_property`)},
		},
	})
}
