# The properties of the provider's client_id (LIVECHAT_CLIENT_ID).
list "livechat_property" "all" {
  provider = livechat
}
