package configuration_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// assertBody compares a decoded request body with the JSON text want.
func assertBody(t *testing.T, got map[string]any, want string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	if !reflect.DeepEqual(got, w) {
		gb, _ := json.Marshal(got)
		t.Errorf("request body\n got %s\nwant %s", gb, want)
	}
}

func TestCreateAgent_Request(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"create_agent": ok(`{}`), "get_agent": apiError(http.StatusNotFound, "not_found")})
	const ua = "terraform-provider-livechat/0.1.0 (+Terraform/1.12.0)"
	c := api.client(client.Config{AccessToken: "fra:agent-token", UserAgent: ua})

	err := c.CreateAgent(t.Context(), configuration.AgentCreate{
		ID:   "smith@example.com",
		Name: "Agent Smith",
		AgentUpdate: configuration.AgentUpdate{
			ID:            "ignored@example.com",
			Role:          ptr("administrator"),
			MaxChatsCount: ptr(int64(5)),
			Groups:        &[]configuration.GroupMembership{{ID: 0, Priority: "first"}, {ID: 3, Priority: "normal"}},
			WorkScheduler: &configuration.WorkScheduler{Timezone: "Europe/Warsaw", Schedule: []configuration.WorkSchedule{{Day: "monday", Enabled: true, Start: "08:00", End: "16:00"}}},
		},
	})
	if err != nil {
		t.Fatalf("CreateAgent: %v", err)
	}
	// The id is looked up first: a create's recovery never adopts an agent that existed before.
	if got := api.actions(); !reflect.DeepEqual(got, []string{"get_agent", "create_agent"}) {
		t.Fatalf("calls = %v", got)
	}
	h := api.calls[1].Header
	for k, v := range map[string]string{
		"Content-Type": "application/json", "Accept": "application/json", "User-Agent": ua,
		"Authorization": "Bearer fra:agent-token", "X-Region": "fra",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	assertBody(t, api.body("create_agent", 0), `{
		"id":"smith@example.com","name":"Agent Smith","role":"administrator","max_chats_count":5,
		"groups":[{"id":0,"priority":"first"},{"id":3,"priority":"normal"}],
		"work_scheduler":{"timezone":"Europe/Warsaw","schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"16:00"}]}
	}`)
}

func TestCreateAgent_PATBasicAuth(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"create_agent": ok(`{}`), "get_agent": apiError(http.StatusNotFound, "not_found")})
	c := api.client(client.Config{PersonalAccessToken: "pat-1", AccountID: "acc-1"})
	if err := c.CreateAgent(t.Context(), configuration.AgentCreate{ID: "a@x", Name: "A"}); err != nil {
		t.Fatal(err)
	}
	if got := api.calls[1].Header.Get("Authorization"); got != "Basic YWNjLTE6cGF0LTE=" { // base64("acc-1:pat-1")
		t.Errorf("Authorization = %q", got)
	}
	assertBody(t, api.body("create_agent", 0), `{"id":"a@x","name":"A"}`)
}

