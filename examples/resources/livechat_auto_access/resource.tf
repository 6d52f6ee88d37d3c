resource "livechat_group" "us_sales" {
  name = "US Sales"
}

# Chats from the pricing pages of livechat.com, by customers in the US,
# go to the US Sales group.
resource "livechat_auto_access" "us_pricing" {
  description = "US visitors on pricing pages"
  access = {
    groups = [livechat_group.us_sales.id]
  }
  conditions = {
    url = {
      values = [
        { value = "livechat.com/pricing" },
        { value = "https://www.livechat.com/plans/", exact_match = true },
      ]
    }
    geolocation = {
      values = [{ country = "United States", country_code = "US" }]
    }
  }
}

# Every domain except the test site.
resource "livechat_auto_access" "not_staging" {
  access = {
    groups = [0]
  }
  conditions = {
    domain = {
      exclude_values = [{ value = "staging.example.com", exact_match = true }]
    }
  }
}
