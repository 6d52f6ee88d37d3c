import {
  to = livechat_bot_template.assistant
  id = "my-app-client-id/5c9871d5372c824cbf22d860a707a578"
}
