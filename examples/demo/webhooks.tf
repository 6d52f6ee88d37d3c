# Chat transcripts to a CRM. The demo runs without LIVECHAT_CLIENT_ID, so the
# owning application is set explicitly.
variable "crm_webhook_secret" {
  type      = string
  sensitive = true
  default   = "demo-webhook-secret"
}

resource "livechat_webhook" "crm_transcripts" {
  owner_client_id       = "demo-client-id"
  action                = "chat_deactivated"
  type                  = "license"
  url                   = "https://crm.example.com/livechat/transcripts"
  description           = "Finished chats to the CRM"
  secret_key_wo         = var.crm_webhook_secret
  secret_key_wo_version = 1
  additional_data       = ["chat_properties"]
  filters = {
    only_my_chats = false
    source_type   = ["other_clients", "system"]
  }
}

output "crm_webhook_id" {
  value = livechat_webhook.crm_transcripts.id
}
