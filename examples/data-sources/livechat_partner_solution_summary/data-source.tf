# The Solution Program totals, and the licenses created in 2025 by status.
data "livechat_partner_solution_summary" "s" {
  date_from = "2025-01-01"
  date_to   = "2025-12-31"
}

output "solution" {
  value = {
    paid_now        = data.livechat_partner_solution_summary.s.paid
    commission      = data.livechat_partner_solution_summary.s.commission
    paid_from_2025  = data.livechat_partner_solution_summary.s.range_paid
    trials_from2025 = data.livechat_partner_solution_summary.s.range_trials
  }
}
