import {
  to = livechat_canned_response.goodbye
  id = "3181"
}
