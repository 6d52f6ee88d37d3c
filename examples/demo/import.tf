# Objects that every license has, or that were made in the LiveChat app, come under Terraform with
# an import block. `livechat-export` writes these blocks for a whole license (see the guide
# "Import an existing license"); here, the default group "General" is adopted and renamed.
import {
  to = livechat_group.general
  id = "0"
}

resource "livechat_group" "general" {
  name          = "General (all agents)"
  language_code = "en"
}
