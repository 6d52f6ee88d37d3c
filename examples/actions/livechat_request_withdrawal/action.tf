# Pay out the available balance to the PayPal account of the partner's
# billing information:
#   terraform apply -invoke=action.livechat_request_withdrawal.payout
action "livechat_request_withdrawal" "payout" {}
