import {
  to = livechat_auto_access.us_pricing
  identity = {
    id = "1faad6f5f1d6e8fdf27e8af9839783b7"
  }
}
