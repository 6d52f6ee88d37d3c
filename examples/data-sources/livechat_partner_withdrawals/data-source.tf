data "livechat_partner_withdrawals" "this_year" {
  date_from = "2025-01-01"
  date_to   = "2025-12-31"
}

output "withdrawn_this_year" {
  value = sum(concat([0], [for w in data.livechat_partner_withdrawals.this_year.withdrawals : w.amount]))
}
