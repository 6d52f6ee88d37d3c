# A group property value is imported as <group_id>/<namespace>/<name>.
terraform import livechat_group_property.vip_boost 7/0805e283233042b37f460ed8fbf22160/routing_boost
