package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// testLicenseConfig is a license in a new organization; license client names start with
// testPrefix, which the sweeper finds them by (organizations cannot be listed or deleted).
func testLicenseConfig(org, product, body string) string {
	return fmt.Sprintf(`
resource "livechat_solution_organization" "test" {
  organization_name = %q
  client_name       = "John Doe"
  client_email      = "john@example.com"
}

resource "livechat_solution_license" "test" {
  organization_id = livechat_solution_organization.test.id
  product         = %q
  client_email    = "john@example.com"
  payment_origin  = "partner"
%s
}
`, org, product, body)
}

// checkLicense compares the emulator's record of the license with what want says: the API
// reads back neither the trial duration nor the operators.
func checkLicense(t *testing.T, id *string, want func(trialDuration, operators int, role string, subscribed bool) bool) resource.TestCheckFunc {
	return emulatorCheck(t, "the API reads back neither trial_duration nor the operators", func(e emulatorAdmin) error {
		var l struct {
			TrialDuration int  `json:"trial_duration"`
			Subscribed    bool `json:"subscribed"`
			Operators     []struct {
				Role string `json:"role"`
			} `json:"operators"`
		}
		if err := emulatorObject(e, "solution_license", emulatorID("solution_license", *id), &l); err != nil {
			return err
		}
		role := ""
		if len(l.Operators) > 0 {
			role = l.Operators[0].Role
		}
		if !want(l.TrialDuration, len(l.Operators), role, l.Subscribed) {
			return fmt.Errorf("emulator license %+v", l)
		}
		return nil
	})
}

// licensePlanIs checks the plan the API shows for the license.
func licensePlanIs(t *testing.T, id *string, plan string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		product, lic := ownerAndID(*id)
		l := fromAPI(t, func(ctx context.Context) (*partner.LicenseDetails, error) {
			return acc.api.partner.GetLicense(ctx, product, lic)
		})
		if l.Plan != plan {
			return fmt.Errorf("license %s has the plan %q, want %q", *id, l.Plan, plan)
		}
		return nil
	}
}

func TestAccSolutionLicense_lifecycle(t *testing.T) {
	needPartnerSolutions(t, true)
	org := randomName("tf-org")
	var id string
	licenseID := func() string { return id }
	pw := fmt.Sprintf("  close_subscription_password = %q\n", acc.partnerPassword)
	v1 := `  client_name    = "tf-acc-John Doe"
  purchase_order = "PO-1"
  trial_duration = 21
  operators = [{ email = "jane@example.com", role = "administrator" }]
  subscription = {
    plan          = "team"
    billing_cycle = "monthly"
    seats         = 5
    token_wo      = "recurly-token-1"
  }
` + pw
	v2 := `  client_name    = "tf-acc-Johnny Doe"
  trial_duration = 21
  operators = [
    { email = "jane@example.com", role = "administrator" },
    { email = "joe@example.com", role = "agent" },
  ]
  subscription = {
    plan             = "business"
    billing_cycle    = "annual"
    seats            = 10
    token_wo         = "recurly-token-2"
    token_wo_version = 2
  }
` + pw
	// The subscription block removed: closed at the end of the cycle; one operator no longer tracked.
	v3 := `  client_name    = "tf-acc-Johnny Doe"
  trial_duration = 21
  operators = [{ email = "joe@example.com", role = "agent" }]
` + pw
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testLicenseConfig(org, "livechat", v1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("status"), knownvalue.StringExact("paid")),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("paid"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("data_center"), knownvalue.StringExact("dal")),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("subscription").AtMapKey("seats"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("subscription").AtMapKey("token_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("purchase_order"), knownvalue.StringExact("PO-1")),
				},
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_solution_license.test", "id", &id),
					licensePlanIs(t, &id, "team"),
					checkLicense(t, &id, func(trial, operators int, role string, _ bool) bool {
						return trial == 21 && operators == 1 && role == "administrator"
					}),
				),
			},
			{
				Config:           testLicenseConfig(org, "livechat", v1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testLicenseConfig(org, "livechat", v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_license.test", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("client_name"), knownvalue.StringExact("tf-acc-Johnny Doe")),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("purchase_order"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("operators"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("subscription").AtMapKey("plan"), knownvalue.StringExact("business")),
				},
			},
			{
				ResourceName:      "livechat_solution_license.test",
				ImportState:       true,
				ImportStateVerify: true,
				// Not readable from the API: see the resource documentation.
				ImportStateVerifyIgnore: []string{"timeouts", "organization_id", "operators", "close_subscription_password", "subscription.token_wo_version", "trial_duration"},
			},
			{
				Config: testLicenseConfig(org, "livechat", v3),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("subscription"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("operators"), knownvalue.SetSizeExact(1)),
				},
				Check: checkLicense(t, &id, func(_, operators int, _ string, subscribed bool) bool {
					return !subscribed && operators == 2
				}),
			},
			{
				Config:           testLicenseConfig(org, "livechat", v3),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// The license list has no purchase order: the refresh (default settings) sees it change.
			driftStep(testLicenseConfig(org, "livechat", v3), "livechat_solution_license.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "solution_license", licenseID, `{"purchase_order": "PO-changed"}`)),
			driftStep(testLicenseConfig(org, "livechat", v3), "livechat_solution_license.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "solution_license", licenseID, `{"purchase_order": "", "client_name": "tf-acc-Jane Changed"}`)),
			driftStep(testLicenseConfig(org, "livechat", v3), "livechat_solution_license.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "solution_license", licenseID)),
		},
	})
}

