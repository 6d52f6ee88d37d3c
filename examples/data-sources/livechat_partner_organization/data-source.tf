resource "livechat_solution_organization" "acme" {
  organization_name = "ACME Inc."
  client_name       = "John Doe"
  client_email      = "john@acme.example"
}

data "livechat_partner_organization" "acme" {
  id = livechat_solution_organization.acme.id
}

output "acme_licenses" {
  value = data.livechat_partner_organization.acme.licenses
}
