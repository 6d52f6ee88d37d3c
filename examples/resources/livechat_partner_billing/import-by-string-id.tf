import {
  to = livechat_partner_billing.payout
  id = "partner_billing"
}
