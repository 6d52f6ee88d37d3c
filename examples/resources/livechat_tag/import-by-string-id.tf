import {
  to = livechat_tag.refund
  id = "refund request"
}
