package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func testBotTemplateConfig(owner, name, body string) string {
	return fmt.Sprintf(`
resource "livechat_bot_template" "test" {
  owner_client_id = %q
  name            = %q
%s
}
`, owner, name, body)
}

// checkTemplate compares the state with the emulator's full record of the template: the API
// cannot read back most of it, nor the secret. prev tracks rotations.
func checkTemplate(t *testing.T, maxChats int, priority, jobTitle string, prev *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources["livechat_bot_template.test"]
		return emulatorCheck(t, "no read returns a template's settings or secret", func(e emulatorAdmin) error {
			var tp struct {
				MaxChatsCount        int    `json:"max_chats_count"`
				DefaultGroupPriority string `json:"default_group_priority"`
				JobTitle             string `json:"job_title"`
				Secret               string `json:"secret"`
			}
			if err := emulatorObject(e, "bot_template", rs.Primary.ID, &tp); err != nil {
				return err
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
		})(s)
	}
}

// otherOwner is a second owner Client Id for a replacement: in remote mode
// LIVECHAT_TEST_OTHER_CLIENT_ID (another Client Id of the organization), else owner itself and
// the steps that need another one are skipped.
func otherOwner(owner string) string {
	if !acc.remote {
		return owner + "-2"
	}
	if o := os.Getenv("LIVECHAT_TEST_OTHER_CLIENT_ID"); o != "" {
		return o
	}
	return owner
}

func TestAccBotTemplate_lifecycle(t *testing.T) {
	owner, name := testOwner("tf-client"), randomName("tf-template")
	owner2 := otherOwner(owner)
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
					checkTemplate(t, 20, "last", "Helper", &secret),
					func(*terraform.State) error {
						return objectIs(t, botExists, id, false, "a bot created without affect_existing_installations")
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
				Check: checkTemplate(t, 500, "supervisor", "", &secret),
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
				SkipFunc: func() (bool, error) { return owner2 == owner, nil },
				Config:   testBotTemplateConfig(owner2, name+"-renamed", updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_bot_template.test", plancheck.ResourceActionReplace)},
				},
				Check: resource.ComposeTestCheckFunc(checkTemplate(t, 500, "supervisor", "", nil), func(s *terraform.State) error {
					if err := objectIs(t, botTemplateExists, owner+"/"+id, false, "the replaced template"); err != nil {
						return err
					}
					return stateAttr("livechat_bot_template.test", "id", &id)(s)
				}),
			},
			// name and avatar are what list_bot_templates shows: a rename in the app is drift.
			driftStep(testBotTemplateConfig(owner2, name+"-renamed", updated), "livechat_bot_template.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "bot_template", func() string { return owner2 + "/" + id }, `{"name":"`+name+` renamed in the app"}`)),
			driftStep(testBotTemplateConfig(owner2, name+"-renamed", updated), "livechat_bot_template.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "bot_template", func() string { return owner2 + "/" + id })),
		},
	})
}

// affect_existing_installations reaches the bot based on the template (the emulated license has
// every application installed; a real one needs LIVECHAT_CLIENT_ID's application installed).
func TestAccBotTemplate_affectExistingInstallations(t *testing.T) {
	owner, name := testOwner("tf-client"), randomName("tf-template")
	config := func(name string) string {
		return testBotTemplateConfig(owner, name, `  affect_existing_installations = true`)
	}
	var id string
	installedBot := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			// The apply waits for the template; its bot follows within the propagation delay.
			return eventually(func(ctx context.Context) error {
				b, err := acc.api.config.GetBot(ctx, id)
				if err != nil || b.Name != want || b.OwnerClientID != owner {
					return fmt.Errorf("installed bot %+v (%v), want the name %s", b, err, want)
				}
				return nil
			})
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(checkDestroyed("livechat_bot_template", botTemplateExists),
			func(*terraform.State) error { return awaitGoneCheck(botExists, id, "the template's bot") }),
		Steps: []resource.TestStep{
			{
				Config: config(name),
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot_template.test", "id", &id), installedBot(name),
					func(s *terraform.State) error {
						// The installed bot has the template's secret.
						return secretIssuesTokens(t, id, owner, s.RootModule().Resources["livechat_bot_template.test"].Primary.Attributes["secret"], true)
					}),
			},
			{
				Config: config(name + "-renamed"),
				Check:  installedBot(name + "-renamed"),
			},
		},
	})
}

// Five templates per client ID: the sixth fails with a message that says so. The owner's
// templates are counted first (a real Client Id may have some), and the test runs alone: no
// other test adds templates meanwhile.
func TestAccBotTemplate_limit(t *testing.T) {
	owner, name := testOwner("tf-client"), randomName("tf-template")
	have := fromAPI(t, func(ctx context.Context) ([]configuration.BotTemplate, error) {
		return acc.api.config.ListBotTemplates(ctx, owner, time.Now())
	})
	var b strings.Builder
	for i := min(len(have), 5); i < 6; i++ {
		fmt.Fprintf(&b, "resource \"livechat_bot_template\" \"t%d\" {\n  owner_client_id = %q\n  name = \"%s-%d\"\n}\n", i, owner, name, i)
	}
	resource.Test(t, resource.TestCase{
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
