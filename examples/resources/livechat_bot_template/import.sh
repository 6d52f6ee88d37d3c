# A bot template is imported as <owner_client_id>/<template id>. Its secret
# cannot be read back (set or change secret_version to issue a new one), nor
# can max_chats_count, default_group_priority and job_title: the next apply
# writes the configured values.
terraform import livechat_bot_template.assistant my-app-client-id/5c9871d5372c824cbf22d860a707a578
