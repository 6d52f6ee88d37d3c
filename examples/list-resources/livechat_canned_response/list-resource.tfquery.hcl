# The canned responses every agent can use (group 0).
list "livechat_canned_response" "shared" {
  provider = livechat

  config {
    group_ids = [0]
  }
}
