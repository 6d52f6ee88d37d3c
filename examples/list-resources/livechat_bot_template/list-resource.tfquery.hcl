# The bot templates of two applications.
list "livechat_bot_template" "all" {
  provider = livechat

  config {
    owner_client_ids = ["0805e283233042b37f460ed8fbf22160", "my-app-client-id"]
  }
}
