package provider

import (
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

func testProfileConfig(first, extra string) string {
	return fmt.Sprintf(`
resource "livechat_partner_profile" "test" {
  first_name    = %q
  last_name     = "Doe"
  contact_name  = "Jane Doe"
  contact_email = "jane@example.com"
%s
}
`, first, extra)
}

// The profile is a singleton: sequential, and destroy only forgets it.
func TestAccPartnerProfile_lifecycle(t *testing.T) {
	joseph := testProfileConfig("Joseph", "  send_newsletter = false\n  send_notifications = true")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if p := testEmulator.PartnerProfile(); p.FirstName != "Joseph" {
				return fmt.Errorf("destroy changed the profile: %+v", p)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: testProfileConfig("Joe", "  send_newsletter = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_partner_profile.test", tfjsonpath.New("partner_id"), knownvalue.StringExact("emulator-partner")),
					statecheck.ExpectKnownValue("livechat_partner_profile.test", tfjsonpath.New("login"), knownvalue.StringExact("partner@example.com")),
				},
				Check: func(*terraform.State) error {
					if p := testEmulator.PartnerProfile(); p.FirstName != "Joe" || !p.SendNewsletter {
						return fmt.Errorf("profile %+v", p)
					}
					return nil
				},
			},
			{
				Config:           testProfileConfig("Joe", "  send_newsletter = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: joseph,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_partner_profile.test", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if p := testEmulator.PartnerProfile(); p.FirstName != "Joseph" || p.SendNewsletter || !p.SendNotifications {
						return fmt.Errorf("profile %+v", p)
					}
					return nil
				},
			},
			{
				ResourceName:            "livechat_partner_profile.test",
				ImportState:             true,
				ImportStateId:           "partner_profile",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "send_newsletter", "send_notifications"},
			},
			// A singleton without delete: only an out-of-band change can drift.
			driftStep(joseph, "livechat_partner_profile.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "partner_profile", func() string { return "self" }, `{"last_name": "Smith"}`)),
			{
				// The apply sets it back.
				Config: joseph,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_partner_profile.test", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if p := testEmulator.PartnerProfile(); p.LastName != "Doe" {
						return fmt.Errorf("profile %+v", p)
					}
					return nil
				},
			},
		},
	})
}

func TestAccPartnerProfile_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_partner_profile" "x" {
  first_name    = "Joe"
  last_name     = "Doe"
  contact_name  = "Jane"
  contact_email = "jane"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)contact_email.*must be an e-mail address`)},
			{
				Config: testProfileConfig("Joe", ""), ResourceName: "livechat_partner_profile.test", ImportState: true, ImportStateId: "profile",
				ExpectError: regexp.MustCompile(`(?s)fixed ID\s+"partner_profile"`),
			},
		},
	})
}

func testBillingConfig(company, extra string) string {
	return fmt.Sprintf(`
resource "livechat_partner_billing" "test" {
  type    = "business"
  company = %q
  address = "Wall Street 123"
  city    = "New York"
  country = "US"
  paypal  = "paypal@example.com"
%s
}
`, company, extra)
}

func TestAccPartnerBilling_lifecycle(t *testing.T) {
	ltd := testBillingConfig("Awesome Company Ltd", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if b := testEmulator.PartnerBilling(); b.Company != "Awesome Company Ltd" {
				return fmt.Errorf("destroy changed the billing: %+v", b)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: testBillingConfig("Awesome Company", `  zip_code = "10005"
  vat      = "123"
  state    = "NY"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_partner_billing.test", tfjsonpath.New("state"), knownvalue.StringExact("NY")),
				},
			},
			{
				Config: testBillingConfig("Awesome Company", `  zip_code = "10005"
  vat      = "123"
  state    = "NY"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Unset optional fields are cleared (Update Billing replaces everything).
				Config: ltd,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_partner_billing.test", tfjsonpath.New("vat"), knownvalue.StringExact("")),
				},
				Check: func(*terraform.State) error {
					if b := testEmulator.PartnerBilling(); b.VAT != "" || b.Company != "Awesome Company Ltd" {
						return fmt.Errorf("billing %+v", b)
					}
					return nil
				},
			},
			{
				ResourceName:            "livechat_partner_billing.test",
				ImportState:             true,
				ImportStateId:           "partner_billing",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, notReadBack("state")...),
			},
			// A singleton without delete: only an out-of-band change can drift.
			driftStep(ltd, "livechat_partner_billing.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "partner_billing", func() string { return "self" }, `{"city": "Boston"}`)),
			{
				// The apply sets it back.
				Config: ltd,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_partner_billing.test", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if b := testEmulator.PartnerBilling(); b.City != "New York" {
						return fmt.Errorf("billing %+v", b)
					}
					return nil
				},
			},
		},
	})
}

func TestAccPartnerBilling_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_partner_billing" "x" {
  type    = "corporate"
  company = "C"
  address = "A"
  city    = "C"
  country = "US"
  paypal  = "p@example.com"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)type.*value must be one of`)},
			{Config: `resource "livechat_partner_billing" "x" {
  type    = "business"
  company = "C"
  address = "A"
  city    = "C"
  country = "usa"
  paypal  = "p@example.com"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)country.*two-letter`)},
			{Config: `resource "livechat_partner_billing" "x" {
  type    = "business"
  company = "C"
  address = "A"
  city    = "C"
  country = "US"
  paypal  = "p"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)paypal.*e-mail`)},
		},
	})
}
