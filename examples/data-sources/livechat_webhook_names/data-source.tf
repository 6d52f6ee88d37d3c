data "livechat_webhook_names" "v36" {
  version = "3.6"
}

# The actions that accept the author_type filter.
output "actions_with_author_type" {
  value = [for w in data.livechat_webhook_names.v36.webhook_names : w.action if contains(w.filters, "author_type")]
}
