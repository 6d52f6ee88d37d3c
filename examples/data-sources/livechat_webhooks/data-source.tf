# The webhooks of one application (default: the provider's client_id).
data "livechat_webhooks" "crm" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
}

# Only its chat-start webhooks.
data "livechat_webhooks" "crm_incoming_chats" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  action          = "incoming_chat"
}

output "crm_webhook_urls" {
  value = [for w in data.livechat_webhooks.crm.webhooks : "${w.action} -> ${w.url}"]
}
