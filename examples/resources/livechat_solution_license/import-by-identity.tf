import {
  to = livechat_solution_license.acme_livechat
  identity = {
    organization_id = "66c29d75-909b-491b-a0bf-49f79f57e3d5" # optional: not readable from the API
    product         = "livechat"
    license_id      = "104130623"
  }
}
