# Every solution license. The Partner API cannot tell a license's organization:
# licenses of the organizations named here come with their organization_id.
variable "organization_ids" {
  type    = list(string)
  default = [] # e.g. ["66c29d75-909b-491b-a0bf-49f79f57e3d5"]
}

list "livechat_solution_license" "all" {
  provider = livechat

  config {
    organization_ids = var.organization_ids
  }
}
