import {
  to = livechat_solution_license.acme_livechat
  id = "66c29d75-909b-491b-a0bf-49f79f57e3d5/livechat/104130623"
}
