import {
  to = livechat_expert_profile.acme
  identity = {
    id = "expert_profile"
  }
}
