# Every auto access rule, first to last.
data "livechat_auto_accesses" "all" {}

output "auto_access_order" {
  value = [for r in data.livechat_auto_accesses.all.auto_accesses : "${r.id}: ${r.description}"]
}
