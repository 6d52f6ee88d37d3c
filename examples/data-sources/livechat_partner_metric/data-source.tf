# All commission earned, all time.
data "livechat_partner_metric" "commission" {
  kind = "commission"
}

# Clicks on ChatBot affiliate links in 2025.
data "livechat_partner_metric" "chatbot_clicks" {
  kind      = "clicks"
  date_from = "2025-01-01"
  date_to   = "2025-12-31"
  product   = "chatbot"
}

# Earnings of the 5 best campaigns in 2025.
data "livechat_partner_metric" "top5" {
  kind      = "best_performing_campaigns_earnings"
  limit     = 5
  date_from = "2025-01-01"
  date_to   = "2025-12-31"
}

output "metrics" {
  value = {
    commission     = data.livechat_partner_metric.commission.value
    chatbot_clicks = data.livechat_partner_metric.chatbot_clicks.value
    top5_earnings  = data.livechat_partner_metric.top5.value
  }
}
