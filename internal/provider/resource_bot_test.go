package provider

import (
	"context"
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

// createBotOutOfBand creates a bot behind Terraform's back, through the API, and waits until
// reads show it.
func createBotOutOfBand(t *testing.T, name string) string {
	t.Helper()
	ctx, cancel := apiContext(t)
	defer cancel()
	created, err := acc.api.config.CreateBot(ctx, configuration.BotCreate{Name: name, OwnerClientID: testClientID})
	if err != nil {
		t.Fatalf("create_bot: %v", err)
	}
	err = awaitConsistent(ctx, "bot "+created.ID, func(ctx context.Context) (bool, error) {
		return exists("bot")(ctx, created.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}

// testBotConfig puts the bot in a group created in the same apply, so the
// propagation-delay run exercises the group_not_found retry.
func testBotConfig(group, name, body string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_bot" "test" {
  name = %q
%s
}
`, group, name, body)
}

// checkBotSecret checks that the state's secret is the bot's: issue_bot_token accepts it. prev,
// when set, must differ (a rotation), is refused now, and is updated.
func checkBotSecret(t *testing.T, prev *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources["livechat_bot.test"]
		secret := rs.Primary.Attributes["secret"]
		if secret == "" {
			return fmt.Errorf("no secret in the state")
		}
		if err := secretIssuesTokens(t, rs.Primary.ID, rs.Primary.Attributes["owner_client_id"], secret, true); err != nil {
			return err
		}
		if prev != nil {
			if *prev != "" && *prev == secret {
				return fmt.Errorf("secret did not change")
			}
			if *prev != "" {
				if err := secretIssuesTokens(t, rs.Primary.ID, rs.Primary.Attributes["owner_client_id"], *prev, false); err != nil {
					return err
				}
			}
			*prev = secret
		}
		return nil
	}
}

func TestAccBot_lifecycle(t *testing.T) {
	group, name := randomName("tf-bot-group"), randomName("tf-bot")
	created := `
  avatar                 = "https://example.com/bot.png"
  max_chats_count        = 500
  default_group_priority = "normal"
  groups = [
    { id = 0, priority = "last" },
    { id = livechat_group.test.id, priority = "first" },
  ]
  work_scheduler = {
    timezone = "Europe/Warsaw"
    schedule = [
      { day = "monday", start = "08:00", end = "16:00" },
    ]
  }
`
	updated := `
  avatar                 = ""
  max_chats_count        = 0
  default_group_priority = "supervisor"
  groups = [
    { id = livechat_group.test.id, priority = "normal" },
  ]
  work_scheduler = {
    timezone = "America/New_York"
    schedule = [
      { day = "friday", start = "07:30", end = "21:30", enabled = false },
    ]
  }
  secret_version = "2"
`
	var id, secret string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot", botExists),
		Steps: []resource.TestStep{
			{
				Config: testBotConfig(group, name, created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(500)),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("job_title"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("groups"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("timezone"), knownvalue.StringExact("Europe/Warsaw")),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("secret_version"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot.test", "id", &id), checkBotSecret(t, &secret),
					func(*terraform.State) error {
						// Bots are group members: the group lists the bot too.
						g := fromAPI(t, func(ctx context.Context) (*configuration.Group, error) { return acc.api.config.GetGroup(ctx, 0) })
						if g.AgentPriorities[id] != "last" {
							return fmt.Errorf("group 0 members %v lack bot %s", g.AgentPriorities, id)
						}
						return nil
					}),
			},
			{
				Config: testBotConfig(group, name, created),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// In place, and secret_version rotates the secret.
				Config: testBotConfig(group, name+"-renamed", updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_bot.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue("livechat_bot.test", tfjsonpath.New("secret")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("name"), knownvalue.StringExact(name+"-renamed")),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("default_group_priority"), knownvalue.StringExact("supervisor")),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("timezone"), knownvalue.StringExact("America/New_York")),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("normal")}),
					})),
				},
				Check: checkBotSecret(t, &secret),
			},
			{
				// Removing secret_version rotates nothing.
				Config: testBotConfig(group, name+"-renamed", updated[:len(updated)-len("  secret_version = \"2\"\n")]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("secret"), knownvalue.NotNull())},
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources["livechat_bot.test"].Primary.Attributes["secret"]; got != secret {
						return fmt.Errorf("secret changed without a new secret_version")
					}
					return nil
				},
			},
			{
				// update_bot takes job_title (today's reference): in place, the same bot and secret.
				Config: testBotConfig(group, name+"-renamed", updated+`  job_title = "Concierge"`+"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_bot.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("job_title"), knownvalue.StringExact("Concierge")),
				},
				Check: resource.ComposeTestCheckFunc(checkBotSecret(t, &secret), resource.TestCheckResourceAttrPtr("livechat_bot.test", "id", &id)),
			},
			{
				ResourceName:      "livechat_bot.test",
				ImportState:       true,
				ImportStateVerify: true,
				// The secret cannot be read back; secret_version is the configuration's own.
				ImportStateVerifyIgnore: append([]string{"timeouts", "secret", "secret_version"}, notReadBack("avatar")...),
			},
			// default_group_priority is a field list_bots cannot show: the refresh (default settings) sees it change.
			driftStep(testBotConfig(group, name+"-renamed", updated+`  job_title = "Concierge"`+"\n"), "livechat_bot.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "bot", func() string { return id }, `{"default_group_priority":"first"}`)),
			// default_group_priority is put back first, so only max_chats_count differs.
			driftStep(testBotConfig(group, name+"-renamed", updated+`  job_title = "Concierge"`+"\n"), "livechat_bot.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "bot", func() string { return id }, `{"default_group_priority":"supervisor","max_chats_count":9}`)),
			driftStep(testBotConfig(group, name+"-renamed", updated+`  job_title = "Concierge"`+"\n"), "livechat_bot.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "bot", func() string { return id })),
		},
	})
}

// An imported bot has no secret in the state; setting secret_version issues one.
func TestAccBot_importThenRotate(t *testing.T) {
	name := randomName("tf-bot-import")
	config := func(extra string) string {
		return fmt.Sprintf(`
resource "livechat_bot" "test" {
  name = %q
%s
}
`, name, extra)
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot", botExists),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					id = createBotOutOfBand(t, name)
				},
				Config:       config(""),
				ResourceName: "livechat_bot.test",
				ImportState:  true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return id, nil
				},
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["secret"] != "" || states[0].Attributes["owner_client_id"] != testClientID {
						return fmt.Errorf("imported %v", states[0].Attributes)
					}
					return nil
				},
			},
			{
				// Refreshes never null or invent a secret: the plan is empty.
				Config: config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("secret"), knownvalue.Null()),
				},
			},
			{
				Config: config(`  secret_version = "1"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_bot.test", plancheck.ResourceActionUpdate)},
				},
				Check: checkBotSecret(t, nil),
			},
		},
	})
}

