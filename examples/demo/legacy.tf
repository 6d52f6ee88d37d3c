# Canned responses, a goal and a greeting (REST API v2).

resource "livechat_canned_response" "welcome" {
  text = "Hi! Thanks for reaching out. How can I help you today?"
  tags = ["hello", "welcome"]
}

resource "livechat_canned_response" "escalate" {
  group = livechat_group.support.id
  text  = "Let me pass you to a colleague who knows this best."
  tags  = ["escalate"]
}

resource "livechat_canned_response" "pricing" {
  group = livechat_group.sales.id
  text  = "You can find our plans and prices at https://www.example.com/pricing."
  tags  = ["pricing", "plans"]
}

resource "livechat_goal" "checkout" {
  name       = "checkout completed"
  type       = "url"
  url        = "https://www.example.com/checkout/thank_you"
  match_type = "exact"
}

resource "livechat_greeting" "support_help" {
  name    = "help page visitors"
  group   = livechat_group.support.id
  message = "Having trouble? Our support team is here to help."
  rules = [
    { type = "url_current", value = "/help", operator = "contains" },
    { type = "visit_time_page", value = "30", operator = "greater_than" },
  ]
}
