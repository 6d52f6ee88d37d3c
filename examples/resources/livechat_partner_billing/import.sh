# The partner billing information is a singleton with a fixed import ID.
terraform import livechat_partner_billing.payout partner_billing
