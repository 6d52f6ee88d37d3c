# Group 0, "General", exists on every license.
data "livechat_group" "general" {
  id = 0
}

output "general_members" {
  value = data.livechat_group.general.agent_priorities
}
