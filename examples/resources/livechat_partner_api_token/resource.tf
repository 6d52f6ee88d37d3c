# A Partner API token for a CI system. Destroying the resource revokes it.
resource "livechat_partner_api_token" "ci" {
  label = "CI pipeline"
}

output "ci_token" {
  value     = livechat_partner_api_token.ci.token
  sensitive = true
}
