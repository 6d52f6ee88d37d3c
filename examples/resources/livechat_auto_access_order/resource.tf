resource "livechat_auto_access" "vip" {
  description = "VIP customers"
  access      = { groups = [0] }
  conditions = {
    url = { values = [{ value = "/vip" }] }
  }
}

resource "livechat_auto_access" "europe" {
  description = "Customers in Germany"
  access      = { groups = [0] }
  conditions = {
    geolocation = { values = [{ country_code = "DE" }] }
  }
}

# The API evaluates the rules in this order: VIP first, then Europe.
# Insert a rule by adding its ID where it belongs; reorder by reordering the list.
resource "livechat_auto_access_order" "this" {
  ids = [
    livechat_auto_access.vip.id,
    livechat_auto_access.europe.id,
  ]
}
