import {
  to = livechat_group.support
  id = "19"
}
