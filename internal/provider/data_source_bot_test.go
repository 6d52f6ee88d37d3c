package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccBotDataSources(t *testing.T) {
	group, name := randomName("tf-bot-ds-group"), randomName("tf-bot-ds")
	config := fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %[1]q
}

resource "livechat_bot" "test" {
  name                   = %[2]q
  avatar                 = "https://example.com/ds.png"
  job_title              = "Reader"
  max_chats_count        = 42
  default_group_priority = "last"
  groups                 = [{ id = livechat_group.test.id, priority = "first" }]
  work_scheduler = {
    timezone = "Asia/Tokyo"
    schedule = [{ day = "sunday", start = "09:00", end = "10:00" }]
  }
}

data "livechat_bot" "test" {
  id         = livechat_bot.test.id
  depends_on = [livechat_bot.test]
}

data "livechat_bots" "all" {
  all        = true
  depends_on = [livechat_bot.test]
}

data "livechat_bots" "mine" {
  depends_on = [livechat_bot.test]
}
`, group, name)
	var botID string
	inList := func(ds string) func(*terraform.State) error {
		return func(s *terraform.State) error {
			attrs := s.RootModule().Resources[ds].Primary.Attributes
			for i := 0; ; i++ {
				id, ok := attrs[fmt.Sprintf("bots.%d.id", i)]
				if !ok {
					return fmt.Errorf("%s does not list bot %s", ds, botID)
				}
				if id != botID {
					continue
				}
				want := map[string]string{"name": name, "job_title": "Reader",
					"max_chats_count": "42", "timezone": "Asia/Tokyo", "groups.#": "1", "groups.0.priority": "first",
					"work_scheduler.schedule.#": "1"}
				for k, v := range want {
					if got := attrs[fmt.Sprintf("bots.%d.%s", i, k)]; got != v {
						return fmt.Errorf("%s bots.%d.%s = %q, want %q", ds, i, k, got, v)
					}
				}
				// The list shows the avatar the single read shows (checked there).
				if got, want := attrs[fmt.Sprintf("bots.%d.avatar", i)], s.RootModule().Resources["data.livechat_bot.test"].Primary.Attributes["avatar"]; got != want {
					return fmt.Errorf("%s bots.%d.avatar = %q, the bot's data source %q", ds, i, got, want)
				}
				if attrs[fmt.Sprintf("ids.%d", i)] != botID {
					return fmt.Errorf("%s ids out of step with bots", ds)
				}
				return nil
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.livechat_bot.test", tfjsonpath.New("id"), "livechat_bot.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("avatar"), shownAvatar("https://example.com/ds.png")),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("job_title"), knownvalue.StringExact("Reader")),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(42)),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("default_group_priority"), knownvalue.StringExact("last")),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
					statecheck.ExpectKnownValue("data.livechat_bot.test", tfjsonpath.New("timezone"), knownvalue.StringExact("Asia/Tokyo")),
					statecheck.CompareValuePairs("data.livechat_bot.test", tfjsonpath.New("groups"), "livechat_bot.test", tfjsonpath.New("groups"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.livechat_bot.test", tfjsonpath.New("work_scheduler"), "livechat_bot.test", tfjsonpath.New("work_scheduler"), compare.ValuesSame()),
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_bot.test", "id", &botID),
					inList("data.livechat_bots.all"), inList("data.livechat_bots.mine")),
			},
		},
	})
}

func TestAccBotDataSource_notFound(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_bot" "x" { id = "00000000000000000000000000000000" }`,
				ExpectError: regexp.MustCompile(`(?s)Bot\s+not\s+found.*no\s+bot\s+00000000000000000000000000000000`),
			},
		},
	})
}

func TestAccBotTemplatesDataSource(t *testing.T) {
	owner := exclusiveOwner(t, "tf-client")
	config := fmt.Sprintf(`
resource "livechat_bot_template" "b" {
  owner_client_id = %[1]q
  name            = "Beta"
  avatar          = "https://example.com/b.png"
}

resource "livechat_bot_template" "a" {
  owner_client_id = %[1]q
  name            = "Alpha"
}

data "livechat_bot_templates" "test" {
  owner_client_id = %[1]q
  depends_on      = [livechat_bot_template.a, livechat_bot_template.b]
}

# The provider's client_id is the default owner.
data "livechat_bot_templates" "default" {
  depends_on = [livechat_bot_template.a, livechat_bot_template.b]
}
`, owner)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_bot_templates.test", tfjsonpath.New("templates"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.NotNull(), "name": knownvalue.StringExact("Alpha"), "avatar": knownvalue.StringExact("")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.NotNull(), "name": knownvalue.StringExact("Beta"), "avatar": shownAvatar("https://example.com/b.png")}),
					})),
					statecheck.CompareValuePairs("data.livechat_bot_templates.test", tfjsonpath.New("ids").AtSliceIndex(0), "livechat_bot_template.a", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.livechat_bot_templates.test", tfjsonpath.New("ids").AtSliceIndex(1), "livechat_bot_template.b", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_bot_templates.default", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
				},
			},
		},
	})
}
