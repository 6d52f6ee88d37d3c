package provider

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGroupsDataSource_basic(t *testing.T) {
	group := randomName("tf-ds-groups")
	config := fmt.Sprintf(`
resource "livechat_group" "test" {
  name          = %q
  language_code = "fr"
}

data "livechat_groups" "all" {
  depends_on = [livechat_group.test]
}
`, group)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_groups.all", tfjsonpath.New("groups"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(0), "name": knownvalue.StringExact(generalGroupName(t))}),
					})),
					statecheck.ExpectKnownValue("data.livechat_groups.all", tfjsonpath.New("groups"), listWith(knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":               knownvalue.NotNull(),
						"name":             knownvalue.StringExact(group),
						"language_code":    knownvalue.StringExact("fr"),
						"agent_priorities": knownvalue.MapSizeExact(0),
						"routing_status":   knownvalue.StringExact("offline"),
					}))),
					statecheck.CompareValueCollection("data.livechat_groups.all", []tfjsonpath.Path{tfjsonpath.New("groups"), tfjsonpath.New("id")},
						"livechat_group.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_groups.all", tfjsonpath.New("groups"), ascendingIDs{}),
				},
			},
		},
	})
}

// ascendingIDs passes for a list of objects whose numeric ids ascend.
type ascendingIDs struct{}

func (ascendingIDs) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	var prev int64 = -1
	for _, e := range list {
		obj, _ := e.(map[string]any)
		n, ok := obj["id"].(json.Number)
		if !ok {
			return fmt.Errorf("element %v has no numeric id", e)
		}
		id, err := n.Int64()
		if err != nil {
			return err
		}
		if id <= prev {
			return fmt.Errorf("ids not ascending: %d after %d", id, prev)
		}
		prev = id
	}
	return nil
}

func (ascendingIDs) String() string { return "objects with ascending ids" }
