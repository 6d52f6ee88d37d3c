# The webhooks of one application.
list "livechat_webhook" "crm" {
  provider = livechat

  config {
    owner_client_ids = ["0805e283233042b37f460ed8fbf22160"]
  }
}
