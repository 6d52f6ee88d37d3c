package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func testAutoAccessConfig(group, body string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_auto_access" "test" {
%s
}
`, group, body)
}

func TestAccAutoAccess_lifecycle(t *testing.T) {
	group := randomName("tf-aa-group")
	description := group + ": chats on livechat.com from the US"
	created := `
  description = "` + description + `"
  access = {
    groups = [livechat_group.test.id]
  }
  conditions = {
    domain = {
      values = [{ value = "livechat.com", exact_match = true }]
    }
    geolocation = {
      values = [{ country = "United States", country_code = "US" }, { city = "Warsaw" }]
    }
  }`
	updated := `
  description = "` + group + `"
  access = {
    groups = [0, livechat_group.test.id]
  }
  conditions = {
    url = {
      exclude_values = [{ value = "/careers" }, { value = "https://example.com/jobs", exact_match = true }]
    }
  }`
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_auto_access", autoAccessExists),
		Steps: []resource.TestStep{
			{
				Config: testAutoAccessConfig(group, created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{32}$`))),
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("description"), knownvalue.StringExact(description)),
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("conditions"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url": knownvalue.Null(),
						"domain": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"values": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
								"value": knownvalue.StringExact("livechat.com"), "exact_match": knownvalue.Bool(true),
							})}),
							"exclude_values": knownvalue.Null(),
						}),
						"geolocation": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"values": knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{
									"country": knownvalue.StringExact("United States"), "country_code": knownvalue.StringExact("US"),
									"region": knownvalue.Null(), "city": knownvalue.Null(),
								}),
								knownvalue.ObjectExact(map[string]knownvalue.Check{
									"country": knownvalue.Null(), "country_code": knownvalue.Null(),
									"region": knownvalue.Null(), "city": knownvalue.StringExact("Warsaw"),
								}),
							}),
						}),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_auto_access.test", "id", &id),
					func(*terraform.State) error {
						r := fromAPI(t, func(ctx context.Context) (*configuration.AutoAccess, error) {
							return acc.api.config.GetAutoAccess(ctx, id, true)
						})
						if r.Conditions.Domain == nil || !r.Conditions.Domain.Values[0].ExactMatch || len(r.Access.Groups) != 1 {
							return fmt.Errorf("the API has %+v", r)
						}
						return nil
					},
				),
			},
			{
				Config:           testAutoAccessConfig(group, created),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testAutoAccessConfig(group, updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_auto_access.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("description"), knownvalue.StringExact(group)),
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("access").AtMapKey("groups"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("conditions").AtMapKey("url").AtMapKey("exclude_values"),
						knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"value": knownvalue.StringExact("/careers"), "exact_match": knownvalue.Bool(false)}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{"value": knownvalue.StringExact("https://example.com/jobs"), "exact_match": knownvalue.Bool(true)}),
						})),
					statecheck.ExpectKnownValue("livechat_auto_access.test", tfjsonpath.New("conditions").AtMapKey("domain"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            "livechat_auto_access.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, notReadBack("conditions")...),
			},
			driftStep(testAutoAccessConfig(group, updated), "livechat_auto_access.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "auto_access", func() string { return id }, `{"description":"`+group+` changed in the app"}`)),
			driftStep(testAutoAccessConfig(group, updated), "livechat_auto_access.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "auto_access", func() string { return id })),
		},
	})
}

// ruleOrderIs checks that the API lists the rules of the named resources in that relative
// order.
func ruleOrderIs(t *testing.T, names ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var want []string
		for _, n := range names {
			rs, ok := s.RootModule().Resources["livechat_auto_access."+n]
			if !ok {
				return fmt.Errorf("livechat_auto_access.%s not in state", n)
			}
			want = append(want, rs.Primary.ID)
		}
		var got []string
		rules := fromAPI(t, func(ctx context.Context) ([]configuration.AutoAccess, error) {
			return acc.api.config.ListAutoAccesses(ctx, true)
		})
		for _, r := range rules {
			if slices.Contains(want, r.ID) {
				got = append(got, r.ID)
			}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("API order %v, want %v (%s)", got, want, strings.Join(names, ", "))
		}
		return nil
	}
}

