resource "livechat_group" "support" {
  name = "Support"
}

resource "livechat_bot" "greeter" {
  name                   = "Greeter"
  avatar                 = "https://example.com/avatars/greeter.png"
  job_title              = "Virtual assistant"
  max_chats_count        = 50
  default_group_priority = "first"

  # A custom category for the bot; unset, the API's default "chatbot" applies.
  # No read returns it: a change made outside Terraform is not detected.
  type = "faq"

  # The application that owns the bot; defaults to the provider's client_id.
  owner_client_id = "my-app-client-id"

  groups = [
    { id = livechat_group.support.id, priority = "first" },
  ]

  work_scheduler = {
    timezone = "Europe/Warsaw"
    schedule = [
      { day = "monday", start = "00:00", end = "23:59" },
      { day = "saturday", start = "10:00", end = "14:00", enabled = false },
    ]
  }

  # Change to rotate the secret (reset_bot_secret).
  secret_version = "1"
}
