import {
  to = livechat_agent.smith
  identity = {
    id = "smith@example.com" # login e-mail
  }
}
