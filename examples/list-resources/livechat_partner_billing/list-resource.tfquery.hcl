# The partner's billing information, once there is some.
list "livechat_partner_billing" "this" {
  provider = livechat
}
