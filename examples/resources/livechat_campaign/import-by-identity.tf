import {
  to = livechat_campaign.newsletter
  identity = {
    id = 123
  }
}
