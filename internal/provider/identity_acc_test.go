package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccImportByIdentity imports resources with `identity = {...}` import blocks (Terraform
// 1.12 and later), taking the identities the creates stored: numeric (group), named (tag),
// composite (webhook, property, group property value). Each import must keep the identity and
// plan no change (but the webhook's secret, which the API never returns). TestAccQueryImportRoundTrip (internal/export) imports every type this way.
func TestAccImportByIdentity(t *testing.T) {
	name := randomName("tf-acc-identity")
	owner := randomName("tf-acc-identity-owner")
	cfg := fmt.Sprintf(`
resource "livechat_group" "g" {
  name = %[1]q
}

resource "livechat_tag" "t" {
  name      = %[1]q
  group_ids = [livechat_group.g.id]
}

resource "livechat_webhook" "w" {
  owner_client_id = %[2]q
  url             = "https://example.com/%[1]s"
  action          = "incoming_event"
  type            = "license"
  secret_key      = "identity-secret"
}

resource "livechat_property" "p" {
  owner_client_id = %[2]q
  name            = "identity_flag"
  type            = "bool"
  access = {
    group = { agent = ["read", "write"] }
  }
}

resource "livechat_group_property" "v" {
  group_id   = livechat_group.g.id
  namespace  = livechat_property.p.owner_client_id
  name       = livechat_property.p.name
  value_bool = true
}
`, name, owner)
	steps := []resource.TestStep{{Config: cfg}}
	for _, addr := range []string{"livechat_group.g", "livechat_tag.t", "livechat_webhook.w", "livechat_property.p", "livechat_group_property.v"} {
		steps = append(steps, resource.TestStep{
			Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
			// The API never returns a webhook's secret_key: the import plans to record it.
			ExpectNonEmptyPlan: addr == "livechat_webhook.w",
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}
