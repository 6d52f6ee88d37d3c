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

func testOrganizationConfig(name, dc string) string {
	return fmt.Sprintf(`
resource "livechat_solution_organization" "test" {
  organization_name = %q
  client_name       = "John Doe"
  client_email      = "john@example.com"
  data_center       = %q
  identifier        = %q
}
`, name, dc, name)
}

func TestAccSolutionOrganization_lifecycle(t *testing.T) {
	needPartnerSolutions(t, false)
	name := randomName("tf-org")
	var id, first string
	deleted := deleteOutOfBand(t, "solution_organization", func() string { return id })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		// The API cannot delete organizations: destroy forgets them, they stay in the emulator.
		CheckDestroy: func(*terraform.State) error {
			return objectIs(t, organizationExists, id, true, "destroy should only forget the organization")
		},
		Steps: []resource.TestStep{
			{
				Config: testOrganizationConfig(name, "eu-west3"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_solution_organization.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue("livechat_solution_organization.test", tfjsonpath.New("data_center"), knownvalue.StringExact("eu-west3")),
					statecheck.ExpectKnownValue("livechat_solution_organization.test", tfjsonpath.New("created_at"), afterCreate(knownvalue.NotNull())),
				},
				Check: stateAttr("livechat_solution_organization.test", "id", &first),
			},
			{
				Config:           testOrganizationConfig(name, "eu-west3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// No update method: a change makes a new organization, the old one is forgotten.
				Config: testOrganizationConfig(name+"-2", "us-south1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_organization.test", plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					if err := objectIs(t, organizationExists, first, true, "the replaced organization"); err != nil {
						return err
					}
					return stateAttr("livechat_solution_organization.test", "id", &id)(s)
				},
			},
			// The refresh reads the created_at the create left to it, which the import reads too.
			{RefreshState: true},
			{
				ResourceName:            "livechat_solution_organization.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "identifier"},
			},
			// No update method: a name changed in the app is planned as a replacement.
			driftStep(testOrganizationConfig(name+"-2", "us-south1"), "livechat_solution_organization.test", plancheck.ResourceActionDestroyBeforeCreate,
				changeOutOfBand(t, "solution_organization", func() string { return id }, `{"organization_name": "`+name+` renamed in the app"}`)),
			// The managed organization deleted out of band is planned again.
			driftStep(testOrganizationConfig(name+"-2", "us-south1"), "livechat_solution_organization.test", plancheck.ResourceActionCreate, deleted),
			deleted.needs(resource.TestStep{
				// Recreate it so that destroy has something to forget.
				Config: testOrganizationConfig(name+"-3", "us-south1"),
				Check:  stateAttr("livechat_solution_organization.test", "id", &id),
			}),
		},
	})
}

func TestAccSolutionOrganization_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testOrganizationConfig("x", "us-east1"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)data_center.*value must be one of`)},
			{Config: `resource "livechat_solution_organization" "x" {
  organization_name = "ACME"
  client_name       = "John Doe"
  client_email      = "john"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)client_email.*must be an e-mail address`)},
			{
				Config: testOrganizationConfig("x", "us-south1"), ResourceName: "livechat_solution_organization.test", ImportState: true, ImportStateId: "acme",
				ExpectError: regexp.MustCompile(`imported by its UUID`),
			},
		},
	})
}

// The import marker lasts until the first apply: after an import and an in-place update (here of
// the timeouts), an identifier (not readable) added later replaces the organization as documented.
func TestAccSolutionOrganization_importMarkerCleared(t *testing.T) {
	needPartnerSolutions(t, false)
	name := randomName("tf-org")
	var id string
	config := func(extra string) string {
		return fmt.Sprintf(`
resource "livechat_solution_organization" "test" {
  organization_name = %q
  client_name       = "John Doe"
  client_email      = "john@example.com"
%s
}
`, name, extra)
	}
	const timeouts = "  timeouts {\n    read = \"1m\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(""), Check: stateAttr("livechat_solution_organization.test", "id", &id)},
			{
				// Out of the state, still in the API: the next step imports it.
				Config: forgetConfig("livechat_solution_organization.test"),
			},
			{
				Config:             config(""),
				ResourceName:       "livechat_solution_organization.test",
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				Config: config(timeouts),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_organization.test", plancheck.ResourceActionUpdate),
				}},
			},
			{
				Config:             config(timeouts + "  identifier = \"" + name + "\"\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_solution_organization.test", plancheck.ResourceActionReplace),
				}},
			},
		},
	})
}
