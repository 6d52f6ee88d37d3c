# What would have to go before a downgrade to the Team plan.
data "livechat_product_limits" "team" {
  plan = "team"
}

output "team_plan_excess" {
  value = data.livechat_product_limits.team.within_limits ? "fits" : join(", ", [
    for e in data.livechat_product_limits.team.exceeded : "${e.resource}${e.id == null ? "" : " (${e.id})"}: ${e.limit_balance} over"
  ])
}
