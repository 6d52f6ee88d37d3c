# The partner profile is a singleton with a fixed import ID.
terraform import livechat_partner_profile.me partner_profile
