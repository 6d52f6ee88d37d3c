# A new license already has these tags: declaring one fails with already_exists.
# Take them over instead: one import block with for_each (Terraform 1.7 or later)
# imports each of them to livechat_tag.default["<name>"].
locals {
  default_tags = toset(["positive feedback", "support", "complaint", "sales", "spam", "docs_feedback"])
}

import {
  for_each = local.default_tags
  to       = livechat_tag.default[each.key]
  id       = each.key
}

resource "livechat_tag" "default" {
  for_each  = local.default_tags
  name      = each.key
  group_ids = [0]
}
