package provider

import (
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
)

func botTemplateExists(id string) bool {
	_, ok := testEmulator.BotTemplate(id)
	return ok
}

func testBotTemplateConfig(owner, name, body string) string {
	return fmt.Sprintf(`
resource "livechat_bot_template" "test" {
  owner_client_id = %q
  name            = %q
%s
}
`, owner, name, body)
}

// checkTemplate compares the state with the emulator's full record of the
// template (the API cannot read back most of it); prev tracks rotations.
func checkTemplate(maxChats int, priority, jobTitle string, prev *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources["livechat_bot_template.test"]
		tp, ok := testEmulator.BotTemplate(rs.Primary.ID)
		if !ok {
			return fmt.Errorf("template %s not in the emulator", rs.Primary.ID)
		}
		if tp.MaxChatsCount != maxChats || tp.DefaultGroupPriority != priority || tp.JobTitle != jobTitle {
			return fmt.Errorf("emulator template %+v", tp)
		}
		secret := rs.Primary.Attributes["secret"]
		if secret == "" || secret != tp.Secret {
			return fmt.Errorf("state secret %q, emulator secret %q", secret, tp.Secret)
		}
		if prev != nil {
			if *prev != "" && *prev == secret {
				return fmt.Errorf("secret did not change")
			}
			*prev = secret
		}
		return nil
	}
}

func TestAccBotTemplate_lifecycle(t *testing.T) {
	owner, name := randomName("tf-client"), randomName("tf-template")
	created := `
  avatar                 = "https://example.com/t.png"
  max_chats_count        = 20
  default_group_priority = "last"
  job_title              = "Helper"
`
	updated := `
  max_chats_count        = 500
  default_group_priority = "supervisor"
  job_title              = ""
  secret_version         = "1"
`
	var id, secret string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot_template", botTemplateExists),
		Steps: []resource.TestStep{
			{
				Config: testBotTemplateConfig(owner, name, created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot_template.test", tfjsonpath.New("avatar"), knownvalue.StringExact("https://example.com/t.png")),
					statecheck.ExpectKnownValue("livechat_bot_template.test", tfjsonpath.New("affect_existing_installations"), knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot_template.test", "id", &id),
					checkTemplate(20, "last", "Helper", &secret),
					func(*terraform.State) error {
						if botExists(id) {
							return fmt.Errorf("a bot was created without affect_existing_installations")
						}
						return nil
					}),
			},
			{
				Config: testBotTemplateConfig(owner, name, created),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// In place; the secret rotates; job_title is cleared explicitly (an
				// unset job_title is left as it is: the API cannot read it back);
				// avatar goes back to its default.
				Config: testBotTemplateConfig(owner, name+"-renamed", updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_bot_template.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("livechat_bot_template.test", tfjsonpath.New("secret")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot_template.test", tfjsonpath.New("name"), knownvalue.StringExact(name+"-renamed")),
					statecheck.ExpectKnownValue("livechat_bot_template.test", tfjsonpath.New("avatar"), knownvalue.StringExact("")),
				},
				Check: checkTemplate(500, "supervisor", "", &secret),
			},
			{
				ResourceName:      "livechat_bot_template.test",
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return owner + "/" + id, nil },
				ImportStateVerify: true,
				// Not readable through list_bot_templates, or the configuration's own.
				ImportStateVerifyIgnore: append([]string{"timeouts", "secret", "secret_version", "max_chats_count",
					"default_group_priority", "job_title", "affect_existing_installations"}, notReadBack("avatar")...),
			},
			{
				// owner_client_id identifies the template: a new one.
				Config: testBotTemplateConfig(owner+"-2", name+"-renamed", updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_bot_template.test", plancheck.ResourceActionReplace)},
				},
				Check: resource.ComposeTestCheckFunc(checkTemplate(500, "supervisor", "", nil), func(s *terraform.State) error {
					if botTemplateExists(id) {
						return fmt.Errorf("replaced template %s still exists", id)
					}
					return stateAttr("livechat_bot_template.test", "id", &id)(s)
				}),
			},
			// name and avatar are what list_bot_templates shows: a rename in the app is drift.
			driftStep(testBotTemplateConfig(owner+"-2", name+"-renamed", updated), "livechat_bot_template.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "bot_template", func() string { return id }, `{"name":"Renamed in the app"}`)),
			driftStep(testBotTemplateConfig(owner+"-2", name+"-renamed", updated), "livechat_bot_template.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "bot_template", func() string { return id })),
		},
	})
}

// affect_existing_installations reaches the bot based on the template (the
// emulated license has every application installed).
func TestAccBotTemplate_affectExistingInstallations(t *testing.T) {
	owner, name := randomName("tf-client"), randomName("tf-template")
	config := func(name string) string {
		return testBotTemplateConfig(owner, name, `  affect_existing_installations = true`)
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if botExists(id) || botTemplateExists(id) {
				return fmt.Errorf("template %s or its bot survived destroy", id)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config(name),
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot_template.test", "id", &id), func(s *terraform.State) error {
					b, ok := testEmulator.Bot(id)
					if !ok || b.Name != name || b.OwnerClientID != owner || b.Secret != s.RootModule().Resources["livechat_bot_template.test"].Primary.Attributes["secret"] {
						return fmt.Errorf("installed bot %+v, %v", b, ok)
					}
					return nil
				}),
			},
			{
				Config: config(name + "-renamed"),
				Check: func(*terraform.State) error {
					if b, _ := testEmulator.Bot(id); b.Name != name+"-renamed" {
						return fmt.Errorf("installed bot not updated: %+v", b)
					}
					return nil
				},
			},
		},
	})
}

// Five templates per client ID: the sixth fails with a message that says so.
func TestAccBotTemplate_limit(t *testing.T) {
	owner := randomName("tf-client")
	var b strings.Builder
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, "resource \"livechat_bot_template\" \"t%d\" {\n  owner_client_id = %q\n  name = \"T%d\"\n}\n", i, owner, i)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot_template", botTemplateExists),
		Steps: []resource.TestStep{
			{Config: b.String(), ExpectError: regexp.MustCompile(`(?s)has\s+five\s+bot\s+templates\s+already`)},
		},
	})
}

func TestAccBotTemplate_validation(t *testing.T) {
	tpl := func(body string) string {
		return "resource \"livechat_bot_template\" \"x\" {\n  name = \"x\"\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: tpl(`  max_chats_count = 501`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)max_chats_count.*between\s+0\s+and\s+500`)},
			{Config: tpl(`  default_group_priority = "top"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)default_group_priority.*value\s+must\s+be\s+one\s+of`)},
			{Config: tpl(`  owner_client_id = ""`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)owner_client_id\s+string\s+length\s+must\s+be\s+at\s+least\s+1`)},
			{
				Config:      "provider \"livechat\" {\n  client_id = \"\"\n}\n" + tpl(""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)set\s+owner_client_id\s+here,\s+or\s+client_id\s+in\s+the\s+provider\s+block\s+\(env\s+LIVECHAT_CLIENT_ID\)`),
			},
			{
				Config:        tpl(""),
				ResourceName:  "livechat_bot_template.x",
				ImportState:   true,
				ImportStateId: "5c9871d5372c824cbf22d860a707a578",
				ExpectError:   regexp.MustCompile(`imported\s+as\s+<owner_client_id>/<template\s+id>`),
			},
		},
	})
}