func testAutoAccessOrderConfig(prefix string, rules []string, order string) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, `
resource "livechat_auto_access" %q {
  description = "%s-%s"
  access      = { groups = [0] }
  conditions = {
    url = { values = [{ value = "/%s" }] }
  }
}
`, r, prefix, r, r)
	}
	fmt.Fprintf(&b, `
resource "livechat_auto_access_order" "test" {
  ids = [%s]
}
`, order)
	return b.String()
}

func ruleRefs(names ...string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "livechat_auto_access." + n + ".id"
	}
	return strings.Join(out, ", ")
}

// Reorder, insert in the middle, delete in the middle, import, and an
// out-of-band reorder: each apply leaves the declared order on the server
// and an empty plan.
func TestAccAutoAccessOrder_lifecycle(t *testing.T) {
	prefix := randomName("tf-aa-order")
	var idB, idC, idD string
	idsOf := func(ps ...*string) func(*terraform.State) (string, error) {
		return func(*terraform.State) (string, error) {
			out := make([]string, len(ps))
			for i, p := range ps {
				out[i] = *p
			}
			return strings.Join(out, ","), nil
		}
	}
	orderAction := func(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_auto_access_order.test", a)}}
	}
	final := testAutoAccessOrderConfig(prefix, []string{"b", "c", "d"}, ruleRefs("c", "d", "b"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_auto_access", autoAccessExists),
		Steps: []resource.TestStep{
			{
				Config: testAutoAccessOrderConfig(prefix, []string{"a", "b", "c"}, ruleRefs("a", "b", "c")),
				Check:  ruleOrderIs(t, "a", "b", "c"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_auto_access_order.test", tfjsonpath.New("id"), knownvalue.StringExact("auto_access_order")),
					statecheck.ExpectKnownValue("livechat_auto_access_order.test", tfjsonpath.New("ids"), knownvalue.ListSizeExact(3)),
				},
			},
			{
				Config:           testAutoAccessOrderConfig(prefix, []string{"a", "b", "c"}, ruleRefs("a", "b", "c")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Reorder: only the order resource changes.
				Config:           testAutoAccessOrderConfig(prefix, []string{"a", "b", "c"}, ruleRefs("c", "a", "b")),
				ConfigPlanChecks: orderAction(plancheck.ResourceActionUpdate),
				Check:            ruleOrderIs(t, "c", "a", "b"),
			},
			{
				// Insert d in the middle.
				Config:           testAutoAccessOrderConfig(prefix, []string{"a", "b", "c", "d"}, ruleRefs("c", "d", "a", "b")),
				ConfigPlanChecks: orderAction(plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(
					ruleOrderIs(t, "c", "d", "a", "b"),
					stateAttr("livechat_auto_access.b", "id", &idB),
					stateAttr("livechat_auto_access.c", "id", &idC),
					stateAttr("livechat_auto_access.d", "id", &idD),
				),
			},
			{
				// Delete a, in the middle.
				Config:           final,
				ConfigPlanChecks: orderAction(plancheck.ResourceActionUpdate),
				Check:            ruleOrderIs(t, "c", "d", "b"),
			},
			{
				Config:           final,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            "livechat_auto_access_order.test",
				ImportState:             true,
				ImportStateIdFunc:       idsOf(&idC, &idD, &idB),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// A rule named twice, or one that does not exist, is refused at once.
				ResourceName:      "livechat_auto_access_order.test",
				ImportState:       true,
				ImportStateIdFunc: idsOf(&idC, &idD, &idC),
				ExpectError:       regexp.MustCompile(`appears\s+more\s+than\s+once`),
			},
			{
				ResourceName:  "livechat_auto_access_order.test",
				ImportState:   true,
				ImportStateId: "no-such-rule",
				ExpectError:   regexp.MustCompile(`Auto\s+access\s+"no-such-rule"\s+does\s+not\s+exist`),
			},
			{
				// "*" adopts every rule in its current order.
				ResourceName:  "livechat_auto_access_order.test",
				ImportState:   true,
				ImportStateId: "*",
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					n, _ := strconv.Atoi(states[0].Attributes["ids.#"])
					var all []string
					for i := range n {
						all = append(all, states[0].Attributes["ids."+strconv.Itoa(i)])
					}
					if got := relativeOrder(all, []string{idB, idC, idD}); !slices.Equal(got, []string{idC, idD, idB}) {
						return fmt.Errorf("imported ids %v", all)
					}
					return nil
				},
			},
			// Someone moves b to the front in the app: the plan puts it back.
			driftStep(final, "livechat_auto_access_order.test", plancheck.ResourceActionUpdate,
				moveRuleOutOfBand(t, func() string { return idB }, func() string { return idC })),
			{
				Config:           final,
				ConfigPlanChecks: orderAction(plancheck.ResourceActionUpdate),
				Check:            ruleOrderIs(t, "c", "d", "b"),
			},
			driftStep(final, "livechat_auto_access.d", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "auto_access", func() string { return idD })),
			{
				// The deleted rule is added again and put back in its place.
				Config: final,
				Check:  ruleOrderIs(t, "c", "d", "b"),
			},
		},
	})
}

