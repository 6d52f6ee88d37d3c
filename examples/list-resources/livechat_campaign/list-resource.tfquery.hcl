# The active affiliate campaigns, the default one included.
list "livechat_campaign" "all" {
  provider = livechat

  config {
    include_defaults = true
  }
}
