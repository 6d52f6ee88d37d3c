resource "livechat_group" "vip" {
  name = "VIP Support"
}

resource "livechat_property" "routing_boost" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  name            = "routing_boost"
  type            = "bool"
  access = {
    group = { agent = ["read"] }
  }
  default_value = "false"
}

# The group's value of the property: exactly one of value_string, value_int
# and value_bool, by the property's type.
resource "livechat_group_property" "vip_boost" {
  group_id   = livechat_group.vip.id
  namespace  = livechat_property.routing_boost.owner_client_id
  name       = livechat_property.routing_boost.name
  value_bool = true
}
