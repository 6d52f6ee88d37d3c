# The partner profile (needs partner_api_token).
list "livechat_partner_profile" "this" {
  provider = livechat
}
