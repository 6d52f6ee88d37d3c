import {
  to = livechat_partner_billing.payout
  identity = {
    id = "partner_billing"
  }
}
