# A goal is imported by its numeric ID.
terraform import livechat_goal.purchase 1041
