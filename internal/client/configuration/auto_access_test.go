package configuration_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestAutoAccessWrites_Request(t *testing.T) {
	geo := configuration.AutoAccessConditions{Geolocation: &configuration.GeolocationCondition{
		Values: []configuration.Geolocation{{Country: "United States", CountryCode: "US"}},
	}}
	tests := []struct {
		name, action string
		do           func(context.Context, *configuration.Client) error
		want         string
	}{
		{"add at the end", "add_auto_access", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.AddAutoAccess(ctx, configuration.AutoAccessCreate{
				Access: configuration.AutoAccessAccess{Groups: []int64{1}},
				Conditions: configuration.AutoAccessConditions{Domain: &configuration.MatchCondition{
					Values: []configuration.MatchObject{{Value: "livechat.com", ExactMatch: true}, {Value: "text.com"}},
				}},
			})
			return err
		}, `{"access":{"groups":[1]},"conditions":{"domain":{"values":[{"value":"livechat.com","exact_match":true},{"value":"text.com","exact_match":false}]}}}`},
		{"add before a rule", "add_auto_access", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.AddAutoAccess(ctx, configuration.AutoAccessCreate{
				Description: "US", Access: configuration.AutoAccessAccess{}, Conditions: geo, NextID: "b",
			})
			return err
		}, `{"description":"US","access":{"groups":[]},"conditions":{"geolocation":{"values":[{"country":"United States","country_code":"US"}]}},"next_id":"b"}`},
		{"update fields only", "update_auto_access", func(ctx context.Context, c *configuration.Client) error {
			desc := ""
			return c.UpdateAutoAccess(ctx, configuration.AutoAccessUpdate{ID: "a", Description: &desc,
				Conditions: &configuration.AutoAccessConditions{URL: &configuration.MatchCondition{
					ExcludeValues: []configuration.MatchObject{{Value: "/careers"}},
				}}})
		}, `{"id":"a","description":"","conditions":{"url":{"exclude_values":[{"value":"/careers","exact_match":false}]}}}`},
		{"move to the end sends an empty next_id", "update_auto_access", func(ctx context.Context, c *configuration.Client) error {
			return c.MoveAutoAccess(ctx, "a", "")
		}, `{"id":"a","next_id":""}`},
		{"move before", "update_auto_access", func(ctx context.Context, c *configuration.Client) error {
			return c.MoveAutoAccess(ctx, "c", "b")
		}, `{"id":"c","next_id":"b"}`},
		{"delete", "delete_auto_access", func(ctx context.Context, c *configuration.Client) error {
			return c.DeleteAutoAccess(ctx, "a")
		}, `{"id":"a"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{tt.action: ok(`{"id":"new"}`), "list_auto_accesses": ok(`[]`)})
			if err := tt.do(t.Context(), api.client(client.Config{})); err != nil {
				t.Fatal(err)
			}
			assertBody(t, api.body(tt.action, 0), tt.want)
		})
	}
}

// The answer's order does not matter: rules come back in next_id order.
func TestListAutoAccesses_OrderAndCache(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_auto_accesses": ok(`[
		  {"id":"c","description":"C","access":{"groups":[0]},"conditions":{"url":{"values":[{"value":"x","exact_match":false}]}}},
		  {"id":"a","description":"A","access":{"groups":[0]},"conditions":{},"next_id":"b"},
		  {"id":"b","description":"B","access":{"groups":[0,1]},"conditions":{},"next_id":"c"}]`),
		"delete_auto_access": ok(`{}`),
	})
	c := api.client(client.Config{})
	ctx := t.Context()
	rules, err := c.ListAutoAccesses(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range rules {
		order = append(order, r.ID)
	}
	if !reflect.DeepEqual(order, []string{"a", "b", "c"}) {
		t.Fatalf("order %v", order)
	}
	if rules[2].Conditions.URL == nil || rules[2].Conditions.URL.Values[0].Value != "x" {
		t.Fatalf("conditions not decoded: %+v", rules[2])
	}
	if _, err := c.GetAutoAccess(ctx, "b", false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetAutoAccess(ctx, "zz", false); !client.IsNotFound(err) {
		t.Fatalf("missing rule: %v", err)
	}
	if n := api.count("list_auto_accesses"); n != 1 {
		t.Fatalf("%d list calls, want 1 (read cache)", n)
	}
	if err := c.DeleteAutoAccess(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListAutoAccesses(ctx, false); err != nil {
		t.Fatal(err)
	}
	if n := api.count("list_auto_accesses"); n != 2 {
		t.Fatalf("%d list calls, want 2 (a write invalidates)", n)
	}
}

func TestOrderAutoAccesses(t *testing.T) {
	rule := func(id, next string) configuration.AutoAccess { return configuration.AutoAccess{ID: id, NextID: next} }
	tests := []struct {
		name string
		in   []configuration.AutoAccess
		want []string
	}{
		{"empty", nil, nil},
		{"one chain reversed", []configuration.AutoAccess{rule("d", ""), rule("c", "d"), rule("b", "c"), rule("a", "b")}, []string{"a", "b", "c", "d"}},
		{"two chains", []configuration.AutoAccess{rule("x", ""), rule("a", "b"), rule("b", "")}, []string{"x", "a", "b"}},
		{"dangling next", []configuration.AutoAccess{rule("a", "gone"), rule("b", "")}, []string{"a", "b"}},
		{"cycle last", []configuration.AutoAccess{rule("p", "q"), rule("q", "p"), rule("z", "")}, []string{"z", "p", "q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range configuration.OrderAutoAccesses(tt.in) {
				got = append(got, r.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// After a dropped connection, a rule with the same content at the end of
// the list is the one the first attempt created: nothing is re-sent.
func TestAddAutoAccess_Recover(t *testing.T) {
	in := configuration.AutoAccessCreate{Description: "d", Access: configuration.AutoAccessAccess{Groups: []int64{2, 1}},
		Conditions: configuration.AutoAccessConditions{Domain: &configuration.MatchCondition{Values: []configuration.MatchObject{{Value: "a.com"}}}}}
	tests := []struct {
		name     string
		existing string // listed before the create
		list     string // listed after the unclear attempt
		wantID   string
		wantAdd  int
	}{
		{"found at the end", `[{"id":"old","description":"x","access":{"groups":[1]},"conditions":{}}]`,
			`[{"id":"old","description":"x","access":{"groups":[1]},"conditions":{},"next_id":"new"},
			{"id":"new","description":"d","access":{"groups":[1,2]},"conditions":{"domain":{"values":[{"value":"a.com","exact_match":false}]}}}]`, "new", 1},
		{"same content listed before is not adopted", `[{"id":"old","description":"d","access":{"groups":[1,2]},"conditions":{"domain":{"values":[{"value":"a.com","exact_match":false}]}}}]`,
			`[{"id":"old","description":"d","access":{"groups":[1,2]},"conditions":{"domain":{"values":[{"value":"a.com","exact_match":false}]}},"next_id":"z"},
			{"id":"z","description":"z","access":{"groups":[1]},"conditions":{}}]`, "resent", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{
				"add_auto_access":    sequence(drop(t), ok(`{"id":"resent"}`)),
				"list_auto_accesses": listed(tt.existing, tt.list),
			})
			id, err := api.client(client.Config{MaxRetries: 2}).AddAutoAccess(t.Context(), in)
			if err != nil {
				t.Fatal(err)
			}
			if id != tt.wantID || api.count("add_auto_access") != tt.wantAdd {
				t.Fatalf("id %q after %d adds, want %q after %d", id, api.count("add_auto_access"), tt.wantID, tt.wantAdd)
			}
		})
	}
}
