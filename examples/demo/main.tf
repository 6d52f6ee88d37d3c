# A small but real license: two teams, agents in them with routing
# priorities, and tags per team. `make demo` applies this against the local
# emulator; LIVECHAT_API_URL and LIVECHAT_ACCESS_TOKEN come from the
# environment.
terraform {
  required_providers {
    livechat = {
      source = "livechat-terraform/livechat"
    }
  }
}

provider "livechat" {}

resource "livechat_group" "support" {
  name          = "Customer Support"
  language_code = "en"
}

resource "livechat_group" "sales" {
  name          = "Sales"
  language_code = "en"
}

resource "livechat_agent" "alice" {
  id                  = "alice@example.com"
  name                = "Alice Anders"
  role                = "administrator"
  max_chats_count     = 8
  email_subscriptions = ["weekly_summary"]
  groups = [
    { id = livechat_group.support.id, priority = "first" },
  ]
}

resource "livechat_agent" "bob" {
  id                  = "bob@example.com"
  name                = "Bob Brown"
  max_chats_count     = 6
  email_subscriptions = ["weekly_summary"]
  groups = [
    { id = livechat_group.support.id, priority = "normal" },
    { id = livechat_group.sales.id, priority = "last" },
  ]
}

resource "livechat_agent" "carol" {
  id   = "carol@example.com"
  name = "Carol Chen"
  groups = [
    { id = livechat_group.sales.id, priority = "first" },
  ]
}

resource "livechat_tag" "bug_report" {
  name      = "bug report"
  group_ids = [livechat_group.support.id]
}

resource "livechat_tag" "upsell" {
  name      = "upsell"
  group_ids = [livechat_group.sales.id]
}

# Read after every group this configuration writes (the renamed default group too), so the
# output shows their names as applied.
data "livechat_groups" "all" {
  depends_on = [livechat_group.general, livechat_group.support, livechat_group.sales]
}

output "group_ids" {
  value = { support = livechat_group.support.id, sales = livechat_group.sales.id }
}

output "agents" {
  value = {
    for a in [livechat_agent.alice, livechat_agent.bob, livechat_agent.carol] :
    a.id => [for g in a.groups : "${g.id}:${g.priority}"]
  }
}

output "license_groups" {
  value = [for g in data.livechat_groups.all.groups : g.name]
}