func TestAccAutoAccess_validation(t *testing.T) {
	rule := func(body string) string {
		return `resource "livechat_auto_access" "x" {
  access = { groups = [0] }
` + body + "\n}"
	}
	steps := []struct{ config, want string }{
		{rule(`conditions = {}`), `(?s)conditions.*at\s+least\s+one\s+of:\s+url,\s+domain,\s+geolocation`},
		{rule(`conditions = { url = { values = [{ value = "a" }], exclude_values = [{ value = "b" }] } }`), `(?s)conditions.url.*exclude_values`},
		{rule(`conditions = { domain = {} }`), `(?s)No attribute specified when one \(and only one\) of`},
		{rule(`conditions = { domain = { values = [] } }`), `(?s)values.*at\s+least\s+1`},
		{rule(`conditions = { domain = { values = [{ value = "" }] } }`), `(?s)value.*length\s+must\s+be\s+at\s+least\s+1`},
		{rule(`conditions = { geolocation = { values = [{}] } }`), `(?s)at\s+least\s+one\s+of:\s+country,\s+country_code,\s+region,\s+city`},
		{`resource "livechat_auto_access" "x" {
  access     = { groups = [] }
  conditions = { domain = { values = [{ value = "a" }] } }
}`, `(?s)access.groups.*at\s+least\s+1`},
		{`resource "livechat_auto_access" "x" {
  access     = { groups = [-1] }
  conditions = { domain = { values = [{ value = "a" }] } }
}`, `(?s)access.groups.*at\s+least\s+0`},
		{`resource "livechat_auto_access_order" "x" {
  ids = ["a", "a"]
}`, `(?s)ids.*duplicate\s+values`},
		{`resource "livechat_auto_access_order" "x" {
  ids = []
}`, `(?s)ids.*at\s+least\s+1`},
	}
	var ts []resource.TestStep
	for _, s := range steps {
		ts = append(ts, resource.TestStep{Config: s.config, PlanOnly: true, ExpectError: regexp.MustCompile(s.want)})
	}
	ts = append(ts,
		resource.TestStep{
			Config:        `resource "livechat_auto_access_order" "x" { ids = ["a"] }`,
			ResourceName:  "livechat_auto_access_order.x",
			ImportState:   true,
			ImportStateId: "a,,b",
			ExpectError:   regexp.MustCompile(`(?s)rule\s+IDs\s+in\s+order,\s+separated\s+by`),
		},
		resource.TestStep{
			// Ordering a rule that does not exist fails with a message naming it.
			Config:      `resource "livechat_auto_access_order" "x" { ids = ["no-such-rule"] }`,
			ExpectError: regexp.MustCompile(`(?s)ids\[0\]:\s+auto\s+access\s+"no-such-rule"\s+does\s+not\s+exist`),
		},
	)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: ts})
}
