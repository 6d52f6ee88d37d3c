resource "livechat_bot_template" "assistant" {
  owner_client_id = "my-app-client-id"
  name            = "Assistant"
}

# The templates of one application (default: the provider's client_id).
data "livechat_bot_templates" "mine" {
  owner_client_id = "my-app-client-id"
  depends_on      = [livechat_bot_template.assistant]
}

output "template_ids" {
  value = data.livechat_bot_templates.mine.ids
}
