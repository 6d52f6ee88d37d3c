# The license's property values of one namespace.
list "livechat_license_property" "crm" {
  provider = livechat

  config {
    namespace = "0805e283233042b37f460ed8fbf22160"
  }
}
