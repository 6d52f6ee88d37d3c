data "livechat_partner_expert" "me" {}

output "expert" {
  value = {
    position       = data.livechat_partner_expert.me.position
    comments       = data.livechat_partner_expert.me.comments
    views_by_month = { for m in data.livechat_partner_expert.me.history : m.date => m.profile_views }
  }
}
