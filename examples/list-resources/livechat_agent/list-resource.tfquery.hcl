# The agents of group 0 that are not suspended, with their full configuration.
# Terraform asks for at most 100 results per list block unless limit says more.
list "livechat_agent" "general" {
  provider         = livechat
  include_resource = true
  limit            = 1000

  config {
    group_ids = [0]
    suspended = false
  }
}
