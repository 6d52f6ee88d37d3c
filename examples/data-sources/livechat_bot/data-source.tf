resource "livechat_bot" "greeter" {
  name            = "Greeter"
  owner_client_id = "my-app-client-id"
}

data "livechat_bot" "greeter" {
  id = livechat_bot.greeter.id

  # Read after the API shows the bot.
  depends_on = [livechat_bot.greeter]
}

output "greeter_groups" {
  value = [for g in data.livechat_bot.greeter.groups : "${g.id}:${g.priority}"]
}
