data "livechat_partner_stats" "all" {}

# Paid licenses per program and product, e.g. "solution/livechat" = 12.
output "paid_licenses" {
  value = { for s in data.livechat_partner_stats.all.licenses : "${s.program}/${s.product}" => s.paid }
}