// The bot's type (today's reference: create_bot/update_bot `type`, default chatbot) is written
// in place and never read back: no read method documents it.
func TestAccBot_type(t *testing.T) {
	group, name := randomName("tf-bot-type-group"), randomName("tf-bot-type")
	config := func(extra string) string {
		return testBotConfig(group, name, `  groups = [{ id = livechat_group.test.id, priority = "supervisor" }]`+"\n"+extra)
	}
	var id string
	emulatorType := func(want string) resource.TestCheckFunc {
		return emulatorCheck(t, "no read returns a bot's type", func(e emulatorAdmin) error {
			var b struct {
				Type string `json:"type"`
			}
			if err := emulatorObject(e, "bot", id, &b); err != nil || b.Type != want {
				return fmt.Errorf("emulator bot %+v (%v), want type %q", b, err, want)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot", botExists),
		Steps: []resource.TestStep{
			{
				// Unset: not sent, the API's default applies.
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("type"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_bot.test", tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("supervisor")}),
					})),
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot.test", "id", &id), emulatorType("chatbot")),
			},
			{
				Config: config(`  type = "support"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_bot.test", plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(emulatorType("support"), resource.TestCheckResourceAttrPtr("livechat_bot.test", "id", &id)),
			},
			{
				Config: config(`  type = "support"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Nothing reads the type back: an import leaves it null.
				ResourceName:            "livechat_bot.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "secret", "secret_version", "type"},
			},
		},
	})
}

func TestAccBot_validation(t *testing.T) {
	bot := func(body string) string {
		return "resource \"livechat_bot\" \"x\" {\n  name = \"x\"\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: bot(`  max_chats_count = 501`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)max_chats_count.*between\s+0\s+and\s+500`)},
			{Config: bot(`  max_chats_count = -1`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)max_chats_count.*between\s+0\s+and\s+500`)},
			{Config: bot(`  default_group_priority = "bot"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)default_group_priority.*value\s+must\s+be\s+one\s+of`)},
			{Config: `resource "livechat_bot" "x" { name = "" }`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)name\s+must\s+not\s+be\s+empty\s+or\s+blank`)},
			{Config: bot(`  groups = [{ id = 0, priority = "boss" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)priority.*value\s+must\s+be\s+one\s+of`)},
			{Config: bot(`  groups = [{ id = -1, priority = "first" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)value\s+must\s+be\s+at\s+least\s+0`)},
			{Config: bot(`  groups = [{ id = 0, priority = "first" }, { id = 0, priority = "last" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Group\s+0\s+appears\s+more\s+than\s+once`)},
			{
				Config:   bot(`  work_scheduler = { timezone = "UTC", schedule = [{ day = "someday", start = "08:00", end = "09:00" }] }`),
				PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)day.*value\s+must\s+be\s+one\s+of`),
			},
			{
				Config:   bot(`  work_scheduler = { timezone = "UTC", schedule = [{ day = "monday", start = "8:00", end = "09:00" }] }`),
				PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)must\s+be\s+a\s+time\s+of\s+day\s+as\s+HH:MM`),
			},
			{Config: bot(`  owner_client_id = ""`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)owner_client_id\s+string\s+length\s+must\s+be\s+at\s+least\s+1`)},
			{
				// Neither owner_client_id nor the provider's client_id: the error names both.
				Config:      "provider \"livechat\" {\n  client_id = \"\"\n}\n" + bot(""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)set\s+owner_client_id\s+here,\s+or\s+client_id\s+in\s+the\s+provider\s+block\s+\(env\s+LIVECHAT_CLIENT_ID\)`),
			},
			{
				Config:        bot(""),
				ResourceName:  "livechat_bot.x",
				ImportState:   true,
				ImportStateId: "app/5c9871d5",
				ExpectError:   regexp.MustCompile(`imported by its ID`),
			},
		},
	})
}

// An update waits only for what it changes: default_group_priority changed after the plan of a
// max_chats_count change neither holds the apply up nor hides from the next plan.
func TestAccBot_updateWaitsForItsChangeOnly(t *testing.T) {
	name := randomName("tf-bot-wait")
	config := func(maxChats int) string {
		return fmt.Sprintf(`
resource "livechat_bot" "test" {
  name                   = %q
  max_chats_count        = %d
  default_group_priority = "normal"
  timeouts {
    update = "30s"
  }
}
`, name, maxChats)
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_bot", botExists),
		Steps: append([]resource.TestStep{
			{Config: config(5), Check: stateAttr("livechat_bot.test", "id", &id)},
		}, writeSkipsDriftSteps(config(7), "livechat_bot.test",
			changeOutOfBand(t, "bot", func() string { return id }, `{"default_group_priority":"first"}`))...),
	})
}
