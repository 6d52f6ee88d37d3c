resource "livechat_group" "billing" {
  name = "Billing"
}

resource "livechat_tag" "refund" {
  name      = "refund request"
  group_ids = [0, livechat_group.billing.id]
}
