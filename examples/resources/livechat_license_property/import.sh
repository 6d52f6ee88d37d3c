# A license property value is imported as <namespace>/<name>.
terraform import livechat_license_property.tier 0805e283233042b37f460ed8fbf22160/customer_tier
