# Every group of the license (group 0 "General" only with include_defaults).
list "livechat_group" "all" {
  provider = livechat
}
