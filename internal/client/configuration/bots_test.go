package configuration_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var allBotFields = []any{"work_scheduler", "groups", "job_title", "max_chats_count", "timezone"}

func TestCreateBot_RequestAndAnswer(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bots":  ok(`[]`),
		"create_bot": ok(`{"id":"5c9871d5372c824cbf22d860a707a578","secret":"641e2ae6d997d2009a3ac92a05f37fc3"}`),
	})
	c := api.client(client.Config{})
	got, err := c.CreateBot(t.Context(), configuration.BotCreate{
		Name: "Bot Name", MaxChatsCount: ptr(int64(500)), DefaultGroupPriority: ptr("first"), JobTitle: ptr(""), Type: ptr("faq"),
		Groups:        &[]configuration.GroupMembership{{ID: 0, Priority: "first"}},
		WorkScheduler: &configuration.WorkScheduler{Timezone: "UTC", Schedule: []configuration.WorkSchedule{}},
		OwnerClientID: "app-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != (configuration.Credentials{ID: "5c9871d5372c824cbf22d860a707a578", Secret: "641e2ae6d997d2009a3ac92a05f37fc3"}) {
		t.Errorf("credentials %+v", got)
	}
	if calls := api.actions(); !reflect.DeepEqual(calls, []string{"list_bots", "create_bot"}) {
		t.Errorf("calls = %v", calls)
	}
	assertBody(t, api.body("create_bot", 0), `{"name":"Bot Name","max_chats_count":500,"default_group_priority":"first",
	 "job_title":"","groups":[{"id":0,"priority":"first"}],"type":"faq","work_scheduler":{"timezone":"UTC","schedule":[]},
	 "owner_client_id":"app-1"}`)
	body := api.body("list_bots", 0)
	if body["all"] != true {
		t.Errorf("list_bots all = %v", body["all"])
	}
	sameStrings(t, body["fields"], allBotFields)
}

// create_bot is never blindly re-sent: the new bot is looked for among the
// bots that did not exist before, and adopted with a fresh secret.
func TestCreateBot_AmbiguousFailure(t *testing.T) {
	const existing = `{"id":"old","name":"Bot"}`
	tests := []struct {
		name      string
		create    actionHandler
		lists     []string // list_bots answers: before the create, then during recovery
		wantCalls []string
		wantID    string
		wantErr   string
	}{
		{
			name:      "dropped, one new bot: adopted with a new secret",
			create:    drop(t),
			lists:     []string{`[` + existing + `]`, `[` + existing + `,{"id":"new","name":"Bot"}]`},
			wantCalls: []string{"list_bots", "create_bot", "list_bots", "get_bot", "reset_bot_secret"},
			wantID:    "new",
		},
		{
			name:      "dropped, nothing new: re-sent once",
			create:    sequence(drop(t), ok(`{"id":"sent","secret":"s2"}`)),
			lists:     []string{`[` + existing + `]`, `[` + existing + `]`},
			wantCalls: []string{"list_bots", "create_bot", "list_bots", "create_bot"},
			wantID:    "sent",
		},
		{
			name:      "dropped, two new bots with the name: error, nothing adopted",
			create:    drop(t),
			lists:     []string{`[]`, `[{"id":"a","name":"Bot"},{"id":"b","name":"Bot"}]`},
			wantCalls: []string{"list_bots", "create_bot", "list_bots", "get_bot", "get_bot"},
			wantErr:   "2 new bots named",
		},
		{
			name:      "a new bot with another name is not ours",
			create:    sequence(drop(t), ok(`{"id":"sent","secret":"s2"}`)),
			lists:     []string{`[]`, `[{"id":"x","name":"Other"}]`},
			wantCalls: []string{"list_bots", "create_bot", "list_bots", "create_bot"},
			wantID:    "sent",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lists := make([]actionHandler, len(tt.lists))
			for i, l := range tt.lists {
				lists[i] = ok(l)
			}
			api := newFakeAPI(t, map[string]actionHandler{
				"list_bots":        sequence(lists...),
				"create_bot":       tt.create,
				"get_bot":          ok(`{"id":"new","name":"Bot","owner_client_id":"app"}`),
				"reset_bot_secret": ok(`{"secret":"fresh"}`),
			})
			c := api.client(client.Config{MaxRetries: 3})
			got, err := c.CreateBot(t.Context(), configuration.BotCreate{Name: "Bot", OwnerClientID: "app"})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if calls := api.actions(); !reflect.DeepEqual(calls, tt.wantCalls) {
				t.Errorf("calls = %v, want %v", calls, tt.wantCalls)
			}
			if got.ID != tt.wantID {
				t.Errorf("id = %q, want %q", got.ID, tt.wantID)
			}
			if tt.wantID == "new" {
				if got.Secret != "fresh" {
					t.Errorf("secret = %q, want the reset one", got.Secret)
				}
				assertBody(t, api.body("reset_bot_secret", 0), `{"id":"new","owner_client_id":"app"}`)
			}
		})
	}
}

