import {
  to = livechat_auto_access_order.this
  id = "*" # every rule, in its current order; or "id1,id2,..." for some rules
}
