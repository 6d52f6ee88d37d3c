# Route chats by page and country: pricing pages go to Sales, everything
# from the help center to Customer Support. The order says which rule wins
# when both match.
resource "livechat_auto_access" "pricing_to_sales" {
  description = "Pricing pages go to Sales"
  access      = { groups = [livechat_group.sales.id] }
  conditions = {
    url = { values = [{ value = "/pricing" }, { value = "/plans" }] }
  }
}

resource "livechat_auto_access" "help_to_support" {
  description = "Help center goes to Customer Support"
  access      = { groups = [livechat_group.support.id] }
  conditions = {
    domain = { values = [{ value = "help.example.com", exact_match = true }] }
  }
}

resource "livechat_auto_access_order" "routing" {
  ids = [
    livechat_auto_access.pricing_to_sales.id,
    livechat_auto_access.help_to_support.id,
  ]
}

data "livechat_auto_accesses" "routing" {
  depends_on = [livechat_auto_access_order.routing]
}

output "auto_access_rules" {
  value = [for r in data.livechat_auto_accesses.routing.auto_accesses : r.description]
}
