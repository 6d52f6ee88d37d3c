# A group is imported by its numeric ID.
terraform import livechat_group.support 19
