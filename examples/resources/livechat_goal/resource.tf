# Reached when a visitor opens the thank-you page after checkout.
resource "livechat_goal" "purchase" {
  name       = "purchase"
  type       = "url"
  url        = "https://www.mystore.com/checkout/thank_you"
  match_type = "exact"
}

# Reached when the website sets a custom variable.
resource "livechat_goal" "nike_shoes" {
  name                  = "nike shoes variable"
  type                  = "custom_variable"
  custom_variable_name  = "nike_shoes"
  custom_variable_value = "true"
}

# Reached through the API's mark_as_successful call; disabled for now.
resource "livechat_goal" "signup" {
  name   = "newsletter signup"
  type   = "api"
  active = false
}

# A sales tracker with a fixed order value.
resource "livechat_goal" "order" {
  name       = "order"
  type       = "sales_tracker"
  value_type = "set"
  value      = "199.00"
  currency   = "USD"
}
