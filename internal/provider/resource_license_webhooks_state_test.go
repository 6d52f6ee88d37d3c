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
)

// licenseWebhooksAre checks the state of owner's license webhooks that the API shows.
func licenseWebhooksAre(t *testing.T, owner string, enabled bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := fromAPI(t, func(ctx context.Context) (bool, error) { return acc.api.config.GetLicenseWebhooksState(ctx, owner) })
		if got != enabled {
			return fmt.Errorf("license webhooks of %s enabled=%v, want %v", owner, got, enabled)
		}
		return nil
	}
}

// preserveLicenseWebhooks puts owner's license webhooks state back after the test.
func preserveLicenseWebhooks(t *testing.T, owner string) {
	preserve(t, "the license webhooks state of "+owner, func(ctx context.Context) (func(context.Context) error, error) {
		enabled, err := acc.api.config.GetLicenseWebhooksState(ctx, owner)
		return func(ctx context.Context) error { return acc.api.config.SetLicenseWebhooks(ctx, owner, enabled) }, err
	})
}

func testLicenseWebhooksStateConfig(owner string, enabled bool) string {
	return fmt.Sprintf(`
resource "livechat_license_webhooks_state" "test" {
  owner_client_id = %q
  enabled         = %t
}
`, owner, enabled)
}

// Destroy leaves the state as it is: the last apply disables the webhooks
// and CheckDestroy finds them still disabled.
func TestAccLicenseWebhooksState_lifecycle(t *testing.T) {
	owner := testOwner("tf-lws")
	preserveLicenseWebhooks(t, owner)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             licenseWebhooksAre(t, owner, false),
		Steps: []resource.TestStep{
			{
				Config: testLicenseWebhooksStateConfig(owner, false),
				Check:  licenseWebhooksAre(t, owner, false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_license_webhooks_state.test", tfjsonpath.New("id"), knownvalue.StringExact(owner)),
					statecheck.ExpectKnownValue("livechat_license_webhooks_state.test", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
			},
			{
				Config:           testLicenseWebhooksStateConfig(owner, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testLicenseWebhooksStateConfig(owner, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_license_webhooks_state.test", plancheck.ResourceActionUpdate)},
				},
				Check: licenseWebhooksAre(t, owner, true),
			},
			{
				ResourceName:            "livechat_license_webhooks_state.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config: testLicenseWebhooksStateConfig(owner, false),
				Check:  licenseWebhooksAre(t, owner, false),
			},
			// Someone enables the webhooks in the app.
			driftStep(testLicenseWebhooksStateConfig(owner, false), "livechat_license_webhooks_state.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "license_webhooks_state", func() string { return owner }, `{"license_webhooks_enabled":true}`)),
			// The state cannot be deleted, only go back to its default (enabled): an update too.
			driftStep(testLicenseWebhooksStateConfig(owner, false), "livechat_license_webhooks_state.test", plancheck.ResourceActionUpdate,
				deleteOutOfBand(t, "license_webhooks_state", func() string { return owner })),
			{
				Config: testLicenseWebhooksStateConfig(owner, false),
				Check:  licenseWebhooksAre(t, owner, false),
			},
		},
	})
}

// Without owner_client_id the provider's client_id is used.
func TestAccLicenseWebhooksState_providerClientID(t *testing.T) {
	preserveLicenseWebhooks(t, testClientID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `resource "livechat_license_webhooks_state" "test" { enabled = true }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_license_webhooks_state.test", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
				},
				Check: licenseWebhooksAre(t, testClientID, true),
			},
			{
				Config: `
provider "livechat" {
  client_id = ""
}

resource "livechat_license_webhooks_state" "other" { enabled = true }
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing owner_client_id.*LIVECHAT_CLIENT_ID`),
			},
		},
	})
}
