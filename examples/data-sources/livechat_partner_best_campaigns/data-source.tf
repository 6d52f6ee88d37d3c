# The three campaigns with the most clicks in the first quarter.
data "livechat_partner_best_campaigns" "q1" {
  measure   = "clicks"
  limit     = 3
  date_from = "2025-01-01"
  date_to   = "2025-03-31"
}

# The best earners of the last 30 days (the API's defaults for earnings).
data "livechat_partner_best_campaigns" "earnings" {
  measure = "earnings"
}

output "top_campaigns" {
  value = [for c in data.livechat_partner_best_campaigns.q1.campaigns : "${c.name}: ${c.value}"]
}
