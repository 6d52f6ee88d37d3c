package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func testBotTokenConfig(name, tokenArgs string) string {
	return fmt.Sprintf(`
resource "livechat_bot" "test" {
  name = %q
}

ephemeral "livechat_bot_token" "test" {
  bot_id = livechat_bot.test.id
%s
}

locals {
  authorization = "Bearer ${ephemeral.livechat_bot_token.test.token}"
}

# Something must use the token: OpenTofu does not open, during apply, an
# ephemeral resource whose value nothing uses (Terraform does).
check "bot_token_issued" {
  assert {
    condition     = length(local.authorization) > length("Bearer ")
    error_message = "The bot token is empty."
  }
}
`, name, tokenArgs)
}

// checkTokensNotInState fails unless the emulator issued tokens for the bot, and fails if any of
// them appears anywhere in the state. Only the emulator knows the tokens it issued.
func checkTokensNotInState(t *testing.T) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		return emulatorCheck(t, "only the emulator lists the tokens it issued", func(e emulatorAdmin) error {
			return tokensNotInState(e, s)
		})(s)
	}
}

func tokensNotInState(e emulatorAdmin, s *terraform.State) error {
	rs, ok := s.RootModule().Resources["livechat_bot.test"]
	if !ok {
		return fmt.Errorf("livechat_bot.test not in state")
	}
	var tokens []struct {
		Token string `json:"token"`
	}
	if err := emulatorObject(e, "bot_tokens", rs.Primary.ID, &tokens); err != nil {
		return fmt.Errorf("the emulator issued no token for bot %s: the ephemeral resource was not opened (%w)", rs.Primary.ID, err)
	}
	for _, m := range s.Modules {
		for name, r := range m.Resources {
			for _, inst := range append([]*terraform.InstanceState{r.Primary}, r.Deposed...) {
				if inst == nil {
					continue
				}
				for k, v := range inst.Attributes {
					for _, tok := range tokens {
						if strings.Contains(v, tok.Token) {
							return fmt.Errorf("state attribute %s.%s holds a bot token", name, k)
						}
					}
				}
			}
		}
		for name, o := range m.Outputs {
			for _, tok := range tokens {
				if strings.Contains(fmt.Sprint(o.Value), tok.Token) {
					return fmt.Errorf("output %s holds a bot token", name)
				}
			}
		}
	}
	return nil
}

func TestAccBotToken_neverInState(t *testing.T) {
	name, org := randomName("tf-bot-token"), needOrganizationID(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		CheckDestroy:             checkDestroyed("livechat_bot", botExists),
		Steps: []resource.TestStep{
			{
				// client_id defaults to the provider's, the bot's owner.
				Config: testBotTokenConfig(name, fmt.Sprintf(`  bot_secret      = livechat_bot.test.secret
  organization_id = %q`, org)),
				Check: checkTokensNotInState(t),
			},
			{
				Config: testBotTokenConfig(name, fmt.Sprintf(`  client_id       = livechat_bot.test.owner_client_id
  bot_secret      = livechat_bot.test.secret
  organization_id = %q`, org)),
				Check: checkTokensNotInState(t),
			},
		},
	})
}

func TestAccBotToken_errors(t *testing.T) {
	name, org := randomName("tf-bot-token"), needOrganizationID(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{
			{
				Config:      testBotTokenConfig(name, `  bot_secret = "x"`+"\n"+`  organization_id = "org-1"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)organization_id.*must\s+be\s+an\s+organization\s+ID`),
			},
			{
				Config:      testBotTokenConfig(name, fmt.Sprintf("  bot_secret = \"wrong\"\n  organization_id = %q", org)),
				ExpectError: regexp.MustCompile(`(?s)Bot\s+token\s+refused.*bot_secret\s+its\s+current\s+secret`),
			},
			{
				Config:      testBotTokenConfig(name, fmt.Sprintf("  client_id = \"someone-else\"\n  bot_secret = livechat_bot.test.secret\n  organization_id = %q", org)),
				ExpectError: regexp.MustCompile(`(?s)Bot\s+token\s+refused.*client_id\s+must\s+be\s+the\s+bot's\s+owner_client_id`),
			},
		},
	})
}
