# The Partner Program side of the demo (Partner API v2; needs
# LIVECHAT_PARTNER_API_TOKEN): an affiliate campaign, a client organization
# with a LiveChat license on a paid subscription, and the Expert profile.

variable "demo_recurly_token" {
  description = "Recurly billing token for the demo subscription (write-only; any value works against the emulator)."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "demo-recurly-token"
}

variable "demo_partner_password" {
  description = "Partner Program password, used to close the demo subscription on destroy (the emulator's default)."
  type        = string
  sensitive   = true
  default     = "emulator-partner-password"
}

data "livechat_partner_coupons" "all" {}

resource "livechat_campaign" "spring" {
  product        = "livechat"
  name           = "Spring 2025 newsletter"
  link           = "https://www.livechat.com/features/"
  trial_duration = 30
  coupon_id      = data.livechat_partner_coupons.all.coupons[0].id
}

resource "livechat_solution_organization" "acme" {
  organization_name = "ACME Inc."
  client_name       = "John Doe"
  client_email      = "john@acme.example"
  data_center       = "us-south1"
}

resource "livechat_solution_license" "acme_livechat" {
  organization_id = livechat_solution_organization.acme.id
  product         = "livechat"
  client_name     = "John Doe"
  client_email    = livechat_solution_organization.acme.client_email
  payment_origin  = "partner"
  purchase_order  = "PO-ACME-001"

  operators = [
    { email = "jane@acme.example", role = "administrator" },
  ]

  subscription = {
    plan          = "team"
    billing_cycle = "monthly"
    seats         = 5
    token_wo      = var.demo_recurly_token
  }

  close_subscription_password = var.demo_partner_password
}

resource "livechat_expert_profile" "me" {
  company           = "Demo Chat Experts"
  phone             = "+1 555 0100"
  description       = "We set up LiveChat for support teams and train their agents."
  short_description = "LiveChat setup and training"
  country           = "US"
  website           = "https://demo-experts.example"
  categories        = ["product-implementation", "training"]
  industry_ids      = [19, 31]
  projects          = ["https://demo-experts.example/case-study"]
}

data "livechat_partner_solution_license" "acme_livechat" {
  product    = livechat_solution_license.acme_livechat.product
  license_id = livechat_solution_license.acme_livechat.license_id
}

output "partner" {
  value = {
    campaign_url   = livechat_campaign.spring.url
    license        = livechat_solution_license.acme_livechat.id
    license_status = livechat_solution_license.acme_livechat.status
    invoices       = length(data.livechat_partner_solution_license.acme_livechat.invoices)
    expert_status  = livechat_expert_profile.me.status
  }
}
