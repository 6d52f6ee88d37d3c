import {
  to = livechat_group_property.vip_boost
  identity = {
    group_id  = 7
    namespace = "0805e283233042b37f460ed8fbf22160"
    name      = "routing_boost"
  }
}
