package provider

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The data source lists the rules in list order, each with its content and
// next_id; other tests' rules may be listed too.
func TestAccAutoAccessesDataSource(t *testing.T) {
	prefix := randomName("tf-ds-aa")
	config := fmt.Sprintf(`
resource "livechat_auto_access" "first" {
  description = "%[1]s-first"
  access      = { groups = [0] }
  conditions = {
    geolocation = { values = [{ country_code = "PL", city = "Gdansk" }] }
  }
}

resource "livechat_auto_access" "second" {
  description = "%[1]s-second"
  access      = { groups = [0] }
  conditions = {
    domain = { exclude_values = [{ value = "example.org", exact_match = true }] }
  }
}

resource "livechat_auto_access_order" "test" {
  ids = [livechat_auto_access.second.id, livechat_auto_access.first.id]
}

data "livechat_auto_accesses" "all" {
  depends_on = [livechat_auto_access_order.test]
}
`, prefix)
	check := func(s *terraform.State) error {
		ds := s.RootModule().Resources["data.livechat_auto_accesses.all"].Primary.Attributes
		first := s.RootModule().Resources["livechat_auto_access.first"].Primary.ID
		second := s.RootModule().Resources["livechat_auto_access.second"].Primary.ID
		n, _ := strconv.Atoi(ds["ids.#"])
		var order []string
		for i := range n {
			order = append(order, ds["ids."+strconv.Itoa(i)])
		}
		if got := relativeOrder(order, []string{first, second}); !slices.Equal(got, []string{second, first}) {
			return fmt.Errorf("ids %v: want %s before %s", order, second, first)
		}
		i := slices.Index(order, second)
		item := func(k string) string { return ds[fmt.Sprintf("auto_accesses.%d.%s", i, k)] }
		want := map[string]string{
			"id": second, "description": prefix + "-second", "access.groups.#": "1", "access.groups.0": "0",
			"conditions.domain.exclude_values.0.value": "example.org", "conditions.domain.exclude_values.0.exact_match": "true",
		}
		for k, v := range want {
			if item(k) != v {
				return fmt.Errorf("auto_accesses[%d].%s = %q, want %q", i, k, item(k), v)
			}
		}
		if next := item("next_id"); i+1 < n && next != order[i+1] {
			return fmt.Errorf("next_id %q, want %q", next, order[i+1])
		}
		j := slices.Index(order, first)
		geo := func(k string) string {
			return ds[fmt.Sprintf("auto_accesses.%d.conditions.geolocation.values.0.%s", j, k)]
		}
		if geo("country_code") != "PL" || geo("city") != "Gdansk" {
			return fmt.Errorf("geolocation of the first rule: %q %q", geo("country_code"), geo("city"))
		}
		if _, set := ds[fmt.Sprintf("auto_accesses.%d.conditions.geolocation.values.0.country", j)]; set && geo("country") != "" {
			return fmt.Errorf("country %q, want null", geo("country"))
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_auto_access", autoAccessExists),
		Steps:                    []resource.TestStep{{Config: config, Check: check}},
	})
}
