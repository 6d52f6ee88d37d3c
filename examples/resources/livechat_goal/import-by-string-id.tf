import {
  to = livechat_goal.purchase
  id = "1041"
}
