resource "livechat_campaign" "newsletter" {
  product = "livechat"
  name    = "Spring newsletter"
}

data "livechat_partner_campaign_summary" "newsletter" {
  campaign_id   = livechat_campaign.newsletter.id
  date_from     = "2025-01-01"
  date_to       = "2025-12-31"
  billing_cycle = "annual"
}

output "newsletter_performance" {
  value = {
    clicks          = data.livechat_partner_campaign_summary.newsletter.clicks
    trials          = data.livechat_partner_campaign_summary.newsletter.trials
    annual_earnings = data.livechat_partner_campaign_summary.newsletter.earnings_in_range
  }
}
