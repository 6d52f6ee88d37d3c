variable "webhook_secret" {
  type        = string
  sensitive   = true
  description = "Secret key the webhooks carry; pass it with TF_VAR_webhook_secret."
  default     = "change-me-6f2a"
}

# The write-only secret is never stored in the state (Terraform 1.11+).
# Bump secret_key_wo_version to register the webhook again with a new secret.
resource "livechat_webhook" "customer_messages" {
  owner_client_id       = "0805e283233042b37f460ed8fbf22160" # default: the provider's client_id
  action                = "incoming_event"
  type                  = "license"
  url                   = "https://hooks.example.com/livechat/events"
  description           = "Customer messages to the CRM"
  secret_key_wo         = var.webhook_secret
  secret_key_wo_version = 1
  additional_data       = ["chat_properties"]
  filters = {
    author_type = "customer"
    source_type = ["other_clients", "system"]
  }
}

# A configuration webhook; only source_type filters are available for it.
resource "livechat_webhook" "tags" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  action          = "tag_created"
  type            = "license"
  url             = "https://hooks.example.com/livechat/tags"
  secret_key      = var.webhook_secret
}

# A chat webhook: bots of the application see when a chat summary is set.
resource "livechat_webhook" "summaries" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  action          = "thread_summary_set"
  type            = "bot"
  url             = "https://hooks.example.com/livechat/summaries" # at most 500 characters
  secret_key      = var.webhook_secret
  filters = {
    chat_presence = { my_bots = true }
  }
}
