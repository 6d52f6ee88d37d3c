# An agent is imported by its ID, the login e-mail.
terraform import livechat_agent.smith smith@example.com
