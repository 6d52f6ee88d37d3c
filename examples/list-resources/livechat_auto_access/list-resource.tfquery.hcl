# Every auto access rule.
list "livechat_auto_access" "all" {
  provider = livechat
}
