# Every goal.
list "livechat_goal" "all" {
  provider = livechat
}
