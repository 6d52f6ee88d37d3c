variable "organization_id" {
  description = "ID of the organization the license belongs to."
  type        = string
  default     = "1a8a9ec7-bd5d-4400-9204-3826740981e0"
}

resource "livechat_bot" "greeter" {
  name            = "Greeter"
  owner_client_id = "my-app-client-id"
}

# A 24-hour bot token, issued during each plan and apply that needs it and
# never stored in the plan or the state.
ephemeral "livechat_bot_token" "greeter" {
  bot_id          = livechat_bot.greeter.id
  client_id       = livechat_bot.greeter.owner_client_id
  bot_secret      = livechat_bot.greeter.secret
  organization_id = var.organization_id
}

# Pass the token only to ephemeral contexts, e.g. a provider block or a
# write-only argument of another resource.
locals {
  bot_authorization = "Bearer ${ephemeral.livechat_bot_token.greeter.token}"
}
