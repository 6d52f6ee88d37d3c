resource "livechat_property" "tier" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  name            = "customer_tier"
  type            = "string"
  access = {
    license = { agent = ["read"] }
  }
  domain = ["standard", "premium", "enterprise"]
}

# The license's value of the property: exactly one of value_string,
# value_int and value_bool, by the property's type.
resource "livechat_license_property" "tier" {
  namespace    = livechat_property.tier.owner_client_id
  name         = livechat_property.tier.name
  value_string = "premium"
}

# Every license has test properties in the "test" namespace.
resource "livechat_license_property" "test_int" {
  namespace = "test"
  name      = "int_property"
  value_int = 42
}
