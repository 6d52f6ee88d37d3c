data "livechat_partner_leads" "all" {}

# The details and history of every lead.
data "livechat_partner_lead" "each" {
  for_each = { for l in data.livechat_partner_leads.all.leads : l.lead_id => l }
  lead_id  = each.key
}

output "lead_domains" {
  value = { for id, l in data.livechat_partner_lead.each : id => l.domain }
}
