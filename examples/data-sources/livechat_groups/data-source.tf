data "livechat_groups" "all" {}

# Group IDs by name; names need not be unique, so each maps to a list.
output "group_ids" {
  value = { for g in data.livechat_groups.all.groups : g.name => g.id... }
}
