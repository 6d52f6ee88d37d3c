package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// secretChanged checks that the emulator's secret of the object in the state is no longer the
// one the state holds (an action reset it).
func secretChanged(t *testing.T, name, kind string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		return emulatorCheck(t, "a secret no read returns", func(e emulatorAdmin) error {
			var obj struct {
				Secret string `json:"secret"`
			}
			if err := emulatorObject(e, kind, rs.Primary.ID, &obj); err != nil {
				return err
			}
			if obj.Secret == "" || obj.Secret == rs.Primary.Attributes["secret"] {
				return fmt.Errorf("%s: the secret was not reset", name)
			}
			return nil
		})(s)
	}
}

// TestAccActions runs the actions from a lifecycle action_trigger: a bot's and a bot template's
// secrets are reset (the state's secrets stop matching the API's), an agent's e-mail is
// reactivated, and an action's API error fails the apply with the API's message.
func TestAccActions(t *testing.T) {
	name := randomName("tf-acc-action")
	agent := name + "@example.com"
	objects := fmt.Sprintf(`
resource "livechat_bot" "b" {
  name = %[1]q
}

resource "livechat_bot_template" "t" {
  name = %[1]q
}

resource "livechat_agent" "a" {
  id   = %[2]q
  name = "Action Agent"
}
`, name, agent)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   terraform114,
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: objects + `
action "livechat_reset_bot_secret" "b" {
  config {
    bot_id = livechat_bot.b.id
  }
}

action "livechat_reset_bot_template_secret" "t" {
  config {
    template_id = livechat_bot_template.t.id
  }
}

action "livechat_reactivate_email" "a" {
  config {
    agent_id = livechat_agent.a.id
  }
}

resource "terraform_data" "rotate" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.livechat_reset_bot_secret.b, action.livechat_reset_bot_template_secret.t, action.livechat_reactivate_email.a]
    }
  }
}
`,
				Check: resource.ComposeTestCheckFunc(
					secretChanged(t, "livechat_bot.b", "bot"),
					secretChanged(t, "livechat_bot_template.t", "bot_template"),
				),
			},
			{
				Config: objects + fmt.Sprintf(`
action "livechat_reactivate_email" "nobody" {
  config {
    agent_id = "nobody-%s@example.com"
  }
}

resource "terraform_data" "nobody" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.livechat_reactivate_email.nobody]
    }
  }
}
`, name),
				ExpectError: regexp.MustCompile(`Reactivating an agent's e-mail:[\s\S]*not[\s_]found`),
			},
		},
	})
}

// TestAccActionValidation: an action's config is checked at plan time.
func TestAccActionValidation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   terraform114,
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
action "livechat_reactivate_email" "bad" {
  config {
    agent_id = "not-an-e-mail"
  }
}

resource "terraform_data" "bad" {
  input = "1"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.livechat_reactivate_email.bad]
    }
  }
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`must be an e-mail address`),
		}},
	})
}
