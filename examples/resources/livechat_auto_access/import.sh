# An auto access rule is imported by its ID (see the livechat_auto_accesses data source).
terraform import livechat_auto_access.us_pricing 1faad6f5f1d6e8fdf27e8af9839783b7
