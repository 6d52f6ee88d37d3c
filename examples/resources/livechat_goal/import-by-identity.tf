import {
  to = livechat_goal.purchase
  identity = {
    id = 1041
  }
}
