# Revoke a bot template's secret, and the secrets of the bots made from it.
#   terraform apply -invoke=action.livechat_reset_bot_template_secret.assistant
action "livechat_reset_bot_template_secret" "assistant" {
  config {
    template_id                   = "5c9871d5372c824cbf22d860a707a578"
    owner_client_id               = "my-app-client-id"
    affect_existing_installations = true
  }
}