func TestGetBot_DocumentedExample(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"get_bot": ok(`{
		"id": "5c9871d5372c824cbf22d860a707a578", "name": "John Doe", "avatar_path": "https://example.com/avatar.jpg",
		"default_group_priority": "first", "owner_client_id": "asXdesldiAJSq9padj", "max_chats_count": 6,
		"groups": [{"id": 0, "priority": "normal"}, {"id": 2, "priority": "first"}],
		"job_title": "Bot", "timezone": "Europe/Warsaw",
		"work_scheduler": {"timezone": "Europe/Warsaw", "schedule": []}}`)})
	c := api.client(client.Config{})
	b, err := c.GetBot(t.Context(), "5c9871d5372c824cbf22d860a707a578")
	if err != nil {
		t.Fatal(err)
	}
	body := api.body("get_bot", 0)
	if body["id"] != "5c9871d5372c824cbf22d860a707a578" {
		t.Errorf("id = %v", body["id"])
	}
	sameStrings(t, body["fields"], allBotFields)
	want := &configuration.Bot{
		ID: "5c9871d5372c824cbf22d860a707a578", Name: "John Doe", Avatar: "https://example.com/avatar.jpg",
		DefaultGroupPriority: "first", OwnerClientID: "asXdesldiAJSq9padj", MaxChatsCount: 6, JobTitle: "Bot",
		Groups:        []configuration.GroupMembership{{ID: 0, Priority: "normal"}, {ID: 2, Priority: "first"}},
		WorkScheduler: &configuration.WorkScheduler{Timezone: "Europe/Warsaw", Schedule: []configuration.WorkSchedule{}},
		Timezone:      "Europe/Warsaw",
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("bot = %+v\nwant %+v", b, want)
	}

	api = newFakeAPI(t, map[string]actionHandler{"get_bot": apiError(http.StatusNotFound, "not_found")})
	if _, err := api.client(client.Config{}).GetBot(t.Context(), "x"); !client.IsNotFound(err) {
		t.Errorf("error = %v, want not found", err)
	}
}

func TestBot_AvatarKeyVariants(t *testing.T) {
	for _, tt := range []struct{ json, want string }{
		{`{"avatar_path":"p.png"}`, "p.png"},
		{`{"avatar":"a.png"}`, "a.png"},
		{`{"avatar_path":"p.png","avatar":"a.png"}`, "p.png"},
	} {
		var b configuration.Bot
		if err := b.UnmarshalJSON([]byte(tt.json)); err != nil || b.Avatar != tt.want {
			t.Errorf("%s: avatar %q (%v), want %q", tt.json, b.Avatar, err, tt.want)
		}
	}
}

func TestUpdateBot_SendsOnlyNonNilFields(t *testing.T) {
	tests := []struct {
		in   configuration.BotUpdate
		want string
	}{
		{configuration.BotUpdate{ID: "b"}, `{"id":"b"}`},
		{configuration.BotUpdate{ID: "b", Name: ptr("N"), MaxChatsCount: ptr(int64(0)), Avatar: ptr("")}, `{"id":"b","name":"N","max_chats_count":0,"avatar":""}`},
		{configuration.BotUpdate{ID: "b", Groups: &[]configuration.GroupMembership{}, DefaultGroupPriority: ptr("last")}, `{"id":"b","groups":[],"default_group_priority":"last"}`},
		{configuration.BotUpdate{ID: "b", JobTitle: ptr("Concierge"), Type: ptr("support")}, `{"id":"b","job_title":"Concierge","type":"support"}`},
		{configuration.BotUpdate{ID: "b", Type: ptr("faq")}, `{"id":"b","type":"faq"}`},
	}
	for _, tt := range tests {
		api := newFakeAPI(t, map[string]actionHandler{"update_bot": ok(`{}`)})
		if err := api.client(client.Config{}).UpdateBot(t.Context(), tt.in); err != nil {
			t.Fatal(err)
		}
		assertBody(t, api.body("update_bot", 0), tt.want)
		if tt.in.IsEmpty() != (tt.want == `{"id":"b"}`) {
			t.Errorf("IsEmpty() = %v for %s", tt.in.IsEmpty(), tt.want)
		}
	}
}

func TestBotSecretAndTokenCalls(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"delete_bot":       ok(`{}`),
		"reset_bot_secret": ok(`{"secret":"641e2ae6d997d2009a3ac92a05f37fc3"}`),
		"issue_bot_token":  ok(`{"token":"<JWT Bot token>"}`),
	})
	c := api.client(client.Config{})
	if err := c.DeleteBot(t.Context(), "b"); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("delete_bot", 0), `{"id":"b"}`)
	for i, owner := range []string{"", "app"} {
		s, err := c.ResetBotSecret(t.Context(), "b", owner)
		if err != nil || s != "641e2ae6d997d2009a3ac92a05f37fc3" {
			t.Fatalf("ResetBotSecret = %q, %v", s, err)
		}
		want := `{"id":"b"}`
		if owner != "" {
			want = `{"id":"b","owner_client_id":"app"}`
		}
		assertBody(t, api.body("reset_bot_secret", i), want)
	}
	tok, err := c.IssueBotToken(t.Context(), configuration.BotTokenRequest{BotID: "b", ClientID: "c", BotSecret: "s", OrganizationID: "o"})
	if err != nil || tok != "<JWT Bot token>" {
		t.Fatalf("IssueBotToken = %q, %v", tok, err)
	}
	assertBody(t, api.body("issue_bot_token", 0), `{"bot_id":"b","client_id":"c","bot_secret":"s","organization_id":"o"}`)
}

