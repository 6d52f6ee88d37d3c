import {
  to = livechat_solution_organization.acme
  identity = {
    id = "66c29d75-909b-491b-a0bf-49f79f57e3d5"
  }
}
