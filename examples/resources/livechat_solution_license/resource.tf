resource "livechat_solution_organization" "acme" {
  organization_name = "ACME Inc."
  client_name       = "John Doe"
  client_email      = "john@acme.example"
}

variable "recurly_token" {
  description = "Recurly billing token of the client's card (write-only: never stored)."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "example-recurly-token"
}

variable "partner_password" {
  description = "Partner Program password, needed to close the subscription on destroy."
  type        = string
  sensitive   = true
  default     = "emulator-partner-password"
}

# A LiveChat license managed by the partner, with two invited operators and a
# paid Team subscription for 5 seats.
resource "livechat_solution_license" "acme_livechat" {
  organization_id = livechat_solution_organization.acme.id
  product         = "livechat"
  client_name     = "John Doe"
  client_email    = livechat_solution_organization.acme.client_email
  payment_origin  = "partner"
  trial_duration  = 30
  purchase_order  = "PO-2024-001"

  operators = [
    { email = "jane@acme.example", role = "administrator" },
    { email = "joe@acme.example", role = "agent" },
  ]

  subscription = {
    plan             = "team"
    billing_cycle    = "monthly"
    seats            = 5
    token_wo         = var.recurly_token
    token_wo_version = 1
  }

  close_subscription_password = var.partner_password
}
