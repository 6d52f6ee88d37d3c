# The Partner API tokens (their secret values are never listed again).
list "livechat_partner_api_token" "all" {
  provider = livechat
}
