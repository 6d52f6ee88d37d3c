data "livechat_partner_coupons" "all" {}

# A campaign using the coupon labelled "$25 discount".
resource "livechat_campaign" "discounted" {
  product   = "livechat"
  name      = "Twenty-five off"
  coupon_id = one([for c in data.livechat_partner_coupons.all.coupons : c.id if c.label == "$25 discount"])
}
