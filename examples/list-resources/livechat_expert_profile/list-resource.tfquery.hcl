# The Expert profile, once the partner has one.
list "livechat_expert_profile" "this" {
  provider = livechat
}
