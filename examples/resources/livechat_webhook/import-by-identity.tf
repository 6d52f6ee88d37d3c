import {
  to = livechat_webhook.customer_messages
  identity = {
    owner_client_id = "0805e283233042b37f460ed8fbf22160"
    id              = "pqi8oasdjahuakndw9nsad9na"
  }
}
