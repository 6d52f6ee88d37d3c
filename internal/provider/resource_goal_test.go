package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

func testGoalConfig(body string) string {
	return fmt.Sprintf("resource \"livechat_goal\" \"test\" {\n%s\n}\n", body)
}

func TestAccGoal_lifecycle(t *testing.T) {
	name := randomName("tf-goal")
	var id string
	const res = "livechat_goal.test"
	urlGoal := testGoalConfig(fmt.Sprintf(`  name = %q
  type = "url"
  url  = "https://shop.example.com/checkout/thank_you"`, name))
	salesGoal := testGoalConfig(fmt.Sprintf(`  name       = %q
  type       = "sales_tracker"
  value_type = "set"
  value      = "199.00"
  currency   = "USD"`, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_goal", goalExists),
		Steps: []resource.TestStep{
			{
				Config: urlGoal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("active"), knownvalue.Bool(true)),
					// The API's default.
					statecheck.ExpectKnownValue(res, tfjsonpath.New("match_type"), knownvalue.StringExact("substring")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("custom_variable_name"), knownvalue.Null()),
				},
				Check: stateAttr(res, "id", &id),
			},
			{
				Config: urlGoal,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The type changes in place.
				Config: testGoalConfig(fmt.Sprintf(`  name                  = %q
  type                  = "custom_variable"
  active                = false
  custom_variable_name  = "cart_value"
  custom_variable_value = "high"`, name+"-renamed")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("type"), knownvalue.StringExact("custom_variable")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("url"), knownvalue.Null()),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("match_type"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            res,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config: salesGoal,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("value"), knownvalue.StringExact("199.00")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("order_field_name"), knownvalue.Null()),
				},
			},
			{
				// A parameter dropped from the configuration is cleared (sent as ""), the unset ones not sent.
				Config: testGoalConfig(fmt.Sprintf(`  name       = %q
  type       = "sales_tracker"
  value_type = "dynamic"
  currency   = "USD"`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("value"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					n, _ := strconv.ParseInt(id, 10, 64)
					g := fromAPI(t, func(ctx context.Context) (*legacy.Goal, error) { return acc.api.legacy.GetGoal(ctx, n) })
					if g.Value != "" || g.ValueType != "dynamic" {
						return fmt.Errorf("goal %+v: want the value cleared", g)
					}
					return nil
				},
			},
			// The goal list has no sales tracker parameters: the refresh (default settings) sees them change.
			driftStep(salesGoal, res, plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "goal", func() string { return id }, `{"value": "249.00"}`)),
			driftStep(salesGoal, res, plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "goal", func() string { return id }, `{"value": "199.00", "active": false}`)),
			driftStep(salesGoal, res, plancheck.ResourceActionCreate, deleteOutOfBand(t, "goal", func() string { return id })),
		},
	})
}

func TestAccGoal_validation(t *testing.T) {
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{Config: testGoalConfig(body), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			step(`  name = "g"
  type = "page"`, `(?s)type.*value must be one of`),
			step(`  name = "g"
  type = "url"`, `(?s)Missing required attribute.*type "url" needs url`),
			step(`  name                 = "g"
  type                 = "custom_variable"
  custom_variable_name = "a"`, `(?s)needs\s+custom_variable_value`),
			step(`  name = "g"
  type = "api"
  url  = "https://example.com"`, `(?s)url applies only to goals of\s+type url`),
			step(`  name       = "g"
  type       = "url"
  url        = "x"
  match_type = "regex"`, `(?s)match_type.*value must be one of`),
			step(`  name       = "g"
  type       = "sales_tracker"
  value_type = "fixed"`, `(?s)value_type.*value must be one of`),
			step(`  name  = "g"
  type  = "sales_tracker"
  value = "1,99"`, `(?s)value.*must be an amount`),
			step(`  name = ""
  type = "api"`, `(?s)name.*must not be empty`),
		},
	})
}
