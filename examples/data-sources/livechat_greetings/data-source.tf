# The greetings shown to the visitors of group 0.
data "livechat_greetings" "general" {
  group = 0
}

output "active_greetings" {
  value = [for g in data.livechat_greetings.general.greetings : g.name if g.active]
}
