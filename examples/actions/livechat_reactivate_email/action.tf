resource "livechat_agent" "smith" {
  id   = "smith@example.com"
  name = "Agent Smith"
}

# After e-mails to the agent bounced and the mailbox was fixed:
#   terraform apply -invoke=action.livechat_reactivate_email.smith
action "livechat_reactivate_email" "smith" {
  config {
    agent_id = livechat_agent.smith.id
  }
}
