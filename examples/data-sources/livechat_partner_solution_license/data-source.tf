resource "livechat_solution_organization" "acme" {
  organization_name = "ACME Inc."
  client_name       = "John Doe"
  client_email      = "john@acme.example"
}

resource "livechat_solution_license" "acme" {
  organization_id = livechat_solution_organization.acme.id
  product         = "livechat"
  client_name     = "John Doe"
  client_email    = livechat_solution_organization.acme.client_email
  payment_origin  = "partner"
}

data "livechat_partner_solution_license" "acme" {
  product    = livechat_solution_license.acme.product
  license_id = livechat_solution_license.acme.license_id
}

output "acme_license" {
  value = {
    status   = data.livechat_partner_solution_license.acme.status
    ends     = data.livechat_partner_solution_license.acme.end_timestamp
    invoices = length(data.livechat_partner_solution_license.acme.invoices)
  }
}
