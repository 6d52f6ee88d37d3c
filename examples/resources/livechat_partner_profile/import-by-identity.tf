import {
  to = livechat_partner_profile.me
  identity = {
    id = "partner_profile"
  }
}
