# Every bot of the license but the bots of the client's bot templates.
list "livechat_bot" "all" {
  provider = livechat
}
