# The property values of group 0 of one namespace.
list "livechat_group_property" "general" {
  provider = livechat

  config {
    group_ids = [0]
    namespace = "0805e283233042b37f460ed8fbf22160"
  }
}