func TestUpdateAgent_SendsOnlyNonNilFields(t *testing.T) {
	tests := []struct {
		name string
		in   configuration.AgentUpdate
		want string
	}{
		{"nothing", configuration.AgentUpdate{}, `{"id":"a@x"}`},
		{"job title", configuration.AgentUpdate{JobTitle: ptr("Boss")}, `{"id":"a@x","job_title":"Boss"}`},
		{
			"zero values through pointers are sent",
			configuration.AgentUpdate{MaxChatsCount: ptr(int64(0)), Mobile: ptr(""), Notifications: &[]string{}, EmailSubscriptions: &[]string{}},
			`{"id":"a@x","max_chats_count":0,"mobile":"","notifications":[],"email_subscriptions":[]}`,
		},
		{
			"id argument wins",
			configuration.AgentUpdate{ID: "other@x", LoginStatus: ptr("accepting chats"), Groups: &[]configuration.GroupMembership{{ID: 1, Priority: "last"}}},
			`{"id":"a@x","login_status":"accepting chats","groups":[{"id":1,"priority":"last"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{"update_agent": ok(``)})
			c := api.client(client.Config{})
			if err := c.UpdateAgent(t.Context(), "a@x", tt.in); err != nil {
				t.Fatalf("UpdateAgent: %v", err)
			}
			body := api.body("update_agent", 0)
			if _, has := body["name"]; has {
				t.Error("update_agent sent name, which the method does not take")
			}
			assertBody(t, body, tt.want)
		})
	}
}

func TestAgentIDActions(t *testing.T) {
	tests := []struct {
		action string
		do     func(*configuration.Client) error
	}{
		{"delete_agent", func(c *configuration.Client) error { return c.DeleteAgent(t.Context(), "a@x") }},
		{"suspend_agent", func(c *configuration.Client) error { return c.SuspendAgent(t.Context(), "a@x") }},
		{"unsuspend_agent", func(c *configuration.Client) error { return c.UnsuspendAgent(t.Context(), "a@x") }},
		{"approve_agent", func(c *configuration.Client) error { return c.ApproveAgent(t.Context(), "a@x") }},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{tt.action: ok(``)})
			if err := tt.do(api.client(client.Config{})); err != nil {
				t.Fatal(err)
			}
			assertBody(t, api.body(tt.action, 0), `{"id":"a@x"}`)
		})
	}
}

var allAgentFields = []any{
	"work_scheduler", "groups", "email_subscriptions", "notifications", "job_title",
	"mobile", "max_chats_count", "suspended", "awaiting_approval", "last_logout",
}

func sameStrings(t *testing.T, got any, want []any) {
	t.Helper()
	list, _ := got.([]any)
	seen := map[any]bool{}
	for _, v := range list {
		seen[v] = true
	}
	for _, v := range want {
		if !seen[v] {
			t.Errorf("fields %v lacks %v", got, v)
		}
	}
	if len(list) != len(want) {
		t.Errorf("fields %v: want exactly %v", got, want)
	}
}

func TestGetAgent_AsksForAllFieldsAndDecodes(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"get_agent": ok(`{
		"id":"smith@example.com","account_id":"d24f","name":"Agent Smith","avatar":"https://x/a.jpg",
		"role":"administrator","login_status":"accepting chats","job_title":"Hero","mobile":"+48",
		"max_chats_count":6,"groups":[{"id":0,"priority":"first"}],"notifications":["new_visitor"],
		"email_subscriptions":["weekly_summary"],"work_scheduler":{"timezone":"UTC","schedule":[{"day":"friday","enabled":true,"start":"10:00","end":"12:00"}]},
		"suspended":true,"awaiting_approval":false,"last_logout":"2022-08-23T14:31:21.000000Z"}`)})
	c := api.client(client.Config{})
	a, err := c.GetAgent(t.Context(), "smith@example.com")
	if err != nil {
		t.Fatal(err)
	}
	body := api.body("get_agent", 0)
	if body["id"] != "smith@example.com" {
		t.Errorf("get_agent id = %v", body["id"])
	}
	sameStrings(t, body["fields"], allAgentFields)
	want := &configuration.Agent{
		ID: "smith@example.com", AccountID: "d24f", Name: "Agent Smith", Avatar: "https://x/a.jpg",
		Role: "administrator", LoginStatus: "accepting chats", JobTitle: "Hero", Mobile: "+48", MaxChatsCount: 6,
		Groups: []configuration.GroupMembership{{ID: 0, Priority: "first"}}, Notifications: []string{"new_visitor"},
		EmailSubscriptions: []string{"weekly_summary"},
		WorkScheduler:      &configuration.WorkScheduler{Timezone: "UTC", Schedule: []configuration.WorkSchedule{{Day: "friday", Enabled: true, Start: "10:00", End: "12:00"}}},
		Suspended:          true, LastLogout: "2022-08-23T14:31:21.000000Z",
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("agent = %+v\nwant %+v", a, want)
	}
}

func TestGetAgent_NotFound(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"get_agent": apiError(http.StatusNotFound, "not_found")})
	_, err := api.client(client.Config{}).GetAgent(t.Context(), "gone@x")
	if !client.IsNotFound(err) {
		t.Errorf("error = %v, want not found", err)
	}
}

func TestAgent_DecodesKeyVariants(t *testing.T) {
	tests := []struct {
		name       string
		json       string
		wantAvatar string
		wantSubs   []string
	}{
		{"get_agent keys", `{"id":"a","avatar":"av.png","email_subscriptions":["daily_summary"]}`, "av.png", []string{"daily_summary"}},
		{"list_agents keys", `{"id":"a","avatar_path":"cdn/1.png","summaries":["daily_summary","weekly_summary"]}`, "cdn/1.png", []string{"daily_summary", "weekly_summary"}},
		{"both: documented keys win", `{"id":"a","avatar":"av.png","avatar_path":"cdn/1.png","email_subscriptions":["x"],"summaries":["y"]}`, "av.png", []string{"x"}},
		{"empty summaries", `{"id":"a","summaries":[]}`, "", []string{}},
		{"neither", `{"id":"a"}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a configuration.Agent
			if err := json.Unmarshal([]byte(tt.json), &a); err != nil {
				t.Fatal(err)
			}
			if a.ID != "a" || a.Avatar != tt.wantAvatar || !reflect.DeepEqual(a.EmailSubscriptions, tt.wantSubs) {
				t.Errorf("agent = %+v, want avatar %q subscriptions %#v", a, tt.wantAvatar, tt.wantSubs)
			}
		})
	}
	if err := json.Unmarshal([]byte(`{"id":5}`), new(configuration.Agent)); err == nil {
		t.Error("a wrongly typed id decoded without error")
	}
}

