# The partner's profile exists already: this adopts it and sets the names.
resource "livechat_partner_profile" "me" {
  first_name         = "Joe"
  last_name          = "Doe"
  contact_name       = "Jane Doe"
  contact_email      = "jane@partner.example"
  send_newsletter    = true
  send_notifications = true
}
