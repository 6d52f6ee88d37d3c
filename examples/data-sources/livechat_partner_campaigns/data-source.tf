resource "livechat_campaign" "newsletter" {
  product = "livechat"
  name    = "Spring newsletter"
}

# Active campaigns whose name contains "newsletter", oldest first.
data "livechat_partner_campaigns" "newsletters" {
  name_contains = "newsletter"
  sort_order    = "asc"
  depends_on    = [livechat_campaign.newsletter]
}

output "newsletter_campaign_ids" {
  value = [for c in data.livechat_partner_campaigns.newsletters.campaigns : c.id]
}