// Destroy closes the subscription with expire=true; import by <organization>/<product>/<id>
// brings organization_id back and the subscription with it.
func TestAccSolutionLicense_destroyExpires(t *testing.T) {
	needPartnerSolutions(t, true)
	org := randomName("tf-org")
	var orgID, id string
	body := `  client_name = "tf-acc-Jane Roe"
  subscription = {
    plan          = "starter"
    billing_cycle = "annual"
    seats         = 2
    token_wo      = "recurly-token"
  }
  close_subscription_password = "` + acc.partnerPassword + `"
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_solution_license", licenseOpen),
		Steps: []resource.TestStep{
			{
				Config: testLicenseConfig(org, "helpdesk", body),
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_solution_organization.test", "id", &orgID),
					stateAttr("livechat_solution_license.test", "id", &id),
				),
			},
			{
				ResourceName:      "livechat_solution_license.test",
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return orgID + "/" + id, nil },
				ImportStateVerify: true,
				// A paid license's trial duration cannot be read back: see the resource documentation.
				ImportStateVerifyIgnore: []string{"timeouts", "close_subscription_password", "trial_duration"},
			},
		},
	})
}

func TestAccSolutionLicense_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testLicenseConfig("o", "livechat", `  client_name = "Jo"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)client_name.*character\s+count\s+must\s+be\s+at\s+least\s+5`)},
			{Config: testLicenseConfig("o", "intercom", `  client_name = "John Doe"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)product.*value must be one of`)},
			{Config: testLicenseConfig("o", "livechat", "  client_name = \"John Doe\"\n  trial_duration = 10"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)trial_duration.*between 14 and 30`)},
			{Config: testLicenseConfig("o", "chatbot", "  client_name = \"John Doe\"\n  operators = [{ email = \"a@example.com\", role = \"agent\" }]"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)operators to livechat\s+and\s+helpdesk licenses only`)},
			{Config: testLicenseConfig("o", "livechat", "  client_name = \"John Doe\"\n  operators = [{ email = \"a@example.com\", role = \"viewer\" }]"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)viewer exists for\s+helpdesk licenses only`)},
			{Config: testLicenseConfig("o", "livechat", "  client_name = \"John Doe\"\n  subscription = { plan = \"pro\", billing_cycle = \"monthly\", seats = 1 }"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)subscription.plan.*value must be one of`)},
			{Config: testLicenseConfig("o", "livechat", "  client_name = \"John Doe\"\n  subscription = { plan = \"team\", billing_cycle = \"weekly\", seats = 0 }"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)billing_cycle.*value must be one of`)},
			{Config: testLicenseConfig("o", "livechat", "  client_name = \"John Doe\"\n  close_subscription_password = \"a\"\n  close_subscription_password_wo = \"b\""), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)cannot be specified when`)},
			{
				Config: testLicenseConfig("o", "livechat", `  client_name = "John Doe"`), ResourceName: "livechat_solution_license.test", ImportState: true, ImportStateId: "104130623",
				ExpectError: regexp.MustCompile(`imported as <product>/<license_id>`),
			},
		},
	})
}

// A subscription needs the write-only billing token: refused at plan time.
func TestAccSolutionLicense_missingToken(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			PlanOnly:    true,
			Config:      testLicenseConfig(randomName("tf-org"), "livechat", "  client_name = \"John Doe\"\n  subscription = { plan = \"team\", billing_cycle = \"monthly\", seats = 1 }"),
			ExpectError: regexp.MustCompile(`(?s)Missing billing token.*subscription.token_wo`),
		}},
	})
}

// The import marker lasts until the first apply: after an import and an in-place rename, a
// coupon_id (not readable, not updatable) added later replaces the license as documented.
func TestAccSolutionLicense_importMarkerCleared(t *testing.T) {
	needPartnerSolutions(t, false)
	org := randomName("tf-org")
	var id string
	body := func(name, extra string) string { return fmt.Sprintf("  client_name = %q\n%s", name, extra) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testLicenseConfig(org, "livechat", body("tf-acc-John Doe", "")),
				Check:  stateAttr("livechat_solution_license.test", "id", &id),
			},
			{
				// Out of the state, still in the API: the next step imports it.
				Config: strings.SplitAfter(testLicenseConfig(org, "livechat", ""), "}\n")[0] + forgetConfig("livechat_solution_license.test"),
			},
			{
				Config:             testLicenseConfig(org, "livechat", body("tf-acc-John Doe", "")),
				ResourceName:       "livechat_solution_license.test",
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				// organization_id (null after an import by <product>/<license_id>) is taken over in place.
				Config: testLicenseConfig(org, "livechat", body("tf-acc-John Renamed", "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_license.test", plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config:             testLicenseConfig(org, "livechat", body("tf-acc-John Renamed", "  coupon_id = 5\n")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_license.test", plancheck.ResourceActionReplace),
				}},
			},
		},
	})
}

// An update waits only for what it changes: purchase_order changed after the plan of a
// subscription change neither holds the apply up nor hides from the next plan.
func TestAccSolutionLicense_updateWaitsForItsChangeOnly(t *testing.T) {
	needPartnerSolutions(t, true)
	org := randomName("tf-org")
	var id string
	licenseID := func() string { return id }
	body := func(seats int) string {
		return fmt.Sprintf(`  client_name    = "tf-acc-John Doe"
  purchase_order = "PO-1"
  subscription = {
    plan          = "team"
    billing_cycle = "monthly"
    seats         = %d
    token_wo      = "recurly-token"
  }
  close_subscription_password = %q
  timeouts {
    update = "30s"
  }
