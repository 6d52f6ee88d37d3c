# Pause the webhooks of one application on this license. Destroying this
# resource leaves them as they are: apply enabled = true first to resume them.
resource "livechat_license_webhooks_state" "crm" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160" # default: the provider's client_id
  enabled         = false
}
