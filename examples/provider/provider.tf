terraform {
  required_providers {
    livechat = {
      source = "livechat-terraform/livechat"
    }
  }
}

# Credentials usually come from the environment:
#   LIVECHAT_ACCESS_TOKEN (or LIVECHAT_PAT + LIVECHAT_ACCOUNT_ID),
#   LIVECHAT_PARTNER_API_TOKEN for Partner Program objects.
provider "livechat" {
  region              = "dal"
  max_retries         = 5
  request_timeout     = "30s"
  propagation_timeout = "5m"
}
