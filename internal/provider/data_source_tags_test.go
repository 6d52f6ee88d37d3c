package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Tags -a (in the new group and group 0), -b (in the new group) and -c (in
// group 0), read through the filters.
func TestAccTagsDataSource_filters(t *testing.T) {
	group, prefix := randomName("tf-ds-tags"), randomName("tf-ds-tag")
	a, b, c := prefix+"-a", prefix+"-b", prefix+"-c"
	config := fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_tag" "b" {
  name      = %q
  group_ids = [livechat_group.test.id]
}

resource "livechat_tag" "a" {
  name      = %q
  group_ids = [livechat_group.test.id, 0]
}

resource "livechat_tag" "c" {
  name      = %q
  group_ids = [0]
}

data "livechat_tags" "in_group" {
  group_ids  = [livechat_group.test.id]
  depends_on = [livechat_tag.a, livechat_tag.b, livechat_tag.c]
}

data "livechat_tags" "by_prefix" {
  name_prefix = %q
  depends_on  = [livechat_tag.a, livechat_tag.b, livechat_tag.c]
}

data "livechat_tags" "general_by_prefix" {
  group_ids   = [0]
  name_prefix = %q
  depends_on  = [livechat_tag.a, livechat_tag.b, livechat_tag.c]
}

data "livechat_tags" "all" {
  depends_on = [livechat_tag.a, livechat_tag.b, livechat_tag.c]
}
`, group, b, a, c, prefix, prefix)
	names := func(names ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, 0, len(names))
		for _, n := range names {
			checks = append(checks, knownvalue.StringExact(n))
		}
		return knownvalue.ListExact(checks)
	}
	rfc3339 := knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_tags.in_group", tfjsonpath.New("names"), names(a, b)),
					statecheck.ExpectKnownValue("data.livechat_tags.in_group", tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(a), "group_ids": knownvalue.SetSizeExact(2),
							"author_id": knownvalue.NotNull(), "created_at": rfc3339,
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(b), "group_ids": knownvalue.SetSizeExact(1),
							"author_id": knownvalue.NotNull(), "created_at": rfc3339,
						}),
					})),
					statecheck.CompareValuePairs("data.livechat_tags.in_group", tfjsonpath.New("tags").AtSliceIndex(1).AtMapKey("group_ids"),
						"livechat_tag.b", tfjsonpath.New("group_ids"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_tags.by_prefix", tfjsonpath.New("names"), names(a, b, c)),
					statecheck.ExpectKnownValue("data.livechat_tags.general_by_prefix", tfjsonpath.New("names"), names(a, c)),
					statecheck.ExpectKnownValue("data.livechat_tags.all", tfjsonpath.New("names"), listWith(knownvalue.StringExact(c))),
					statecheck.ExpectKnownValue("data.livechat_tags.all", tfjsonpath.New("names"), sortedStrings{}),
				},
			},
			{
				// The same configuration again: its refresh reads the created_at the create left to it.
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.livechat_tags.in_group", tfjsonpath.New("tags").AtSliceIndex(0).AtMapKey("created_at"),
						"livechat_tag.a", tfjsonpath.New("created_at"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccTagsDataSource_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_tags" "bad" { group_ids = [-1] }`,
				ExpectError: regexp.MustCompile(`(?s)group_ids.*value must be at least 0`),
				PlanOnly:    true,
			},
			{
				Config:      `data "livechat_tags" "bad" { name_prefix = "" }`,
				ExpectError: regexp.MustCompile(`(?s)Attribute name_prefix string length must be at least 1`),
				PlanOnly:    true,
			},
		},
	})
}
