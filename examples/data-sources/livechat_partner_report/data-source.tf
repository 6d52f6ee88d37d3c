# Weekly LiveChat trials from affiliate links in the first quarter.
data "livechat_partner_report" "trials" {
  kind        = "trials"
  date_from   = "2025-01-01"
  date_to     = "2025-03-31"
  aggregation = "week"
  product     = "livechat"
}

# Monthly commission from the Solution Program.
data "livechat_partner_report" "solution_commission" {
  kind        = "commission"
  date_from   = "2025-01-01T00:00:00Z"
  date_to     = "2025-06-30T23:59:59Z"
  aggregation = "month"
  program     = "solution"
}

# New solution licenses per month that are paid now.
data "livechat_partner_report" "paid_licenses" {
  kind           = "solution_licenses"
  date_from      = "2025-01-01"
  date_to        = "2025-06-30"
  aggregation    = "month"
  license_status = "paid"
}

output "trials_per_week" {
  value = { for i in data.livechat_partner_report.trials.items : i.from => i.total }
}
