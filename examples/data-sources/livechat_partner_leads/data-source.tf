data "livechat_partner_leads" "all" {}

output "new_leads" {
  value = [for l in data.livechat_partner_leads.all.leads : l.company_name if l.status == "new"]
}
