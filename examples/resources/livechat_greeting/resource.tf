# Greets visitors who spent 15 seconds on a page and come for the second time.
resource "livechat_greeting" "invitation" {
  name    = "my custom invitation"
  message = "Hello, would you like to talk about our products?"
  rules = [
    { type = "visit_time_page", value = "15", operator = "greater_than" },
    { type = "visits_number", value = "2", operator = "greater_or_equal" },
  ]
}

# Shown to visitors of one group who went from the shoes page to the cart
# or whose cart is full.
resource "livechat_group" "shoes" {
  name = "Shoes"
}

resource "livechat_greeting" "shoes" {
  name    = "athletic shoes"
  group   = livechat_group.shoes.id
  message = "Hi, are you looking for some athletic shoes?"
  rules = [
    {
      type = "url_funnel"
      urls = [
        { url = "mystore.com/shoes", operator = "equals" },
        { url = "cart", operator = "contains" },
      ]
    },
    { type = "custom_variable", variable_name = "empty_cart", variable_value = "false", condition = "or" },
  ]
}

# An announcement (up to 10 per license), disabled until the sale starts.
resource "livechat_greeting" "sale" {
  name    = "summer sale"
  subtype = "announcement"
  active  = false
  message = "Our summer sale starts today!"
  rules = [
    { type = "url_current", value = "mystore.com", operator = "contains" },
  ]
}
