import {
  to = livechat_greeting.invitation
  identity = {
    id = 2411
  }
}
