# The properties of one Client Id (default: the provider's client_id).
data "livechat_properties" "mine" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
}

output "property_names" {
  value = data.livechat_properties.mine.names
}
