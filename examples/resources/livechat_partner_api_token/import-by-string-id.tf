import {
  to = livechat_partner_api_token.ci
  id = "2"
}
