import {
  to = livechat_license_property.tier
  identity = {
    namespace = "0805e283233042b37f460ed8fbf22160"
    name      = "customer_tier"
  }
}
