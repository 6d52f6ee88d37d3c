# Where the partner's commission is paid out.
resource "livechat_partner_billing" "payout" {
  type     = "business"
  company  = "Awesome Company"
  address  = "Wall Street 123"
  city     = "New York"
  zip_code = "10005"
  state    = "NY"
  country  = "US"
  vat      = "US123456789"
  paypal   = "payouts@awesome.example"
}
