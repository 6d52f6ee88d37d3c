# Every solution license.
data "livechat_partner_solution_licenses" "all" {}

# Licenses that are paid now and were created in 2025 (all pages).
data "livechat_partner_solution_licenses" "paid" {
  status    = "paid"
  date_from = "2025-01-01"
  date_to   = "2025-12-31"
}

output "paid_license_ids" {
  value = [for l in data.livechat_partner_solution_licenses.paid.licenses : "${l.product}/${l.license_id}"]
}