func TestListAgents_RequestAndDocumentedAnswer(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"list_agents": ok(`[
		{"avatar_path":"cdn.livechatinc.com/avatars/1.png","id":"smith@example.com","account_id":"d24f","job_title":"Support Hero",
		 "login_status":"not accepting chats","name":"Smith","role":"owner","max_chats_count":5,"summaries":["daily_summary","weekly_summary"]},
		{"avatar_path":"cdn.livechatinc.com/avatars/2.png","id":"jones@example.com","name":"Jones","role":"viceowner","summaries":["weekly_summary"]}
	]`)})
	c := api.client(client.Config{})
	agents, err := c.ListAgents(t.Context(), &configuration.AgentFilters{GroupIDs: []int64{0, 1}})
	if err != nil {
		t.Fatal(err)
	}
	body := api.body("list_agents", 0)
	sameStrings(t, body["fields"], allAgentFields)
	if !reflect.DeepEqual(body["filters"], map[string]any{"group_ids": []any{float64(0), float64(1)}}) {
		t.Errorf("filters = %v", body["filters"])
	}
	if len(agents) != 2 {
		t.Fatalf("%d agents", len(agents))
	}
	if agents[0].Avatar != "cdn.livechatinc.com/avatars/1.png" || !reflect.DeepEqual(agents[0].EmailSubscriptions, []string{"daily_summary", "weekly_summary"}) {
		t.Errorf("agent 0 = %+v", agents[0])
	}
	if agents[1].Avatar != "cdn.livechatinc.com/avatars/2.png" || !reflect.DeepEqual(agents[1].EmailSubscriptions, []string{"weekly_summary"}) {
		t.Errorf("agent 1 = %+v", agents[1])
	}

	// No filters: none sent.
	if _, err := c.ListAgents(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if _, has := api.body("list_agents", 1)["filters"]; has {
		t.Error("filters sent without filters")
	}
}

