# A bot is imported by its ID. Its secret cannot be read back: the state
# holds none until secret_version is set or changed, which issues a new one.
# Nor can its type: a configured type is written by the next apply.
terraform import livechat_bot.greeter 5c9871d5372c824cbf22d860a707a578
