import {
  to = livechat_expert_profile.acme
  id = "expert_profile"
}
