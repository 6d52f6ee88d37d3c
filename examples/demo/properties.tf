# Properties: a customer tier that the license and each team can set, owned
# by the demo's integration. The demo runs without LIVECHAT_CLIENT_ID, so the
# owning Client Id is named explicitly.
variable "properties_client_id" {
  description = "Client Id that owns the demo's properties (any Client Id of your organization)."
  type        = string
  default     = "demo-client-id"
}

resource "livechat_property" "customer_tier" {
  owner_client_id = var.properties_client_id
  name            = "customer_tier"
  type            = "string"
  description     = "Support tier of the customer"
  access = {
    license = { agent = ["read"] }
    group   = { agent = ["read"] }
    chat    = { agent = ["read", "write"], customer = ["read"] }
  }
  domain        = ["standard", "premium", "enterprise"]
  default_value = "standard"
}

resource "livechat_property" "max_wait" {
  owner_client_id = var.properties_client_id
  name            = "max_wait_seconds"
  type            = "int"
  access = {
    license = { agent = ["read"] }
    group   = { agent = ["read"] }
  }
  range = { from = 0, to = 3600 }
}

# The license-wide tier, and a stricter one for the support team.
resource "livechat_license_property" "customer_tier" {
  namespace    = livechat_property.customer_tier.owner_client_id
  name         = livechat_property.customer_tier.name
  value_string = "premium"
}

resource "livechat_group_property" "support_tier" {
  group_id     = livechat_group.support.id
  namespace    = livechat_property.customer_tier.owner_client_id
  name         = livechat_property.customer_tier.name
  value_string = "enterprise"
}

resource "livechat_group_property" "support_max_wait" {
  group_id  = livechat_group.support.id
  namespace = livechat_property.max_wait.owner_client_id
  name      = livechat_property.max_wait.name
  value_int = 90
}

output "support_properties" {
  value = {
    tier             = livechat_group_property.support_tier.value_string
    max_wait_seconds = livechat_group_property.support_max_wait.value_int
    license_tier     = livechat_license_property.customer_tier.value_string
  }
}
