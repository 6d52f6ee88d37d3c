data "livechat_partner_affiliate_licenses" "january" {
  date_from = "2025-01-01"
  date_to   = "2025-01-31"
}

output "affiliate_licenses" {
  value = {
    created_in_january = length(data.livechat_partner_affiliate_licenses.january.licenses)
    paid_all_time      = data.livechat_partner_affiliate_licenses.january.paid
  }
}
