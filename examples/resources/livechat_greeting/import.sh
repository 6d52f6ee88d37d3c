# A greeting is imported by its numeric ID.
terraform import livechat_greeting.invitation 2411
