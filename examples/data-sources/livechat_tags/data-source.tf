# Tags that chats of the "General" group (ID 0) can use.
data "livechat_tags" "general" {
  group_ids = [0]
}

# Tags whose name starts with "sales".
data "livechat_tags" "sales" {
  name_prefix = "sales"
}

output "general_tags" {
  value = data.livechat_tags.general.names
}
