# A LiveChat affiliate campaign with a 30-day trial and one of the partner's coupons.
resource "livechat_campaign" "newsletter" {
  product        = "livechat"
  name           = "Spring newsletter"
  link           = "https://www.livechat.com/features/"
  trial_duration = 30
  coupon_id      = 1
}

# A ChatBot campaign to the product homepage with the default 14-day trial.
resource "livechat_campaign" "chatbot" {
  product = "chatbot"
  name    = "ChatBot launch"
}

output "newsletter_links" {
  value = {
    url       = livechat_campaign.newsletter.url
    short_url = livechat_campaign.newsletter.short_url
    discount  = livechat_campaign.newsletter.discount
  }
}
