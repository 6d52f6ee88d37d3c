# A bot that takes chats first in the support team. The demo runs without
# LIVECHAT_CLIENT_ID, so the owning application is named explicitly.
resource "livechat_bot" "support_greeter" {
  name                   = "Support Greeter"
  job_title              = "Virtual assistant"
  max_chats_count        = 25
  default_group_priority = "first"
  owner_client_id        = "demo-client-id"

  groups = [
    { id = livechat_group.support.id, priority = "first" },
  ]
}

output "support_bot_id" {
  value = livechat_bot.support_greeter.id
}
