resource "livechat_bot_template" "assistant" {
  # The application that owns the template; defaults to the provider's client_id.
  owner_client_id        = "my-app-client-id"
  name                   = "Assistant"
  avatar                 = "https://example.com/avatars/assistant.png"
  job_title              = "Virtual assistant"
  max_chats_count        = 20
  default_group_priority = "first"

  # Also create/update/delete the bot on licenses that have the app installed.
  affect_existing_installations = true

  # Change to rotate the secret (reset_bot_template_secret).
  secret_version = "2024-06"
}
