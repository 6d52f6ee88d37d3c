# Adopt the order of every rule as it is now:
terraform import livechat_auto_access_order.this '*'

# Or adopt the order of some rules, first to last, separated by commas:
terraform import livechat_auto_access_order.this 1faad6f5f1d6e8fdf27e8af9839783b7,pqi8oasdjahuakndw9nsad9na
