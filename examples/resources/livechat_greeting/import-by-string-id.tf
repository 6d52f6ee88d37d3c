import {
  to = livechat_greeting.invitation
  id = "2411"
}
