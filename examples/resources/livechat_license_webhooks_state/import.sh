# The license webhooks state is imported by its owner client ID.
terraform import livechat_license_webhooks_state.crm 0805e283233042b37f460ed8fbf22160
