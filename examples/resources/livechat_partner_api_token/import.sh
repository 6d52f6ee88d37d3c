# A Partner API token is imported by its numeric ID.
terraform import livechat_partner_api_token.ci 2
