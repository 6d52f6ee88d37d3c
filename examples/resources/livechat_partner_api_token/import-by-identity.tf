import {
  to = livechat_partner_api_token.ci
  identity = {
    id = 2
  }
}
