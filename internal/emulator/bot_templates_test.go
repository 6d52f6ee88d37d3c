package emulator

import (
	"fmt"
	"net/http"
	"testing"
)

// createTemplate creates a bot template and returns its id and secret.
func (h *harness) createTemplate(body string) (string, string) {
	h.t.Helper()
	out := h.ok("create_bot_template", body)
	id, _ := field(h.t, out, "id").(string)
	secret, _ := field(h.t, out, "secret").(string)
	if !hex32.MatchString(id) || !hex32.MatchString(secret) {
		h.t.Fatalf("create_bot_template answered %v", out)
	}
	return id, secret
}

func TestBotTemplateLifecycle(t *testing.T) {
	h := newHarness(t)
	id, secret := h.createTemplate(`{"name":"Bot Name","avatar":"example.com/avatar.jpg","max_chats_count":10,
	 "default_group_priority":"last","job_title":"Helper","owner_client_id":"app-1"}`)
	h.createTemplate(`{"name":"Other app","owner_client_id":"app-2"}`)

	// The List Bot Templates example's shape, per owner client id.
	assertJSON(t, h.ok("list_bot_templates", `{"owner_client_id":"app-1"}`),
		`[{"id":"`+id+`","name":"Bot Name","avatar_path":"example.com/avatar.jpg"}]`)
	tp, _ := h.s.BotTemplate(id)
	if tp.MaxChatsCount != 10 || tp.DefaultGroupPriority != "last" || tp.JobTitle != "Helper" || tp.Secret != secret {
		t.Fatalf("template %+v", tp)
	}
	// Without affect_existing_installations no bot appears on the license.
	assertJSON(t, h.ok("list_bots", `{"all":true}`), `[]`)

	assertJSON(t, h.ok("update_bot_template", `{"id":"`+id+`","owner_client_id":"app-1","name":"New Bot Name",
	 "max_chats_count":500,"job_title":"","default_group_priority":"first"}`), `{}`)
	tp, _ = h.s.BotTemplate(id)
	if tp.Name != "New Bot Name" || tp.MaxChatsCount != 500 || tp.JobTitle != "" || tp.Avatar != "example.com/avatar.jpg" {
		t.Fatalf("updated template %+v", tp)
	}

	out := h.ok("reset_bot_template_secret", `{"id":"`+id+`","owner_client_id":"app-1"}`)
	if s, _ := field(t, out, "secret").(string); !hex32.MatchString(s) || s == secret {
		t.Fatalf("reset answered %v", out)
	}

	assertJSON(t, h.ok("delete_bot_template", `{"id":"`+id+`","owner_client_id":"app-1"}`), `{}`)
	assertJSON(t, h.ok("list_bot_templates", `{"owner_client_id":"app-1"}`), `[]`)
	if _, ok := h.s.BotTemplate(id); ok {
		t.Fatal("deleted template still in the store")
	}
}

func TestBotTemplateLimitIsFivePerClient(t *testing.T) {
	h := newHarness(t)
	var first string
	for i := 0; i < 5; i++ {
		id, _ := h.createTemplate(fmt.Sprintf(`{"name":"T%d","owner_client_id":"app"}`, i))
		if i == 0 {
			first = id
		}
	}
	h.fail("create_bot_template", `{"name":"T5","owner_client_id":"app"}`, http.StatusUnprocessableEntity, "limit_reached")
	h.createTemplate(`{"name":"T5","owner_client_id":"another-app"}`) // the limit is per client id
	h.ok("delete_bot_template", `{"id":"`+first+`","owner_client_id":"app"}`)
	h.createTemplate(`{"name":"T5","owner_client_id":"app"}`)
}

// The emulated license has every application installed: affect_existing_installations
// reaches the bot based on the template, which has the template's id.
func TestBotTemplateAffectExistingInstallations(t *testing.T) {
	h := newHarness(t)
	id, secret := h.createTemplate(`{"name":"Installed","owner_client_id":"app","job_title":"J","affect_existing_installations":true}`)
	assertJSON(t, h.ok("get_bot", `{"id":"`+id+`","fields":["job_title","max_chats_count"]}`), `{"id":"`+id+`","name":"Installed",
	 "avatar_path":"","default_group_priority":"first","owner_client_id":"app","job_title":"J","max_chats_count":6}`)
	h.ok("issue_bot_token", `{"bot_id":"`+id+`","client_id":"app","bot_secret":"`+secret+`","organization_id":"`+testOrg+`"}`)

	h.ok("update_bot_template", `{"id":"`+id+`","owner_client_id":"app","name":"Not yet"}`)
	assertJSON(t, field(t, h.ok("get_bot", `{"id":"`+id+`"}`), "name"), `"Installed"`)
	h.ok("update_bot_template", `{"id":"`+id+`","owner_client_id":"app","avatar":"a.png","affect_existing_installations":true}`)
	out := h.ok("get_bot", `{"id":"`+id+`"}`)
	assertJSON(t, []any{field(t, out, "name"), field(t, out, "avatar_path")}, `["Not yet","a.png"]`)

	s1 := field(t, h.ok("reset_bot_template_secret", `{"id":"`+id+`","owner_client_id":"app"}`), "secret").(string)
	if b, _ := h.s.Bot(id); b.Secret != secret {
		t.Fatal("a reset without affect_existing_installations changed the bot's secret")
	}
	s2 := field(t, h.ok("reset_bot_template_secret", `{"id":"`+id+`","owner_client_id":"app","affect_existing_installations":true}`), "secret").(string)
	if b, _ := h.s.Bot(id); b.Secret != s2 || s1 == s2 {
		t.Fatalf("bot secret %q, want %q", b.Secret, s2)
	}

	// Deleting without the flag keeps the bot; with it the bot goes too.
	h.ok("delete_bot_template", `{"id":"`+id+`","owner_client_id":"app"}`)
	h.ok("get_bot", `{"id":"`+id+`"}`)
	id2, _ := h.createTemplate(`{"name":"Again","owner_client_id":"app","affect_existing_installations":true}`)
	h.ok("delete_bot_template", `{"id":"`+id2+`","owner_client_id":"app","affect_existing_installations":true}`)
	h.fail("get_bot", `{"id":"`+id2+`"}`, http.StatusNotFound, "not_found")
}

