import {
  to = livechat_webhook.customer_messages
  id = "0805e283233042b37f460ed8fbf22160/pqi8oasdjahuakndw9nsad9na"
}
