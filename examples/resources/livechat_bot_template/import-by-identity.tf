import {
  to = livechat_bot_template.assistant
  identity = {
    owner_client_id = "my-app-client-id"
    id              = "5c9871d5372c824cbf22d860a707a578"
  }
}