// Templates are list-only: one list per client id serves every read of a
// run, and each write of that client id invalidates it.
func TestBotTemplates_ReadCachePerClient(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bot_templates": func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
			if strings.Contains(string(body), `"app-2"`) {
				writeJSON(w, 200, `[{"id":"t9","name":"Other","avatar_path":""}]`)
				return
			}
			writeJSON(w, 200, `[{"id":"t1","name":"Bot Name","avatar_path":"example.com/avatar.jpg"}]`)
		},
		"update_bot_template": ok(`{}`),
	})
	c := api.client(client.Config{})
	for i := 0; i < 3; i++ {
		tp, err := c.GetBotTemplate(t.Context(), "app-1", "t1", time.Time{})
		if err != nil || *tp != (configuration.BotTemplate{ID: "t1", Name: "Bot Name", Avatar: "example.com/avatar.jpg"}) {
			t.Fatalf("ReadBotTemplate = %+v, %v", tp, err)
		}
	}
	if _, err := c.GetBotTemplate(t.Context(), "app-2", "t9", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetBotTemplate(t.Context(), "app-2", "t1", time.Time{}); !client.IsNotFound(err) {
		t.Errorf("t1 under app-2: %v, want not found", err)
	}
	if n := api.count("list_bot_templates"); n != 2 {
		t.Fatalf("%d list calls, want one per client id", n)
	}
	assertBody(t, api.body("list_bot_templates", 0), `{"owner_client_id":"app-1"}`)

	if err := c.UpdateBotTemplate(t.Context(), configuration.BotTemplateUpdate{ID: "t1", OwnerClientID: "app-1", Name: ptr("N"), AffectExistingInstallations: true}); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("update_bot_template", 0), `{"id":"t1","owner_client_id":"app-1","name":"N","affect_existing_installations":true}`)
	_, _ = c.GetBotTemplate(t.Context(), "app-1", "t1", time.Time{})
	_, _ = c.GetBotTemplate(t.Context(), "app-2", "t9", time.Time{})
	if n := api.count("list_bot_templates"); n != 3 {
		t.Fatalf("%d list calls: the write must invalidate only its client's list", n)
	}
}

func TestBotTemplateWrites(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bot_templates":        ok(`[]`),
		"create_bot_template":       ok(`{"id":"t1","secret":"s1"}`),
		"delete_bot_template":       ok(`{}`),
		"reset_bot_template_secret": ok(`{"secret":"s2"}`),
	})
	c := api.client(client.Config{})
	got, err := c.CreateBotTemplate(t.Context(), configuration.BotTemplateCreate{Name: "T", OwnerClientID: "app", MaxChatsCount: ptr(int64(6))})
	if err != nil || got != (configuration.Credentials{ID: "t1", Secret: "s1"}) {
		t.Fatalf("CreateBotTemplate = %+v, %v", got, err)
	}
	assertBody(t, api.body("create_bot_template", 0), `{"name":"T","owner_client_id":"app","max_chats_count":6}`)
	if s, err := c.ResetBotTemplateSecret(t.Context(), "app", "t1", true); err != nil || s != "s2" {
		t.Fatalf("ResetBotTemplateSecret = %q, %v", s, err)
	}
	assertBody(t, api.body("reset_bot_template_secret", 0), `{"id":"t1","owner_client_id":"app","affect_existing_installations":true}`)
	if err := c.DeleteBotTemplate(t.Context(), "app", "t1", false); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("delete_bot_template", 0), `{"id":"t1","owner_client_id":"app"}`)
}

func TestCreateBotTemplate_AmbiguousFailure(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bot_templates": sequence(ok(`[{"id":"old","name":"T","avatar_path":""}]`),
			ok(`[{"id":"old","name":"T","avatar_path":""},{"id":"new","name":"T","avatar_path":""}]`)),
		"create_bot_template":       drop(t),
		"reset_bot_template_secret": ok(`{"secret":"fresh"}`),
	})
	c := api.client(client.Config{MaxRetries: 3})
	got, err := c.CreateBotTemplate(t.Context(), configuration.BotTemplateCreate{Name: "T", OwnerClientID: "app"})
	if err != nil || got != (configuration.Credentials{ID: "new", Secret: "fresh"}) {
		t.Fatalf("CreateBotTemplate = %+v, %v", got, err)
	}
	if calls := api.actions(); !reflect.DeepEqual(calls, []string{"list_bot_templates", "create_bot_template", "list_bot_templates", "reset_bot_template_secret"}) {
		t.Errorf("calls = %v", calls)
	}
	if got := c.Core().Stats().Recovered; got != 1 {
		t.Errorf("Recovered = %d", got)
	}
}
