# The license owner, by login e-mail.
data "livechat_agent" "owner" {
  id = "owner@example.com"
}

output "owner_groups" {
  value = [for g in data.livechat_agent.owner.groups : g.id]
}
