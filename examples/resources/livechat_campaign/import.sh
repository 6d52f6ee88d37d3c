# A campaign is imported by its numeric ID (see the livechat_partner_campaigns data source).
terraform import livechat_campaign.newsletter 123
