import {
  to = livechat_bot.greeter
  identity = {
    id = "5c9871d5372c824cbf22d860a707a578"
  }
}
