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

// partnerProfileIs checks the profile the API shows.
func partnerProfileIs(t *testing.T, ok func(*partner.Profile) bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if p := fromAPI(t, acc.api.partner.GetProfile); !ok(p) {
			return fmt.Errorf("profile %+v", p)
		}
		return nil
	}
}

// The profile is a singleton: sequential, destroy only forgets it, and the test puts back what
// it found.
func TestAccPartnerProfile_lifecycle(t *testing.T) {
	joseph := testProfileConfig("Joseph", "  send_newsletter = false\n  send_notifications = true")
	yes := true
	var login string
	preserve(t, "the partner profile", func(ctx context.Context) (func(context.Context) error, error) {
		old, err := acc.api.partner.GetProfile(ctx)
		if err != nil {
			return nil, err
		}
		login = old.Login
		if old.FirstName == "" {
			return func(context.Context) error { return nil }, nil // never set: nothing the API can put back
		}
		return func(ctx context.Context) error {
			return acc.api.partner.UpdateProfile(ctx, partner.ProfileUpdate{
				FirstName: old.FirstName, LastName: old.LastName, ContactName: old.ContactName, ContactEmail: old.ContactEmail,
			})
		}, nil
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             partnerProfileIs(t, func(p *partner.Profile) bool { return p.FirstName == "Joseph" }),
		Steps: []resource.TestStep{
			{
				Config: testProfileConfig("Joe", "  send_newsletter = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_partner_profile.test", tfjsonpath.New("partner_id"), knownvalue.StringExact(acc.partnerID)),
					statecheck.ExpectKnownValue("livechat_partner_profile.test", tfjsonpath.New("login"), knownvalue.StringExact(login)),
				},
				Check: resource.ComposeTestCheckFunc(
					partnerProfileIs(t, func(p *partner.Profile) bool { return p.FirstName == "Joe" }),
					emulatorCheck(t, "no read returns the newsletter opt-ins", partnerOptIns(true, nil)),
				),
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
				Check: resource.ComposeTestCheckFunc(
					partnerProfileIs(t, func(p *partner.Profile) bool { return p.FirstName == "Joseph" }),
					emulatorCheck(t, "no read returns the newsletter opt-ins", partnerOptIns(false, &yes)),
				),
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
				Check: partnerProfileIs(t, func(p *partner.Profile) bool { return p.LastName == "Doe" }),
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

// partnerBillingIs checks the billing the API shows.
func partnerBillingIs(t *testing.T, ok func(*partner.Billing) bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if b := fromAPI(t, acc.api.partner.GetBilling); !ok(b) {
			return fmt.Errorf("billing %+v", b)
		}
		return nil
	}
}

func TestAccPartnerBilling_lifecycle(t *testing.T) {
	ltd := testBillingConfig("Awesome Company Ltd", "")
	preserve(t, "the partner billing", func(ctx context.Context) (func(context.Context) error, error) {
		old, err := acc.api.partner.GetBilling(ctx)
		if err != nil || old.Type == "" {
			return func(context.Context) error { return nil }, err // never set: nothing the API can put back
		}
		return func(ctx context.Context) error { return acc.api.partner.UpdateBilling(ctx, *old) }, nil
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             partnerBillingIs(t, func(b *partner.Billing) bool { return b.Company == "Awesome Company Ltd" }),
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
				Check: partnerBillingIs(t, func(b *partner.Billing) bool { return b.VAT == "" && b.Company == "Awesome Company Ltd" }),
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
				Check: partnerBillingIs(t, func(b *partner.Billing) bool { return b.City == "New York" }),
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

// partnerOptIns checks the opt-ins the emulator holds: newsletter, and notifications when set.
func partnerOptIns(newsletter bool, notifications *bool) func(emulatorAdmin) error {
	return func(e emulatorAdmin) error {
		var p struct {
			SendNewsletter    bool `json:"send_newsletter"`
			SendNotifications bool `json:"send_notifications"`
		}
		if err := emulatorObject(e, "partner_profile", "self", &p); err != nil {
			return err
		}
		if p.SendNewsletter != newsletter || (notifications != nil && p.SendNotifications != *notifications) {
			return fmt.Errorf("emulator profile opt-ins %+v", p)
		}
		return nil
	}
}
