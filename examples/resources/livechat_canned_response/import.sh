# A canned response is imported by its numeric ID.
terraform import livechat_canned_response.goodbye 3181
