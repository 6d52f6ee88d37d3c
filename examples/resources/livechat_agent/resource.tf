resource "livechat_group" "sales" {
  name = "Sales"
}

resource "livechat_agent" "smith" {
  id              = "smith@example.com"
  name            = "Agent Smith"
  role            = "administrator"
  job_title       = "Support Hero"
  max_chats_count = 8

  groups = [
    { id = 0, priority = "normal" },
    { id = livechat_group.sales.id, priority = "first" },
  ]

  notifications       = ["new_visitor", "incoming_chat", "new_goal"]
  email_subscriptions = ["weekly_summary"]

  work_scheduler = {
    timezone = "Europe/Warsaw"
    schedule = [
      { day = "monday", start = "08:00", end = "16:00" },
      { day = "friday", start = "08:00", end = "14:00" },
    ]
  }
}
