package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The emulator's license has the channels and product source of the
// reference's examples.
func TestAccChannelsAndProductSourceDataSources(t *testing.T) {
	channel := func(typ, subtype, first string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"channel_type": knownvalue.StringExact(typ), "channel_subtype": knownvalue.StringExact(subtype),
			"first_activity_timestamp": knownvalue.StringExact(first),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "livechat_channels" "all" {}

data "livechat_product_source" "this" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_channels.all", tfjsonpath.New("channels"), knownvalue.ListExact([]knownvalue.Check{
						channel("code", "", "2017-10-12T13:56:16Z"),
						channel("direct_link", "", "2017-10-12T15:20:00Z"),
						channel("integration", "c6e4f62e2a2dab12531235b12c5a2a6b", "2019-08-16T16:55:51Z"),
					})),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_id"), knownvalue.StringExact("create_account_link")),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_type"), knownvalue.StringExact("accounts")),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_url"), knownvalue.StringExact("https://accounts.livechat.com")),
				},
			},
		},
	})
}

// Exact counts need a license of known content: the test is sequential and
// starts from a fresh license.
func TestAccProductLimitsDataSource(t *testing.T) {
	config := fmt.Sprintf(`
resource "livechat_group" "a" {
  name = %q
}

resource "livechat_group" "b" {
  name = %q
}

resource "livechat_auto_access" "test" {
  access     = { groups = [livechat_group.a.id] }
  conditions = { domain = { values = [{ value = "example.com" }] } }
}

data "livechat_product_limits" "starter" {
  plan       = "starter"
  depends_on = [livechat_group.a, livechat_group.b, livechat_auto_access.test]
}

data "livechat_product_limits" "enterpriseplus" {
  plan       = "enterpriseplus"
  depends_on = [livechat_group.a, livechat_group.b, livechat_auto_access.test]
}
`, randomName("tf-limits"), randomName("tf-limits"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		PreCheck:                 func() { testEmulator.Reset() },
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_product_limits" "x" { plan = "business" }`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)plan.*value\s+must\s+be\s+one\s+of:\s+\["starter"\s+"team"\s+"enterprise"\s+"enterpriseplus"\]`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_product_limits.starter", tfjsonpath.New("within_limits"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.livechat_product_limits.starter", tfjsonpath.New("exceeded"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"resource": knownvalue.StringExact("groups"), "limit_balance": knownvalue.Int64Exact(2), "id": knownvalue.Null(),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"resource": knownvalue.StringExact("access_rules"), "limit_balance": knownvalue.Int64Exact(1), "id": knownvalue.Null(),
						}),
					})),
					statecheck.ExpectKnownValue("data.livechat_product_limits.enterpriseplus", tfjsonpath.New("within_limits"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.livechat_product_limits.enterpriseplus", tfjsonpath.New("exceeded"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
