data "livechat_channels" "all" {}

# Client IDs of the integrations customers have chatted through.
output "integration_client_ids" {
  value = [for c in data.livechat_channels.all.channels : c.channel_subtype if c.channel_type == "integration"]
}
