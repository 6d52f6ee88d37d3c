# A private string property with a fixed set of values. Agents can read it on
# the license and in groups, and read and write it in chats.
resource "livechat_property" "tier" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  name            = "customer_tier"
  type            = "string"
  description     = "Support tier of the customer"
  access = {
    license = { agent = ["read"] }
    group   = { agent = ["read"] }
    chat    = { agent = ["read", "write"], customer = ["read"] }
  }
  domain        = ["standard", "premium", "enterprise"]
  default_value = "standard"
}

# An int property with a range, published so that other integrations can read
# it. Publishing cannot be undone and a published property cannot be
# unregistered: with forget_on_destroy, destroy only removes it from the state.
resource "livechat_property" "max_wait" {
  owner_client_id = "0805e283233042b37f460ed8fbf22160"
  name            = "max_wait_seconds"
  type            = "int"
  access = {
    license = { agent = ["read", "write"] }
  }
  range             = { from = 0, to = 3600 }
  default_value     = "120"
  public_access     = ["read"]
  forget_on_destroy = true
}
