package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

func testCampaignConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "livechat_campaign" "test" {
  product = "livechat"
  name    = %q
%s
}
`, name, extra)
}

// testCoupon is one of the partner's coupons, or skips the test when the partner has none.
func testCoupon(t *testing.T, last bool) partner.Coupon {
	coupons := fromAPI(t, func(ctx context.Context) ([]partner.Coupon, error) { return acc.api.partner.GetCoupons(ctx) })
	if len(coupons) == 0 {
		t.Skip("the partner has no coupons")
	}
	if last {
		return coupons[len(coupons)-1]
	}
	return coupons[0]
}

func TestAccCampaign_lifecycle(t *testing.T) {
	name, coupon := randomName("tf-campaign"), testCoupon(t, true)
	var id string
	extra := fmt.Sprintf(`  link = "https://www.livechat.com/features/"
  trial_duration = 30
  coupon_id = %d`, coupon.ID)
	slug := "pp_" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(name, "-")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_campaign", campaignActive),
		Steps: []resource.TestStep{
			{
				Config: testCampaignConfig(name, extra),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("slug"), knownvalue.StringExact(slug)),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("discount"), knownvalue.StringExact(coupon.Label)),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("trial_duration"), knownvalue.Int64Exact(30)),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://www\.livechat\.com/features/\?a=`+regexp.QuoteMeta(acc.partnerID)+`&utm_campaign=`+regexp.QuoteMeta(slug)))),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("short_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://lc\.chat/`))),
				},
				Check: stateAttr("livechat_campaign.test", "id", &id),
			},
			{
				Config:           testCampaignConfig(name, extra),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// No update method: a change replaces the campaign; the old one is disabled.
				Config: testCampaignConfig(name+"-v2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_campaign.test", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("link"), knownvalue.StringExact("https://www.livechat.com/")),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("trial_duration"), knownvalue.Int64Exact(14)),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("coupon_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_campaign.test", tfjsonpath.New("discount"), knownvalue.StringExact("")),
				},
				Check: func(s *terraform.State) error {
					if err := objectIs(t, campaignActive, id, false, "the replaced campaign"); err != nil {
						return err
					}
					return stateAttr("livechat_campaign.test", "id", &id)(s)
				},
			},
			{
				ResourceName:            "livechat_campaign.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			// No update method: a trial_duration changed in the app (the config has the default 14)
			// is planned as a replacement.
			driftStep(testCampaignConfig(name+"-v2", ""), "livechat_campaign.test", plancheck.ResourceActionDestroyBeforeCreate,
				changeOutOfBand(t, "campaign", func() string { return id }, `{"trial_duration": 20}`)),
			driftStep(testCampaignConfig(name+"-v2", ""), "livechat_campaign.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "campaign", func() string { return id })),
		},
	})
}

// Importing brings back coupon_id from the discount label.
func TestAccCampaign_importCoupon(t *testing.T) {
	name, coupon := randomName("tf-campaign"), testCoupon(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_campaign", campaignActive),
		Steps: []resource.TestStep{
			{Config: testCampaignConfig(name, fmt.Sprintf("  coupon_id = %d", coupon.ID))},
			{
				ResourceName:            "livechat_campaign.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestAccCampaign_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testCampaignConfig("four", ""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)name.*character\s+count\s+must\s+be\s+between\s+5\s+and\s+100`)},
			{Config: `resource "livechat_campaign" "x" {
  product = "intercom"
  name    = "valid name"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)product.*value must be one of`)},
			{Config: testCampaignConfig("valid name", "  trial_duration = 31"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)trial_duration.*must be between 14 and 30`)},
			{Config: testCampaignConfig("valid name", `  link = "www.example.com"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)link.*must be an http:// or https://\s+URL`)},
			{Config: testCampaignConfig("valid name", "  coupon_id = 0"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)coupon_id.*must be at least 1`)},
			{
				Config: testCampaignConfig("valid name", ""), ResourceName: "livechat_campaign.test", ImportState: true, ImportStateId: "pp_valid-name",
				ExpectError: regexp.MustCompile(`imported by its numeric ID`),
			},
		},
	})
}

// Without partner_api_token a Partner API resource fails with the missing-credentials diagnostic.
func TestAccCampaign_missingPartnerToken(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "livechat" {
  partner_api_token = ""
}
` + testCampaignConfig(randomName("tf-campaign"), ""),
			ExpectError: regexp.MustCompile(`(?s)Missing credentials for the Partner API.*partner_api_token\s+\(env\s+LIVECHAT_PARTNER_API_TOKEN\)`),
		}},
	})
}
