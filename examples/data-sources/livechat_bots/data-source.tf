resource "livechat_bot" "greeter" {
  name            = "Greeter"
  owner_client_id = "my-app-client-id"
}

# Every bot of the license.
data "livechat_bots" "all" {
  all        = true
  depends_on = [livechat_bot.greeter]
}

output "bot_names" {
  value = [for b in data.livechat_bots.all.bots : b.name]
}
