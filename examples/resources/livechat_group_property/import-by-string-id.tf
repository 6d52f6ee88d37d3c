import {
  to = livechat_group_property.vip_boost
  id = "7/0805e283233042b37f460ed8fbf22160/routing_boost"
}