func TestBotTemplateValidationAndErrors(t *testing.T) {
	h := newHarness(t)
	id, _ := h.createTemplate(`{"name":"T","owner_client_id":"app"}`)
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"name required", "create_bot_template", `{"owner_client_id":"app"}`, 400, "validation", "`name` is required"},
		{"owner required", "create_bot_template", `{"name":"T"}`, 400, "validation", "`owner_client_id` is required"},
		{"owner empty", "create_bot_template", `{"name":"T","owner_client_id":""}`, 400, "validation", "`owner_client_id` is required"},
		{"max chats", "create_bot_template", `{"name":"T","owner_client_id":"app","max_chats_count":501}`, 400, "validation", "`max_chats_count` must be between 0 and 500"},
		{"priority", "create_bot_template", `{"name":"T","owner_client_id":"app","default_group_priority":"high"}`, 400, "validation", "`default_group_priority` must be one of: first, normal, last, supervisor"},
		{"affect type", "create_bot_template", `{"name":"T","owner_client_id":"app","affect_existing_installations":"yes"}`, 400, "validation", "`affect_existing_installations` must be a boolean"},
		{"no groups", "create_bot_template", `{"name":"T","owner_client_id":"app","groups":[]}`, 400, "validation", "`groups` is not a supported parameter"},
		{"update id required", "update_bot_template", `{"owner_client_id":"app"}`, 400, "validation", "`id` is required"},
		{"update owner required", "update_bot_template", `{"id":"` + id + `"}`, 400, "validation", "`owner_client_id` is required"},
		{"update name empty", "update_bot_template", `{"id":"` + id + `","owner_client_id":"app","name":""}`, 400, "validation", "`name` must not be empty"},
		{"update max chats", "update_bot_template", `{"id":"` + id + `","owner_client_id":"app","max_chats_count":-1}`, 400, "validation", "`max_chats_count` must be between 0 and 500"},
		{"list owner required", "list_bot_templates", `{}`, 400, "validation", "`owner_client_id` is required"},
		{"delete owner required", "delete_bot_template", `{"id":"` + id + `"}`, 400, "validation", "`owner_client_id` is required"},
		{"reset owner required", "reset_bot_template_secret", `{"id":"` + id + `"}`, 400, "validation", "`owner_client_id` is required"},
		{"update unknown", "update_bot_template", `{"id":"nope","owner_client_id":"app"}`, 404, "not_found", "Bot template nope not found"},
		{"update other owner", "update_bot_template", `{"id":"` + id + `","owner_client_id":"other"}`, 404, "not_found", "Bot template " + id + " not found"},
		{"delete unknown", "delete_bot_template", `{"id":"nope","owner_client_id":"app"}`, 404, "not_found", "Bot template nope not found"},
		{"reset unknown", "reset_bot_template_secret", `{"id":"nope","owner_client_id":"app"}`, 404, "not_found", "Bot template nope not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := h.fail(tc.action, tc.body, tc.status, tc.typ)
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
		})
	}
}

func TestBotTemplateDelay(t *testing.T) {
	h := newHarness(t, withDelay)
	id, _ := h.createTemplate(`{"name":"T","owner_client_id":"app"}`)
	assertJSON(t, h.ok("list_bot_templates", `{"owner_client_id":"app"}`), `[]`)
	h.ok("update_bot_template", `{"id":"`+id+`","owner_client_id":"app","name":"T2"}`)
	h.clock.Advance(delay)
	assertJSON(t, h.ok("list_bot_templates", `{"owner_client_id":"app"}`), `[{"id":"`+id+`","name":"T2","avatar_path":""}]`)
	h.ok("delete_bot_template", `{"id":"`+id+`","owner_client_id":"app"}`)
	assertJSON(t, ids(t, h.ok("list_bot_templates", `{"owner_client_id":"app"}`), "id"), `["`+id+`"]`)
	// The limit counts what exists now, not what reads show.
	for i := 0; i < 5; i++ {
		h.createTemplate(fmt.Sprintf(`{"name":"T%d","owner_client_id":"app"}`, i))
	}
	h.fail("create_bot_template", `{"name":"T5","owner_client_id":"app"}`, http.StatusUnprocessableEntity, "limit_reached")
	if err := h.s.DeleteObject("bot_template", id); err == nil {
		t.Fatal("out-of-band delete of a deleted template succeeded")
	}
}
