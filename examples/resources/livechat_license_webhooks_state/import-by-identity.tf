import {
  to = livechat_license_webhooks_state.crm
  identity = {
    id = "0805e283233042b37f460ed8fbf22160" # owner client ID
  }
}
