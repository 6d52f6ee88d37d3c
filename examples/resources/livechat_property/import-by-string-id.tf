import {
  to = livechat_property.tier
  id = "0805e283233042b37f460ed8fbf22160/customer_tier"
}
