# The license's values of the test properties whose name starts with "int".
data "livechat_license_properties" "test_ints" {
  namespace   = "test"
  name_prefix = "int"
}

# Every value the credentials can read, defaults included.
data "livechat_license_properties" "all" {}

output "license_properties_set" {
  value = [for p in data.livechat_license_properties.all.properties : "${p.namespace}/${p.name}"]
}
