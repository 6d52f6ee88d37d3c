# The canned responses every agent can use (group 0).
data "livechat_canned_responses" "general" {}

output "canned_response_texts" {
  value = [for r in data.livechat_canned_responses.general.canned_responses : r.text]
}
