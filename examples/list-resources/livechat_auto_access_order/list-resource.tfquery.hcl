# The order of the auto access rules (one result when there are at least two rules).
list "livechat_auto_access_order" "this" {
  provider = livechat
}
