import {
  to = livechat_tag.refund
  identity = {
    id = "refund request" # exact tag name
  }
}
