resource "livechat_group" "support" {
  name          = "Customer Support"
  language_code = "en"
}

# Group 0 ("General") exists on every license: import it to manage it.
import {
  to = livechat_group.general
  id = "0"
}

resource "livechat_group" "general" {
  name = "General"
}