`, seats, acc.partnerPassword)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_solution_license", licenseOpen),
		Steps: append([]resource.TestStep{
			{Config: testLicenseConfig(org, "livechat", body(5)), Check: stateAttr("livechat_solution_license.test", "id", &id)},
		}, writeSkipsDriftSteps(testLicenseConfig(org, "livechat", body(6)), "livechat_solution_license.test",
			changeOutOfBand(t, "solution_license", licenseID, `{"purchase_order": "PO-changed"}`))...),
	})
}

// The API does not tell a paid license's trial duration (its end_timestamp is the billing
// period's). An import of a paid license leaves trial_duration unset, and the configured value is
// taken over in place: no plan replaces a license that cannot be deleted.
func TestAccSolutionLicense_importPaidKeepsTrialDuration(t *testing.T) {
	org := randomName("tf-org")
	var orgID, id string
	body := `  client_name    = "Jane Roe"
  trial_duration = 21
  subscription = {
    plan          = "team"
    billing_cycle = "monthly"
    seats         = 2
    token_wo      = "recurly-token"
  }
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testLicenseConfig(org, "livechat", body),
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_solution_organization.test", "id", &orgID),
					stateAttr("livechat_solution_license.test", "id", &id),
				),
			},
			{
				// Out of the state, still in the API: the next step imports it.
				Config: strings.SplitAfter(testLicenseConfig(org, "livechat", ""), "}\n")[0] + forgetConfig("livechat_solution_license.test"),
			},
			{
				Config:             testLicenseConfig(org, "livechat", body),
				ResourceName:       "livechat_solution_license.test",
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return orgID + "/" + id, nil },
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if v, ok := states[0].Attributes["trial_duration"]; ok && v != "" {
						return fmt.Errorf("imported trial_duration %q: the API cannot tell it for a paid license", v)
					}
					return nil
				},
			},
			{
				Config: testLicenseConfig(org, "livechat", body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_license.test", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_solution_license.test", tfjsonpath.New("trial_duration"), knownvalue.Int64Exact(21)),
				},
			},
			{
				Config:           testLicenseConfig(org, "livechat", body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// The reference does not promise a license to read paid as soon as its subscription is created:
// a wait checks the plan, cycle and seats, and only that the license did not expire.
func TestSubscriptionMatchesWithoutPaidStatus(t *testing.T) {
	s := &licenseSubscriptionModel{Plan: types.StringValue("team"), BillingCycle: types.StringValue("monthly"), Seats: types.Int64Value(3)}
	d := &partner.LicenseDetails{Status: "trial", Plan: "team", BillingCycle: "monthly", Seats: 3}
	if !subscriptionMatches(d, s) {
		t.Fatal("a subscription whose license is not paid yet does not match")
	}
	d.Status = "expired"
	if subscriptionMatches(d, s) {
		t.Fatal("a subscription of an expired license matches")
	}
}
