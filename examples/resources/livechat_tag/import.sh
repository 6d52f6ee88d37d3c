# A tag is imported by its exact name (letter case matters).
terraform import livechat_tag.refund 'refund request'
