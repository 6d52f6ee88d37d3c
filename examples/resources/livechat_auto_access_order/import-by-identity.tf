import {
  to = livechat_auto_access_order.this
  identity = {
    id = "auto_access_order" # the one order of the license: imports every rule in its current order
  }
}
