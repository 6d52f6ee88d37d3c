# Revoke the secret of a bot whose secret Terraform does not hold (e.g. an
# imported bot): the old secret stops working, the new one is kept nowhere.
#   terraform apply -invoke=action.livechat_reset_bot_secret.greeter
# To rotate a secret that Terraform should hold, change the bot's
# secret_version instead.
action "livechat_reset_bot_secret" "greeter" {
  config {
    bot_id = "5c9871d5372c824cbf22d860a707a578"
  }
}
