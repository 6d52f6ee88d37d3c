# The property values of the "General" group (ID 0) in one namespace.
data "livechat_group_properties" "general" {
  group_id  = 0
  namespace = "0805e283233042b37f460ed8fbf22160"
}
