# Agents of the "General" group (ID 0) who are not suspended.
data "livechat_agents" "general" {
  group_ids = [0]
  suspended = false
}

output "general_agent_names" {
  value = { for a in data.livechat_agents.general.agents : a.id => a.name }
}
