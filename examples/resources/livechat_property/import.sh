# A property is imported as <owner_client_id>/<name>.
terraform import livechat_property.tier 0805e283233042b37f460ed8fbf22160/customer_tier
