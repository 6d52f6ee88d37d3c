# A client organization; its data is kept in the EU.
resource "livechat_solution_organization" "acme" {
  organization_name = "ACME Inc."
  client_name       = "John Doe"
  client_email      = "john@acme.example"
  data_center       = "eu-west3"
  identifier        = "acme-eu"
}
