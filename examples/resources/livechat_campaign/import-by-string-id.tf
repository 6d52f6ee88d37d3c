import {
  to = livechat_campaign.newsletter
  id = "123"
}
