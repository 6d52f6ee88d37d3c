data "livechat_partner_profile" "me" {}

output "partner_id" {
  value = data.livechat_partner_profile.me.partner_id
}
