package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Provider settings are checked before any request: a missing credential or
// an unsafe URL is an error naming the setting and its environment variable.
func TestAccProvider_configErrors(t *testing.T) {
	const tag = `
resource "livechat_tag" "x" { name = "tf-acc-never-created" }
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `provider "livechat" { access_token = "" }` + tag,
				ExpectError: regexp.MustCompile(`(?s)Missing credentials for the Configuration API.*access_token \(env\s+LIVECHAT_ACCESS_TOKEN\)`),
			},
			{
				Config:      `provider "livechat" { api_url = "http://api.example.com" }` + tag,
				ExpectError: regexp.MustCompile(`(?s)Invalid api_url.*non-loopback`),
			},
			{
				Config:      `provider "livechat" { region = "ams" }` + tag,
				ExpectError: regexp.MustCompile(`(?s)region.*value must be one\s+of`),
			},
			{
				Config:      `provider "livechat" { request_timeout = "soon" }` + tag,
				ExpectError: regexp.MustCompile(`(?s)request_timeout.*not a positive Go duration`),
			},
			{
				Config:      `provider "livechat" { access_token = "dal:wrong-token" }` + tag,
				ExpectError: regexp.MustCompile(`(?s)refused the credentials.*LIVECHAT_ACCESS_TOKEN`),
			},
		},
	})
}

// With a token of the other region the provider follows the API's
// misdirected_request answer and works.
func TestAccProvider_regionSwitch(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `provider "livechat" { region = "fra" }
data "livechat_group" "general" { id = 0 }
`,
				Check: resource.TestCheckResourceAttr("data.livechat_group.general", "name", generalGroupName(t)),
			},
		},
	})
}
