# Whether the license webhooks of one application are enabled (listed only when disabled, unless include_defaults).
list "livechat_license_webhooks_state" "crm" {
  provider = livechat

  config {
    owner_client_ids = ["0805e283233042b37f460ed8fbf22160"]
    include_defaults = true
  }
}
