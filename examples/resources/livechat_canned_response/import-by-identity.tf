import {
  to = livechat_canned_response.goodbye
  identity = {
    id = 3181
  }
}
