data "livechat_partner_earnings" "now" {}

output "earnings" {
  value = {
    available        = data.livechat_partner_earnings.now.available
    pending          = data.livechat_partner_earnings.now.pending
    commission_total = data.livechat_partner_earnings.now.commission_total
  }
}