// create_agent must never be blindly replayed after an ambiguous failure:
// the agent is looked up by its id (get_agent) first.
func TestCreateAgent_AmbiguousFailure(t *testing.T) {
	tests := []struct {
		name          string
		create        actionHandler
		existed       bool // the agent id was taken before the create
		getAgent      actionHandler
		wantCalls     []string
		wantErr       bool
		wantRecovered int64
	}{
		{
			name:          "dropped connection, agent found",
			create:        drop(t),
			getAgent:      ok(`{"id":"new@x","name":"New"}`),
			wantCalls:     []string{"get_agent", "create_agent", "get_agent"},
			wantRecovered: 1,
		},
		{
			name:      "dropped connection, agent not found: re-sent once",
			create:    sequence(drop(t), ok(``)),
			getAgent:  apiError(http.StatusNotFound, "not_found"),
			wantCalls: []string{"get_agent", "create_agent", "get_agent", "create_agent"},
		},
		{
			name:          "re-sent create answered already_exists",
			create:        sequence(drop(t), apiError(http.StatusBadRequest, "already_exists")),
			getAgent:      apiError(http.StatusNotFound, "not_found"),
			wantCalls:     []string{"get_agent", "create_agent", "get_agent", "create_agent"},
			wantRecovered: 1,
		},
		{
			name:      "agent existed before: not adopted, the re-send's already_exists is the answer",
			create:    sequence(drop(t), apiError(http.StatusBadRequest, "already_exists")),
			existed:   true,
			getAgent:  ok(`{"id":"new@x","name":"Someone else"}`),
			wantCalls: []string{"get_agent", "create_agent", "create_agent"},
			wantErr:   true,
		},
		{
			name:          "500 then found",
			create:        apiError(http.StatusInternalServerError, "internal"),
			getAgent:      ok(`{"id":"new@x"}`),
			wantCalls:     []string{"get_agent", "create_agent", "get_agent"},
			wantRecovered: 1,
		},
		{
			name:      "look-up refused: no re-send",
			create:    drop(t),
			getAgent:  apiError(http.StatusForbidden, "authorization"),
			wantCalls: []string{"get_agent", "create_agent", "get_agent"},
			wantErr:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := apiError(http.StatusNotFound, "not_found")
			if tt.existed {
				before = tt.getAgent
			}
			api := newFakeAPI(t, map[string]actionHandler{"create_agent": tt.create, "get_agent": sequence(before, tt.getAgent)})
			c := api.client(client.Config{MaxRetries: 3})
			err := c.CreateAgent(t.Context(), configuration.AgentCreate{ID: "new@x", Name: "New"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("CreateAgent error = %v, want error: %v", err, tt.wantErr)
			}
			if got := api.actions(); !reflect.DeepEqual(got, tt.wantCalls) {
				t.Errorf("calls = %v, want %v", got, tt.wantCalls)
			}
			if api.body("get_agent", 0)["id"] != "new@x" {
				t.Errorf("looked up %v, want new@x", api.body("get_agent", 0)["id"])
			}
			if tt.existed && !client.IsAlreadyExists(err) {
				t.Errorf("error = %v, want the already_exists answer", err)
			}
			if got := c.Core().Stats().Recovered; got != tt.wantRecovered {
				t.Errorf("Stats().Recovered = %d, want %d", got, tt.wantRecovered)
			}
		})
	}
}

func TestCreateAgent_AlreadyExistsWithoutAmbiguityIsAnError(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"create_agent": apiError(http.StatusBadRequest, "already_exists"), "get_agent": ok(`{"id":"a@x"}`)})
	c := api.client(client.Config{MaxRetries: 3})
	err := c.CreateAgent(t.Context(), configuration.AgentCreate{ID: "a@x", Name: "A"})
	if !client.IsAlreadyExists(err) {
		t.Errorf("error = %v, want already_exists", err)
	}
	if got := api.actions(); !reflect.DeepEqual(got, []string{"get_agent", "create_agent"}) {
		t.Errorf("calls = %v", got)
	}
}

func TestMissingCredentials_NoRequest(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{})
	core, err := client.New(client.Config{APIURL: api.srv.URL, PartnerToken: "partner-only"})
	if err != nil {
		t.Fatal(err)
	}
	c := configuration.New(core)
	err = c.CreateAgent(t.Context(), configuration.AgentCreate{ID: "a@x", Name: "A"})
	var mc *client.MissingCredentialsError
	if !errors.As(err, &mc) {
		t.Fatalf("error = %v, want *client.MissingCredentialsError", err)
	}
	if _, err := c.ListTags(t.Context(), false); !errors.As(err, &mc) {
		t.Errorf("ListTags error = %v", err)
	}
	if got := api.actions(); len(got) != 0 {
		t.Errorf("requests sent without credentials: %v", got)
	}
}
