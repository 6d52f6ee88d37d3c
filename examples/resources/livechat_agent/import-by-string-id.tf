import {
  to = livechat_agent.smith
  id = "smith@example.com"
}
