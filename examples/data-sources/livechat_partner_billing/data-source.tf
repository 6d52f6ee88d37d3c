data "livechat_partner_billing" "payout" {}

output "payout_paypal" {
  value = data.livechat_partner_billing.payout.paypal
}
