# A solution license is imported as <product>/<license_id>, or as
# <organization_id>/<product>/<license_id> to also set organization_id.
terraform import livechat_solution_license.acme_livechat livechat/104130623
terraform import livechat_solution_license.acme_livechat 66c29d75-909b-491b-a0bf-49f79f57e3d5/livechat/104130623
