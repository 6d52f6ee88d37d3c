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

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

func testTokenConfig(label string) string {
	return fmt.Sprintf(`
resource "livechat_partner_api_token" "test" {
  label = %q
}
`, label)
}

// tokenWorks checks that the token in the state authenticates against the Partner API.
func tokenWorks(s *terraform.State) error {
	tok := s.RootModule().Resources["livechat_partner_api_token.test"].Primary.Attributes["token"]
	core, err := client.New(client.Config{APIURL: acc.url, PartnerToken: tok})
	if err != nil {
		return err
	}
	// A token created a moment ago may not be accepted everywhere yet.
	return eventually(func(ctx context.Context) error {
		if _, err := partner.New(core).GetCoupons(ctx); err != nil {
			return fmt.Errorf("the created token is refused: %w", err)
		}
		return nil
	})
}

func TestAccPartnerAPIToken_lifecycle(t *testing.T) {
	label := randomName("tf-token")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_partner_api_token", tokenExists),
		Steps: []resource.TestStep{
			{
				Config: testTokenConfig(label),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_partner_api_token.test", tfjsonpath.New("label"), knownvalue.StringExact(label)),
					statecheck.ExpectSensitiveValue("livechat_partner_api_token.test", tfjsonpath.New("token")),
					statecheck.ExpectKnownValue("livechat_partner_api_token.test", tfjsonpath.New("creation_timestamp"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`))),
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_partner_api_token.test", "id", &id), tokenWorks),
			},
			{
				Config:           testTokenConfig(label),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A token cannot be renamed: a new label revokes it and creates another one.
				Config: testTokenConfig(label + "-v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_partner_api_token.test", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					if err := objectIs(t, tokenExists, id, false, "the replaced token"); err != nil {
						return err
					}
					return resource.ComposeTestCheckFunc(stateAttr("livechat_partner_api_token.test", "id", &id), tokenWorks)(s)
				},
			},
			{
				ResourceName:            "livechat_partner_api_token.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			// The label cannot be updated: one changed in the app is planned as a replacement.
			driftStep(testTokenConfig(label+"-v2"), "livechat_partner_api_token.test", plancheck.ResourceActionDestroyBeforeCreate,
				changeOutOfBand(t, "partner_api_token", func() string { return id }, `{"label": "`+label+` renamed in the app"}`)),
			driftStep(testTokenConfig(label+"-v2"), "livechat_partner_api_token.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "partner_api_token", func() string { return id })),
		},
	})
}

func TestAccPartnerAPIToken_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testTokenConfig("ab"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)label.*character\s+count\s+must\s+be\s+at\s+least\s+3`)},
			{
				Config: testTokenConfig("abc"), ResourceName: "livechat_partner_api_token.test", ImportState: true, ImportStateId: "ci",
				ExpectError: regexp.MustCompile(`imported by its numeric ID`),
			},
		},
	})
}
