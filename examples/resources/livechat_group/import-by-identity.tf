import {
  to = livechat_group.support
  identity = {
    id = 19
  }
}
