package configuration_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestPropertyWrites_Request(t *testing.T) {
	one, ten := int64(1), int64(10)
	tests := []struct {
		name   string
		action string
		do     func(context.Context, *configuration.Client) error
		want   string
	}{
		{"register minimal", "register_property", func(ctx context.Context, c *configuration.Client) error {
			return c.RegisterProperty(ctx, configuration.PropertyRegistration{
				Name: "p", OwnerClientID: "o", Type: "bool",
				Access: configuration.PropertyAccess{"chat": {"agent": {"read"}}},
			})
		}, `{"name":"p","owner_client_id":"o","type":"bool","access":{"chat":{"agent":["read"]}}}`},
		{"register full", "register_property", func(ctx context.Context, c *configuration.Client) error {
			return c.RegisterProperty(ctx, configuration.PropertyRegistration{
				Name: "p", OwnerClientID: "o", Type: "int", Description: "d",
				Access:       configuration.PropertyAccess{"license": {"agent": {"read", "write"}, "customer": {"read"}}},
				Range:        &configuration.PropertyRange{From: &one, To: &ten},
				DefaultValue: json.RawMessage(`5`),
			})
		}, `{"name":"p","owner_client_id":"o","type":"int","description":"d","access":{"license":{"agent":["read","write"],"customer":["read"]}},"range":{"from":1,"to":10},"default_value":5}`},
		{"register domain and open range", "register_property", func(ctx context.Context, c *configuration.Client) error {
			return c.RegisterProperty(ctx, configuration.PropertyRegistration{
				Name: "p", OwnerClientID: "o", Type: "string",
				Access: configuration.PropertyAccess{"group": {"agent": {"read"}}},
				Domain: []json.RawMessage{json.RawMessage(`"a"`), json.RawMessage(`"b"`)},
			})
		}, `{"name":"p","owner_client_id":"o","type":"string","access":{"group":{"agent":["read"]}},"domain":["a","b"]}`},
		{"unregister", "unregister_property", func(ctx context.Context, c *configuration.Client) error {
			return c.UnregisterProperty(ctx, "o", "p")
		}, `{"name":"p","owner_client_id":"o"}`},
		{"publish", "publish_property", func(ctx context.Context, c *configuration.Client) error {
			return c.PublishProperty(ctx, "o", "p", []string{"read"})
		}, `{"name":"p","owner_client_id":"o","access_type":["read"]}`},
		{"update license", "update_license_properties", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateLicenseProperties(ctx, configuration.PropertyValues{"o": {"p": json.RawMessage(`"v"`)}})
		}, `{"properties":{"o":{"p":"v"}}}`},
		{"delete license", "delete_license_properties", func(ctx context.Context, c *configuration.Client) error {
			return c.DeleteLicenseProperties(ctx, map[string][]string{"o": {"p"}})
		}, `{"properties":{"o":["p"]}}`},
		{"update group uses group_id", "update_group_properties", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateGroupProperties(ctx, 3, configuration.PropertyValues{"o": {"p": json.RawMessage(`true`)}})
		}, `{"group_id":3,"properties":{"o":{"p":true}}}`},
		{"delete group uses id", "delete_group_properties", func(ctx context.Context, c *configuration.Client) error {
			return c.DeleteGroupProperties(ctx, 3, map[string][]string{"o": {"p"}})
		}, `{"id":3,"properties":{"o":["p"]}}`},
		{"query license without filters", "list_license_properties", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.QueryLicenseProperties(ctx, "", "")
			return err
		}, `{}`},
		{"query license with filters", "list_license_properties", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.QueryLicenseProperties(ctx, "o", "str")
			return err
		}, `{"namespace":"o","name_prefix":"str"}`},
		{"query groups: all groups", "list_groups_properties", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.QueryGroupsProperties(ctx, nil, "", "")
			return err
		}, `{"group_ids":[]}`},
		{"query groups with filters", "list_groups_properties", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.QueryGroupsProperties(ctx, []int64{0, 1}, "a", "b")
			return err
		}, `{"group_ids":[0,1],"namespace":"a","name_prefix":"b"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{tt.action: ok(`{}`)})
			if tt.action == "register_property" { // what exists is noted before a register
				api.handlers["list_properties"] = ok(`{}`)
			}
			if tt.action == "list_groups_properties" {
				api.handlers[tt.action] = ok(`[]`)
			}
			if err := tt.do(t.Context(), api.client(client.Config{})); err != nil {
				t.Fatal(err)
			}
			assertBody(t, api.body(tt.action, 0), tt.want)
		})
	}
}

// The List Properties example, plus a domain and a default value.
const propertyList = `{
	"string_property": {"type":"string","description":"","access":{"thread":{"agent":["read","write"],"customer":["read"]},"chat":{"agent":["write"],"customer":["read","write"]}},"public_access":["read"]},
	"tier": {"type":"string","description":"d","access":{"license":{"agent":["read"]}},"public_access":[],"domain":["a","b"],"default_value":"a"}}`

func TestListProperties_Decode(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"list_properties": ok(propertyList)})
	c := api.client(client.Config{})
	p, err := c.GetProperty(t.Context(), "o", "string_property", false)
	if err != nil {
		t.Fatal(err)
	}
	want := &configuration.Property{
		Name: "string_property", Type: "string",
		Access: configuration.PropertyAccess{
			"thread": {"agent": {"read", "write"}, "customer": {"read"}},
			"chat":   {"agent": {"write"}, "customer": {"read", "write"}},
		},
		PublicAccess: []string{"read"},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("property = %+v", p)
	}
	tier, err := c.GetProperty(t.Context(), "o", "tier", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(tier.Domain) != 2 || string(tier.Domain[1]) != `"b"` || string(tier.DefaultValue) != `"a"` || tier.Range != nil {
		t.Errorf("tier = %+v", tier)
	}
	if _, err := c.GetProperty(t.Context(), "o", "missing", false); !client.IsNotFound(err) {
		t.Errorf("missing property: %v, want not found", err)
	}
	assertBody(t, api.body("list_properties", 0), `{"owner_client_id":"o"}`)
	if n := api.count("list_properties"); n != 1 {
		t.Errorf("%d list_properties calls, want 1 (read cache)", n)
	}
}

func TestPropertyReadCache(t *testing.T) {
	tests := []struct {
		name    string
		between func(context.Context, *configuration.Client) error
		// list calls after: read, between, read (for the properties of owner o, the license
		// values of namespace o, and the values of group 1)
		want [3]int
	}{
		{"nothing", func(context.Context, *configuration.Client) error { return nil }, [3]int{1, 1, 1}},
		// A register first lists the owner's properties (fresh: coalescing is off) to note what exists.
		{"register invalidates the owner's definitions", func(ctx context.Context, c *configuration.Client) error {
			return c.RegisterProperty(ctx, configuration.PropertyRegistration{Name: "n", OwnerClientID: "o", Type: "bool"})
		}, [3]int{3, 1, 1}},
		{"another owner's register does not", func(ctx context.Context, c *configuration.Client) error {
			return c.RegisterProperty(ctx, configuration.PropertyRegistration{Name: "n", OwnerClientID: "x", Type: "bool"})
		}, [3]int{2, 1, 1}},
		{"publish", func(ctx context.Context, c *configuration.Client) error {
			return c.PublishProperty(ctx, "o", "p", []string{"read"})
		}, [3]int{2, 1, 1}},
		{"unregister drops definitions and values", func(ctx context.Context, c *configuration.Client) error { return c.UnregisterProperty(ctx, "o", "p") }, [3]int{2, 2, 2}},
		{"license update of the namespace", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateLicenseProperties(ctx, configuration.PropertyValues{"o": {"p": json.RawMessage(`1`)}})
		}, [3]int{1, 2, 1}},
		{"license update of another namespace", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateLicenseProperties(ctx, configuration.PropertyValues{"x": {"p": json.RawMessage(`1`)}})
		}, [3]int{1, 1, 1}},
		{"license delete", func(ctx context.Context, c *configuration.Client) error {
			return c.DeleteLicenseProperties(ctx, map[string][]string{"o": {"p"}})
		}, [3]int{1, 2, 1}},
		{"group update of the group", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateGroupProperties(ctx, 1, configuration.PropertyValues{"o": {"p": json.RawMessage(`1`)}})
		}, [3]int{1, 1, 2}},
		{"group update of another group", func(ctx context.Context, c *configuration.Client) error {
			return c.UpdateGroupProperties(ctx, 2, configuration.PropertyValues{"o": {"p": json.RawMessage(`1`)}})
		}, [3]int{1, 1, 1}},
		{"group delete", func(ctx context.Context, c *configuration.Client) error {
			return c.DeleteGroupProperties(ctx, 1, map[string][]string{"o": {"p"}})
		}, [3]int{1, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{
				"list_properties":           ok(propertyList),
				"list_license_properties":   ok(`{"o":{"p":1}}`),
				"list_groups_properties":    ok(`[{"id":1,"properties":{"o":{"p":2}}}]`),
				"register_property":         ok(`{}`),
				"publish_property":          ok(`{}`),
				"unregister_property":       ok(`{}`),
				"update_license_properties": ok(`{}`),
				"delete_license_properties": ok(`{}`),
				"update_group_properties":   ok(`{}`),
				"delete_group_properties":   ok(`{}`),
			})
			c := api.client(client.Config{})
			ctx := t.Context()
			read := func() {
				t.Helper()
				if _, err := c.ListProperties(ctx, "o", false); err != nil {
					t.Fatal(err)
				}
				lic, err := c.LicenseProperties(ctx, "o", false)
				if err != nil {
					t.Fatal(err)
				}
				if v, ok := lic.Get("o", "p"); !ok || string(v) != "1" {
					t.Fatalf("license value %s %v", v, ok)
				}
				grp, err := c.GroupProperties(ctx, 1, false)
				if err != nil {
					t.Fatal(err)
				}
				if v, ok := grp.Get("o", "p"); !ok || string(v) != "2" {
					t.Fatalf("group value %s %v", v, ok)
				}
			}
			read()
			if err := tt.between(ctx, c); err != nil {
				t.Fatal(err)
			}
			read()
			got := [3]int{api.count("list_properties"), api.count("list_license_properties"), api.count("list_groups_properties")}
			if got != tt.want {
				t.Errorf("list calls (properties, license, groups) = %v, want %v", got, tt.want)
			}
			assertBody(t, api.body("list_license_properties", 0), `{"namespace":"o"}`)
			assertBody(t, api.body("list_groups_properties", 0), `{"group_ids":[1]}`)
		})
	}
}

func TestGroupProperties_MissingGroup(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"list_groups_properties": apiError(404, "group_not_found")})
	c := api.client(client.Config{})
	if _, err := c.GroupProperties(t.Context(), 7, false); !client.IsNotFound(err) {
		t.Errorf("error = %v, want not found", err)
	}
}

func TestRegisterProperty_AmbiguousFailureLooksUpFreshList(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"register_property": drop(t),
		"list_properties":   sequence(ok(`{}`), ok(`{}`), ok(propertyList)),
	})
	c := api.client(client.Config{MaxRetries: 3})
	// Warm the cache with a list that lacks the property: the look-up must not use it.
	if _, err := c.ListProperties(t.Context(), "o", false); err != nil {
		t.Fatal(err)
	}
	err := c.RegisterProperty(t.Context(), configuration.PropertyRegistration{Name: "tier", OwnerClientID: "o", Type: "string"})
	if err != nil {
		t.Fatalf("RegisterProperty: %v", err)
	}
	// Coalescing is off: the name is looked up fresh before the register, too.
	if got, want := api.actions(), []string{"list_properties", "list_properties", "register_property", "list_properties"}; !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %v, want %v", got, want)
	}
	if got := c.Core().Stats().Recovered; got != 1 {
		t.Errorf("Stats().Recovered = %d, want 1", got)
	}
}
