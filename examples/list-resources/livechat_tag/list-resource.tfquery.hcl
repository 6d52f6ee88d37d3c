# The tags of group 0, the default tags every license has included.
list "livechat_tag" "general" {
  provider = livechat

  config {
    group_ids        = [0]
    include_defaults = true
  }
}
