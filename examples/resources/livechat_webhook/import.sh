# A webhook is imported as <owner_client_id>/<webhook id>. The API never returns
# the secret key: set the current one in the configuration (secret_key, or
# secret_key_wo with secret_key_wo_version); the next apply records it without
# registering the webhook again.
terraform import livechat_webhook.customer_messages 0805e283233042b37f460ed8fbf22160/pqi8oasdjahuakndw9nsad9na
