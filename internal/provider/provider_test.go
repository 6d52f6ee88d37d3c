package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The harness (endpoint, credentials, out-of-band changes, lookups) is in acc_*_test.go.

// forgetConfig is a removed block (Terraform 1.7+): address leaves the state, the object stays in
// the API for a later step to import.
func forgetConfig(address string) string {
	return fmt.Sprintf(`
removed {
  from = %s
  lifecycle {
    destroy = false
  }
}
`, address)
}

// afterPlan runs outOfBand between the plan and the apply of a step (a PreApply plan check), as
// a change made while a saved plan (terraform plan -out) waits to be applied: the apply's waits
// must not wait for what the plan did not change.
type afterPlan func()

func (f afterPlan) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}

// stateAttr captures an attribute of a resource from the state, so later
// steps (drift, import) can use server-assigned ids.
func stateAttr(name, attr string, into *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		*into = rs.Primary.Attributes[attr]
		return nil
	}
}
