# The greetings of group 0.
list "livechat_greeting" "general" {
  provider = livechat

  config {
    group_ids = [0]
  }
}
