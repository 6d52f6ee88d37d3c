# Is anyone accepting chats on the license right now?
data "livechat_status" "license" {}

output "livechat_online" {
  value = data.livechat_status.license.online
}
