package configuration_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestCreateGroup_Request(t *testing.T) {
	tests := []struct {
		name string
		in   configuration.GroupCreate
		want string
	}{
		{"nil agent priorities sent as {}", configuration.GroupCreate{Name: "Sales"}, `{"name":"Sales","agent_priorities":{}}`},
		{"with members and language", configuration.GroupCreate{Name: "Sales", LanguageCode: "pl", AgentPriorities: map[string]string{"a@x": "normal"}},
			`{"name":"Sales","language_code":"pl","agent_priorities":{"a@x":"normal"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{"create_group": ok(`{"id":42}`), "list_groups": ok(`[]`)})
			id, err := api.client(client.Config{}).CreateGroup(t.Context(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if id != 42 {
				t.Errorf("id = %d, want 42", id)
			}
			assertBody(t, api.body("create_group", 0), tt.want)
		})
	}
}

func TestUpdateGroup_SendsOnlyNonNilFields(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"update_group": ok(``)})
	c := api.client(client.Config{})
	if err := c.UpdateGroup(t.Context(), configuration.GroupUpdate{ID: 3, Name: ptr("Support")}); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateGroup(t.Context(), configuration.GroupUpdate{ID: 0, AgentPriorities: &map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("update_group", 0), `{"id":3,"name":"Support"}`)
	assertBody(t, api.body("update_group", 1), `{"id":0,"agent_priorities":{}}`)
}

func TestGetAndListGroups(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"get_group":   ok(`{"id":1,"name":"G","language_code":"en","routing_status":"offline"}`),
		"list_groups": ok(`[{"id":0,"name":"General","agent_priorities":{"o@x":"normal"}},{"id":1,"name":"G"}]`),
	})
	c := api.client(client.Config{})
	g, err := c.GetGroup(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	want := &configuration.Group{ID: 1, Name: "G", LanguageCode: "en", RoutingStatus: "offline", AgentPriorities: map[string]string{}}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("group = %+v, want %+v", g, want)
	}
	groups, err := c.ListGroups(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].AgentPriorities["o@x"] != "normal" || groups[1].AgentPriorities == nil {
		t.Errorf("groups = %+v", groups)
	}
	for _, action := range []string{"get_group", "list_groups"} {
		sameStrings(t, api.body(action, 0)["fields"], []any{"agent_priorities", "routing_status"})
	}
	if api.body("get_group", 0)["id"] != float64(1) {
		t.Errorf("get_group body = %v", api.body("get_group", 0))
	}
}

// Group names are not unique, so an ambiguous create_group is resolved by
// adopting the newest group with the same name (and the same members).
func TestCreateGroup_AmbiguousFailure(t *testing.T) {
	// Before the create: General and a Sales group of someone else's (5).
	const existing = `[
		{"id":0,"name":"General","agent_priorities":{}},
		{"id":5,"name":"Sales","agent_priorities":{}}
	]`
	const groups = `[
		{"id":0,"name":"General","agent_priorities":{}},
		{"id":7,"name":"Sales","agent_priorities":{}},
		{"id":5,"name":"Sales","agent_priorities":{}},
		{"id":9,"name":"Support","agent_priorities":{}}
	]`
	tests := []struct {
		name          string
		create        actionHandler
		listGroups    actionHandler
		in            configuration.GroupCreate
		wantID        int64
		wantCalls     []string
		wantRecovered int64
	}{
		{
			name:          "500: the new same-name group adopted, not the one listed before",
			create:        apiError(http.StatusInternalServerError, "internal"),
			listGroups:    listed(existing, groups),
			in:            configuration.GroupCreate{Name: "Sales"},
			wantID:        7,
			wantCalls:     []string{"list_groups", "create_group", "list_groups"},
			wantRecovered: 1,
		},
		{
			name:          "dropped connection: adopted",
			create:        drop(t),
			listGroups:    listed(existing, groups),
			in:            configuration.GroupCreate{Name: "Support"},
			wantID:        9,
			wantCalls:     []string{"list_groups", "create_group", "list_groups"},
			wantRecovered: 1,
		},
		{
			name:       "500 and no such group: re-sent",
			create:     sequence(apiError(http.StatusServiceUnavailable, "internal"), ok(`{"id":11}`)),
			listGroups: listed(existing, groups),
			in:         configuration.GroupCreate{Name: "Marketing"},
			wantID:     11,
			wantCalls:  []string{"list_groups", "create_group", "list_groups", "create_group"},
		},
		{
			name:       "only a group listed before has the name: not adopted, re-sent",
			create:     sequence(apiError(http.StatusServiceUnavailable, "internal"), ok(`{"id":13}`)),
			listGroups: ok(existing),
			in:         configuration.GroupCreate{Name: "Sales"},
			wantID:     13,
			wantCalls:  []string{"list_groups", "create_group", "list_groups", "create_group"},
		},
		{
			name:       "same name, other members: not adopted",
			create:     sequence(apiError(http.StatusBadGateway, "internal"), ok(`{"id":12}`)),
			listGroups: listed(existing, groups),
			in:         configuration.GroupCreate{Name: "Sales", AgentPriorities: map[string]string{"a@x": "first"}},
			wantID:     12,
			wantCalls:  []string{"list_groups", "create_group", "list_groups", "create_group"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{"create_group": tt.create, "list_groups": tt.listGroups})
			c := api.client(client.Config{MaxRetries: 2})
			id, err := c.CreateGroup(t.Context(), tt.in)
			if err != nil {
				t.Fatalf("CreateGroup: %v", err)
			}
			if id != tt.wantID {
				t.Errorf("id = %d, want %d", id, tt.wantID)
			}
			if got := api.actions(); !reflect.DeepEqual(got, tt.wantCalls) {
				t.Errorf("calls = %v, want %v", got, tt.wantCalls)
			}
			if got := c.Core().Stats().Recovered; got != tt.wantRecovered {
				t.Errorf("Stats().Recovered = %d, want %d", got, tt.wantRecovered)
			}
		})
	}
}

func TestDeleteGroup(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"delete_group": apiError(http.StatusNotFound, "group_not_found")})
	err := api.client(client.Config{MaxRetries: 3}).DeleteGroup(t.Context(), 4)
	if !client.IsNotFound(err) || !client.IsGroupNotFound(err) {
		t.Errorf("error = %v, want group_not_found", err)
	}
	assertBody(t, api.body("delete_group", 0), `{"id":4}`)
	if n := api.count("delete_group"); n != 1 {
		t.Errorf("%d delete_group calls, want 1", n)
	}
}
