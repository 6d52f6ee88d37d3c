# Every goal, and the URL goals only.
data "livechat_goals" "all" {}

data "livechat_goals" "url" {
  type = "url"
}

output "goal_names" {
  value = [for g in data.livechat_goals.all.goals : g.name]
}
