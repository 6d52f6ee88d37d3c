import {
  to = livechat_property.tier
  identity = {
    owner_client_id = "0805e283233042b37f460ed8fbf22160"
    name            = "customer_tier"
  }
}
