# The Expert profile is a singleton with a fixed import ID.
terraform import livechat_expert_profile.acme expert_profile
