package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The data sources show what list_channels and get_product_source answer.
func TestAccChannelsAndProductSourceDataSources(t *testing.T) {
	channels := fromAPI(t, func(ctx context.Context) ([]configuration.Channel, error) { return acc.api.config.ListChannels(ctx) })
	source := fromAPI(t, func(ctx context.Context) (*configuration.ProductSource, error) {
		return acc.api.config.GetProductSource(ctx)
	})
	want := make([]knownvalue.Check, 0, len(channels))
	for _, c := range channels {
		want = append(want, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"channel_type": knownvalue.StringExact(c.ChannelType), "channel_subtype": knownvalue.StringExact(c.ChannelSubtype),
			"first_activity_timestamp": knownvalue.StringExact(c.FirstActivityTimestamp),
		}))
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
					statecheck.ExpectKnownValue("data.livechat_channels.all", tfjsonpath.New("channels"), knownvalue.ListExact(want)),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_id"), knownvalue.StringExact(source.SourceID)),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_type"), knownvalue.StringExact(source.SourceType)),
					statecheck.ExpectKnownValue("data.livechat_product_source.this", tfjsonpath.New("source_url"), knownvalue.StringExact(source.SourceURL)),
				},
			},
		},
	})
}

// Exact counts need a license of known content: the test is sequential and
// starts from a fresh license.
func TestAccProductLimitsDataSource(t *testing.T) {
	e := emulatorOnly(t, "exact counts need a fresh license")
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
		PreCheck:                 e.Reset,
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
