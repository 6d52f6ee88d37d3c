# A canned response every agent can use (group 0).
resource "livechat_canned_response" "goodbye" {
  text = "Have a great day, goodbye."
  tags = ["bye", "cu"]
}

# A canned response of one group.
resource "livechat_group" "sales" {
  name = "Sales"
}

resource "livechat_canned_response" "product" {
  group = livechat_group.sales.id
  text  = "What product are you interested in?"
  tags  = ["product", "interest"]
}
