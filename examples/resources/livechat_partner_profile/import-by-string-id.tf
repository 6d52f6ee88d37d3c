import {
  to = livechat_partner_profile.me
  id = "partner_profile"
}
