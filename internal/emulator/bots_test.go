package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

const allBotFields = `["work_scheduler","groups","job_title","max_chats_count","timezone"]`

// createBot creates a bot and returns its id and secret.
func (h *harness) createBot(body string) (string, string) {
	h.t.Helper()
	out := h.ok("create_bot", body)
	id, _ := field(h.t, out, "id").(string)
	secret, _ := field(h.t, out, "secret").(string)
	if !hex32.MatchString(id) || !hex32.MatchString(secret) || id == secret {
		h.t.Fatalf("create_bot answered %v", out)
	}
	return id, secret
}

func TestBotCreateGetList(t *testing.T) {
	h := newHarness(t)
	id, secret := h.createBot(`{"name":"Bot Name","avatar":"https://example.com/avatar.jpg","max_chats_count":500,
	 "default_group_priority":"normal","job_title":"Helper","owner_client_id":"app-1",
	 "groups":[{"id":0,"priority":"first"}],
	 "work_scheduler":{"timezone":"Europe/Warsaw","schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"16:00"}]}}`)

	// get_bot without fields: the base fields of the Get Bot example (see API-NOTES.md).
	assertJSON(t, h.ok("get_bot", `{"id":"`+id+`"}`), `{"id":"`+id+`","name":"Bot Name",
	 "avatar_path":"https://example.com/avatar.jpg","default_group_priority":"normal","owner_client_id":"app-1"}`)
	assertJSON(t, h.ok("get_bot", `{"id":"`+id+`","fields":`+allBotFields+`}`), `{"id":"`+id+`","name":"Bot Name",
	 "avatar_path":"https://example.com/avatar.jpg","default_group_priority":"normal","owner_client_id":"app-1",
	 "groups":[{"id":0,"priority":"first"}],"job_title":"Helper","max_chats_count":500,"timezone":"Europe/Warsaw",
	 "work_scheduler":{"timezone":"Europe/Warsaw","schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"16:00"}]}}`)

	// The docs' own example: name only; defaults apply, the token's client owns the bot.
	id2, _ := h.createBot(`{"name":"Bot Name"}`)
	assertJSON(t, h.ok("get_bot", `{"id":"`+id2+`","fields":`+allBotFields+`}`), `{"id":"`+id2+`","name":"Bot Name",
	 "avatar_path":"","default_group_priority":"first","owner_client_id":"livechat-emulator","groups":[],
	 "job_title":"","max_chats_count":6,"timezone":"","work_scheduler":{"timezone":"","schedule":[]}}`)

	// list_bots: the example's three fields, plus the requested ones.
	list := h.ok("list_bots", `{"all":true}`)
	assertJSON(t, list, `[{"id":"`+id+`","name":"Bot Name","avatar_path":"https://example.com/avatar.jpg"},
	 {"id":"`+id2+`","name":"Bot Name","avatar_path":""}]`)
	list = h.ok("list_bots", `{"fields":["max_chats_count","groups"]}`)
	assertJSON(t, list.([]any)[0], `{"id":"`+id+`","name":"Bot Name","avatar_path":"https://example.com/avatar.jpg",
	 "max_chats_count":500,"groups":[{"id":0,"priority":"first"}]}`)

	// The secret is only in the create answer (and the emulator's own record).
	b, ok := h.s.Bot(id)
	if !ok || b.Secret != secret || b.CreatedBy != defaultOwnerID {
		t.Fatalf("Bot(%s) = %+v, %v", id, b, ok)
	}
}

func TestListBotsAllFalseIsTheRequestersBots(t *testing.T) {
	h := newHarness(t, func(o *Options) {
		o.PATs = []PAT{{AccountID: "acc", LoginEmail: "agent@example.com", Token: "pat"}}
	})
	mine, _ := h.createBot(`{"name":"Mine"}`)
	// A bot created by another requester (a PAT of another agent).
	w := h.do(http.MethodPost, "/v3.6/configuration/action/create_bot", `{"name":"Theirs","owner_client_id":"app"}`, map[string]string{
		"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("acc:pat")),
		"Content-Type":  "application/json",
	})
	if w.Code != http.StatusOK {
		t.Fatalf("create_bot with PAT: %d %s", w.Code, w.Body)
	}
	assertJSON(t, ids(t, h.ok("list_bots", `{}`), "id"), `["`+mine+`"]`)
	assertJSON(t, ids(t, h.ok("list_bots", `{"all":false}`), "id"), `["`+mine+`"]`)
	if got := h.ok("list_bots", `{"all":true}`).([]any); len(got) != 2 {
		t.Fatalf("all=true: %v", got)
	}
}

func TestBotValidation(t *testing.T) {
	h := newHarness(t)
	id, _ := h.createBot(`{"name":"B"}`)
	cases := []struct {
		name, action, body, msg string
	}{
		{"name required", "create_bot", `{}`, "`name` is required"},
		{"name empty", "create_bot", `{"name":""}`, "`name` is required"},
		{"name type", "create_bot", `{"name":1}`, "`name` must be a string"},
		{"unknown param", "create_bot", `{"name":"B","role":"normal"}`, "`role` is not a supported parameter"},
		{"max chats > 500", "create_bot", `{"name":"B","max_chats_count":501}`, "`max_chats_count` must be between 0 and 500"},
		{"max chats < 0", "update_bot", `{"id":"` + id + `","max_chats_count":-1}`, "`max_chats_count` must be between 0 and 500"},
		{"max chats float", "create_bot", `{"name":"B","max_chats_count":2.5}`, "`max_chats_count` must be an integer"},
		{"default priority", "create_bot", `{"name":"B","default_group_priority":"high"}`, "`default_group_priority` must be one of: first, normal, last, supervisor"},
		{"group priority", "create_bot", `{"name":"B","groups":[{"id":0,"priority":"bot"}]}`, "`groups[0].priority` must be one of: first, normal, last, supervisor"},
		{"group priority required", "update_bot", `{"id":"` + id + `","groups":[{"id":0}]}`, "`groups[0].priority` is required"},
		{"group id required", "create_bot", `{"name":"B","groups":[{"priority":"first"}]}`, "`groups[0].id` is required"},
		{"group twice", "create_bot", `{"name":"B","groups":[{"id":0,"priority":"first"},{"id":0,"priority":"last"}]}`, "`groups[1].id`: group 0 is listed twice"},
		{"timezone", "create_bot", `{"name":"B","work_scheduler":{"timezone":"Mars/Olympus","schedule":[]}}`, "`work_scheduler.timezone` must be an IANA time zone name"},
		{"timezone needed", "create_bot", `{"name":"B","work_scheduler":{"schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"09:00"}]}}`, "`work_scheduler.timezone` is required when the schedule is not empty"},
		{"schedule day", "update_bot", `{"id":"` + id + `","work_scheduler":{"timezone":"UTC","schedule":[{"day":"funday","enabled":true,"start":"08:00","end":"09:00"}]}}`, "`work_scheduler.schedule[0].day` must be one of: sunday, monday, tuesday, wednesday, thursday, friday, saturday"},
		{"schedule time", "create_bot", `{"name":"B","work_scheduler":{"timezone":"UTC","schedule":[{"day":"monday","enabled":true,"start":"8:00","end":"09:00"}]}}`, "`work_scheduler.schedule[0].start` must be a time in the HH:MM format"},
		{"day-map shape is agents-only", "update_bot", `{"id":"` + id + `","work_scheduler":{"monday":{"start":"08:00","end":"09:00"}}}`, "`work_scheduler.monday` is not a supported parameter"},
		{"owner empty", "create_bot", `{"name":"B","owner_client_id":""}`, "`owner_client_id` must not be empty"},
		{"update id required", "update_bot", `{"name":"B"}`, "`id` is required"},
		{"update name empty", "update_bot", `{"id":"` + id + `","name":""}`, "`name` must not be empty"},
		{"update job_title type", "update_bot", `{"id":"` + id + `","job_title":7}`, "`job_title` must be a string"},
		{"type empty", "create_bot", `{"name":"B","type":""}`, "`type` must not be empty"},
		{"update type empty", "update_bot", `{"id":"` + id + `","type":""}`, "`type` must not be empty"},
		{"type string", "update_bot", `{"id":"` + id + `","type":1}`, "`type` must be a string"},
		{"templates have no type", "create_bot_template", `{"name":"T","owner_client_id":"app","type":"chatbot"}`, "`type` is not a supported parameter"},
		{"update has no owner", "update_bot", `{"id":"` + id + `","owner_client_id":"x"}`, "`owner_client_id` is not a supported parameter"},
		{"delete id required", "delete_bot", `{}`, "`id` is required"},
		{"get id required", "get_bot", `{"fields":["groups"]}`, "`id` is required"},
		{"get field", "get_bot", `{"id":"` + id + `","fields":["secret"]}`, "`fields[0]` must be one of: work_scheduler, groups, job_title, max_chats_count, timezone"},
		{"list all type", "list_bots", `{"all":"yes"}`, "`all` must be a boolean"},
		{"list field", "list_bots", `{"fields":["owner_client_id"]}`, "`fields[0]` must be one of: work_scheduler, groups, job_title, max_chats_count, timezone"},
		{"list filters", "list_bots", `{"filters":{}}`, "`filters` is not a supported parameter"},
		{"reset id required", "reset_bot_secret", `{"owner_client_id":"x"}`, "`id` is required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := h.fail(tc.action, tc.body, http.StatusBadRequest, "validation")
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
		})
	}
}

// Today's reference: update_bot takes job_title (since 2025-07), and create_bot/update_bot take a
// free-form type, default chatbot, that no read documents (see API-NOTES.md).
func TestBotJobTitleAndType(t *testing.T) {
	h := newHarness(t)
	id, _ := h.createBot(`{"name":"B"}`)
	if b, _ := h.s.Bot(id); b.Type != "chatbot" || b.JobTitle != "" {
		t.Fatalf("new bot: type %q, job_title %q", b.Type, b.JobTitle)
	}
	assertJSON(t, h.ok("update_bot", `{"id":"`+id+`","job_title":"Concierge","type":"support"}`), `{}`)
	if b, _ := h.s.Bot(id); b.Type != "support" || b.JobTitle != "Concierge" {
		t.Fatalf("updated bot: type %q, job_title %q", b.Type, b.JobTitle)
	}
	// Reads show job_title when asked for it, and never the type.
	assertJSON(t, h.ok("get_bot", `{"id":"`+id+`","fields":`+allBotFields+`}`), `{"id":"`+id+`","name":"B",
	 "avatar_path":"","default_group_priority":"first","owner_client_id":"livechat-emulator","groups":[],
	 "job_title":"Concierge","max_chats_count":6,"timezone":"","work_scheduler":{"timezone":"","schedule":[]}}`)
	assertJSON(t, h.ok("list_bots", `{"all":true,"fields":["job_title"]}`), `[{"id":"`+id+`","name":"B","avatar_path":"","job_title":"Concierge"}]`)
	// An update without type keeps it; create takes one too.
	h.ok("update_bot", `{"id":"`+id+`","name":"C"}`)
	if b, _ := h.s.Bot(id); b.Type != "support" {
		t.Fatalf("type %q after an update without type", b.Type)
	}
	id2, _ := h.createBot(`{"name":"FAQ","type":"faq","job_title":"Helper"}`)
	if b, _ := h.s.Bot(id2); b.Type != "faq" || b.JobTitle != "Helper" {
		t.Fatalf("created bot: type %q, job_title %q", b.Type, b.JobTitle)
	}
}

// Bots' groups[].priority takes supervisor like default_group_priority: every reference since
// v3.2 lists it for both (the Go SDK refuses it client-side; see API-NOTES.md).
func TestBotGroupPrioritySupervisor(t *testing.T) {
	h := newHarness(t)
	id, _ := h.createBot(`{"name":"B","groups":[{"id":0,"priority":"supervisor"}]}`)
	assertJSON(t, field(t, h.ok("get_bot", `{"id":"`+id+`","fields":["groups"]}`), "groups"), `[{"id":0,"priority":"supervisor"}]`)
	h.ok("update_bot", `{"id":"`+id+`","groups":[{"id":0,"priority":"last"}]}`)
	h.ok("update_bot", `{"id":"`+id+`","groups":[{"id":0,"priority":"supervisor"}]}`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0,"fields":["agent_priorities"]}`), "agent_priorities"),
		`{"owner@example.com":"normal","`+id+`":"supervisor"}`)
}

func TestBotErrors(t *testing.T) {
	h := newHarness(t)
	id, _ := h.createBot(`{"name":"B","owner_client_id":"app-1"}`)
	missing := `{"id":"00000000000000000000000000000000"}`
	for _, action := range []string{"get_bot", "update_bot", "delete_bot", "reset_bot_secret"} {
		e := h.fail(action, missing, http.StatusNotFound, "not_found")
		if e["message"] != "Bot 00000000000000000000000000000000 not found" {
			t.Errorf("%s: message %q", action, e["message"])
		}
	}
	h.fail("create_bot", `{"name":"B","groups":[{"id":7,"priority":"first"}]}`, http.StatusNotFound, "group_not_found")
	h.fail("update_bot", `{"id":"`+id+`","groups":[{"id":7,"priority":"first"}]}`, http.StatusNotFound, "group_not_found")
	// reset_bot_secret with another client's owner_client_id.
	h.fail("reset_bot_secret", `{"id":"`+id+`","owner_client_id":"app-2"}`, http.StatusForbidden, "authorization")
}

func TestBotUpdateDeleteAndSecret(t *testing.T) {
	h := newHarness(t)
	id, secret := h.createBot(`{"name":"B","job_title":"Helper","owner_client_id":"app-1",
	 "work_scheduler":{"timezone":"Europe/Warsaw","schedule":[]}}`)
	assertJSON(t, h.ok("update_bot", `{"id":"`+id+`","name":"New Bot Name","avatar":"a.png","max_chats_count":0,
	 "default_group_priority":"supervisor","groups":[{"id":0,"priority":"last"}],
	 "work_scheduler":{"schedule":[{"day":"friday","enabled":false,"start":"10:00","end":"11:00"}]}}`), `{}`)
	assertJSON(t, h.ok("get_bot", `{"id":"`+id+`","fields":`+allBotFields+`}`), `{"id":"`+id+`","name":"New Bot Name",
	 "avatar_path":"a.png","default_group_priority":"supervisor","owner_client_id":"app-1","groups":[{"id":0,"priority":"last"}],
	 "job_title":"Helper","max_chats_count":0,"timezone":"Europe/Warsaw",
	 "work_scheduler":{"timezone":"Europe/Warsaw","schedule":[{"day":"friday","enabled":false,"start":"10:00","end":"11:00"}]}}`)
	// Only id: nothing changes.
	assertJSON(t, h.ok("update_bot", `{"id":"`+id+`"}`), `{}`)

	// reset_bot_secret answers a new secret, with or without the owning client.
	out := h.ok("reset_bot_secret", `{"id":"`+id+`"}`)
	s1, _ := field(t, out, "secret").(string)
	out = h.ok("reset_bot_secret", `{"id":"`+id+`","owner_client_id":"app-1"}`)
	s2, _ := field(t, out, "secret").(string)
	if !hex32.MatchString(s1) || !hex32.MatchString(s2) || s1 == secret || s2 == s1 {
		t.Fatalf("secrets %q %q %q", secret, s1, s2)
	}
	if b, _ := h.s.Bot(id); b.Secret != s2 {
		t.Fatalf("stored secret %q, want %q", b.Secret, s2)
	}

	assertJSON(t, h.ok("delete_bot", `{"id":"`+id+`"}`), `{}`)
	h.fail("get_bot", `{"id":"`+id+`"}`, http.StatusNotFound, "not_found")
	if _, ok := h.s.Bot(id); ok {
		t.Fatal("deleted bot still in the store")
	}
}

func TestBotBatch(t *testing.T) {
	h := newHarness(t)
	out := h.ok("batch_create_bots", `{"requests":[{"name":"A"},{"name":""},{"name":"C","groups":[{"id":9,"priority":"first"}]},"x"]}`)
	resp := field(t, out, "responses").([]any)
	if len(resp) != 4 {
		t.Fatalf("responses %v", resp)
	}
	a, _ := field(t, resp[0], "id").(string)
	if !hex32.MatchString(a) || !hex32.MatchString(field(t, resp[0], "secret").(string)) {
		t.Fatalf("first item %v", resp[0])
	}
	assertJSON(t, resp[1:], `[{"error":{"type":"validation","message":"`+"`name` is required"+`"}},
	 {"error":{"type":"group_not_found","message":"Group 9 not found"}},
	 {"error":{"type":"validation","message":"Wrong format of request"}}]`)

	assertJSON(t, h.ok("batch_update_bots", `{"requests":[{"id":"`+a+`","name":"A2"},{"id":"nope"}]}`),
		`{"responses":[{},{"error":{"type":"not_found","message":"Bot nope not found"}}]}`)
	assertJSON(t, field(t, h.ok("get_bot", `{"id":"`+a+`"}`), "name"), `"A2"`)
	assertJSON(t, h.ok("batch_delete_bots", `{"requests":[{"id":"`+a+`"},{}]}`),
		`{"responses":[{},{"error":{"type":"validation","message":"`+"`id` is required"+`"}}]}`)
	assertJSON(t, h.ok("list_bots", `{"all":true}`), `[]`)
}

// Bots are group members like agents: both sides of the relation show them, update_group's
// agent_priorities sets them, deleting a group drops them.
func TestBotGroupMembership(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.ok("create_group", `{"name":"G","agent_priorities":{}}`), `{"id":1}`)
	id, _ := h.createBot(`{"name":"B","groups":[{"id":1,"priority":"first"}]}`)
	members := func(gid string) any {
		return field(t, h.ok("get_group", `{"id":`+gid+`,"fields":["agent_priorities"]}`), "agent_priorities")
	}
	botGroups := func() any { return field(t, h.ok("get_bot", `{"id":"`+id+`","fields":["groups"]}`), "groups") }
	assertJSON(t, members("1"), `{"`+id+`":"first"}`)

	h.ok("update_group", `{"id":0,"agent_priorities":{"owner@example.com":"normal","`+id+`":"supervisor"}}`)
	assertJSON(t, botGroups(), `[{"id":0,"priority":"supervisor"},{"id":1,"priority":"first"}]`)
	h.ok("update_group", `{"id":1,"agent_priorities":{}}`)
	assertJSON(t, botGroups(), `[{"id":0,"priority":"supervisor"}]`)
	h.ok("create_group", `{"name":"H","agent_priorities":{"`+id+`":"last"}}`)
	assertJSON(t, botGroups(), `[{"id":0,"priority":"supervisor"},{"id":2,"priority":"last"}]`)
	h.ok("delete_group", `{"id":2}`)
	assertJSON(t, botGroups(), `[{"id":0,"priority":"supervisor"}]`)
	// Out-of-band group deletes cascade too.
	h.ok("update_bot", `{"id":"`+id+`","groups":[{"id":0,"priority":"first"},{"id":1,"priority":"normal"}]}`)
	if err := h.s.DeleteObject("group", "1"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, botGroups(), `[{"id":0,"priority":"first"}]`)
	// Deleting the bot removes it from the groups.
	h.ok("delete_bot", `{"id":"`+id+`"}`)
	assertJSON(t, members("0"), `{"owner@example.com":"normal"}`)
}

func TestBotDelay(t *testing.T) {
	h := newHarness(t, withDelay)
	id, secret := h.createBot(`{"name":"B","owner_client_id":"app"}`)
	h.fail("get_bot", `{"id":"`+id+`"}`, http.StatusNotFound, "not_found")
	assertJSON(t, h.ok("list_bots", `{"all":true}`), `[]`)
	// A new bot cannot be referenced yet: not in group members, no token.
	h.fail("update_group", `{"id":0,"agent_priorities":{"`+id+`":"first"}}`, http.StatusNotFound, "not_found")
	h.fail("issue_bot_token", `{"bot_id":"`+id+`","client_id":"app","bot_secret":"`+secret+`","organization_id":"`+testOrg+`"}`, http.StatusNotFound, "not_found")
	// Writes act on the authoritative bot.
	h.ok("update_bot", `{"id":"`+id+`","name":"B2"}`)
	h.clock.Advance(delay)
	assertJSON(t, field(t, h.ok("get_bot", `{"id":"`+id+`"}`), "name"), `"B2"`)
	h.ok("update_group", `{"id":0,"agent_priorities":{"`+id+`":"first"}}`)

	// An update shows the old value until the delay has passed; a delete keeps the bot visible.
	h.ok("update_bot", `{"id":"`+id+`","name":"B3"}`)
	assertJSON(t, field(t, h.ok("get_bot", `{"id":"`+id+`"}`), "name"), `"B2"`)
	h.ok("delete_bot", `{"id":"`+id+`"}`)
	h.ok("get_bot", `{"id":"`+id+`"}`)
	h.clock.Advance(delay)
	h.fail("get_bot", `{"id":"`+id+`"}`, http.StatusNotFound, "not_found")
}

const testOrg = "1a8a9ec7-bd5d-4400-9204-3826740981e0"

func TestIssueBotToken(t *testing.T) {
	h := newHarness(t)
	id, secret := h.createBot(`{"name":"B","owner_client_id":"238ac5c3c3628210aca289c6d700d2c1"}`)
	req := func(botID, client, sec, org string) string {
		b, _ := json.Marshal(map[string]string{"bot_id": botID, "client_id": client, "bot_secret": sec, "organization_id": org})
		return string(b)
	}
	out := h.ok("issue_bot_token", req(id, "238ac5c3c3628210aca289c6d700d2c1", secret, testOrg))
	token, _ := field(t, out, "token").(string)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not a JWT", token)
	}
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(claims, &c); err != nil {
		t.Fatal(err)
	}
	if c["sub"] != id || c["organization_id"] != testOrg || c["exp"].(float64)-c["iat"].(float64) != 86400 {
		t.Fatalf("claims %v", c)
	}
	toks := h.s.BotTokens(id)
	if len(toks) != 1 || toks[0].Token != token || toks[0].ExpiresAt.Sub(toks[0].IssuedAt).Hours() != 24 {
		t.Fatalf("BotTokens = %+v", toks)
	}

	cases := []struct {
		name, body string
		status     int
		typ, msg   string
	}{
		{"bot_id required", `{"client_id":"c","bot_secret":"s","organization_id":"` + testOrg + `"}`, 400, "validation", "`bot_id` is required"},
		{"client_id required", `{"bot_id":"b","bot_secret":"s","organization_id":"` + testOrg + `"}`, 400, "validation", "`client_id` is required"},
		{"bot_secret required", `{"bot_id":"b","client_id":"c","organization_id":"` + testOrg + `"}`, 400, "validation", "`bot_secret` is required"},
		{"organization_id required", `{"bot_id":"b","client_id":"c","bot_secret":"s"}`, 400, "validation", "`organization_id` is required"},
		{"organization_id format", req(id, "c", "s", "org-1"), 400, "validation", "`organization_id` must be a UUID"},
		{"unknown param", `{"bot_id":"b","client_id":"c","bot_secret":"s","organization_id":"` + testOrg + `","scope":"x"}`, 400, "validation", "`scope` is not a supported parameter"},
		{"unknown bot", req("nope", "238ac5c3c3628210aca289c6d700d2c1", secret, testOrg), 404, "not_found", "Bot nope not found"},
		{"other client", req(id, "other", secret, testOrg), 403, "authorization", "Client other does not own bot " + id},
		{"wrong secret", req(id, "238ac5c3c3628210aca289c6d700d2c1", "nope", testOrg), 403, "authorization", "`bot_secret` is not the secret of bot " + id},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := h.fail("issue_bot_token", tc.body, tc.status, tc.typ)
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
		})
	}

	// A reset secret replaces the old one.
	newSecret := field(t, h.ok("reset_bot_secret", `{"id":"`+id+`"}`), "secret").(string)
	h.fail("issue_bot_token", req(id, "238ac5c3c3628210aca289c6d700d2c1", secret, testOrg), 403, "authorization")
	h.ok("issue_bot_token", req(id, "238ac5c3c3628210aca289c6d700d2c1", newSecret, testOrg))
	if n := len(h.s.BotTokens("")); n != 2 {
		t.Fatalf("%d tokens issued, want 2", n)
	}
}

func TestBotStateRoundTripAndFixture(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	id, secret := h.createBot(`{"name":"B","owner_client_id":"app","type":"faq","groups":[{"id":1,"priority":"first"}],
	 "work_scheduler":{"timezone":"UTC","schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"09:00"}]}}`)
	tpl := h.ok("create_bot_template", `{"name":"T","owner_client_id":"app","job_title":"J"}`)
	saved, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	other := newHarness(t)
	if err := other.s.LoadState(saved); err != nil {
		t.Fatal(err)
	}
	again, _ := other.s.StateJSON()
	if string(again) != string(saved) {
		t.Fatalf("round trip differs:\n%s\nvs\n%s", again, saved)
	}
	// Loaded bots keep their secrets, types and memberships; templates their owner.
	if b, _ := other.s.Bot(id); b.Type != "faq" {
		t.Fatalf("loaded bot type %q", b.Type)
	}
	other.ok("issue_bot_token", `{"bot_id":"`+id+`","client_id":"app","bot_secret":"`+secret+`","organization_id":"`+testOrg+`"}`)
	assertJSON(t, field(t, other.ok("get_group", `{"id":1,"fields":["agent_priorities"]}`), "agent_priorities"), `{"`+id+`":"first"}`)
	assertJSON(t, ids(t, other.ok("list_bot_templates", `{"owner_client_id":"app"}`), "id"), `["`+field(t, tpl, "id").(string)+`"]`)

	// A fixture: defaults apply, a group's agent_priorities may name a bot.
	f := newHarness(t)
	err = f.s.LoadFixture([]byte(`{"groups":[{"id":3,"name":"Bots","agent_priorities":{"b1":"normal"}}],
	 "bots":[{"id":"b1","name":"Fixture Bot","owner_client_id":"app"}],
	 "bot_templates":[{"id":"t1","name":"Fixture Template","owner_client_id":"app"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	b, ok := f.s.Bot("b1")
	if !ok || b.MaxChatsCount != 6 || b.DefaultGroupPriority != "first" || b.Type != "chatbot" || !hex32.MatchString(b.Secret) {
		t.Fatalf("fixture bot %+v", b)
	}
	assertJSON(t, b.Groups, `[{"id":3,"priority":"normal"}]`)
	if tp, ok := f.s.BotTemplate("t1"); !ok || tp.MaxChatsCount != 6 || !hex32.MatchString(tp.Secret) {
		t.Fatalf("fixture template %+v", tp)
	}
}

func TestBotLoadRejectsBadState(t *testing.T) {
	g0 := `"groups":[{"id":0,"name":"General"}]`
	for name, doc := range map[string]string{
		"bot no id":          `{` + g0 + `,"bots":[{"name":"B"}]}`,
		"bot no name":        `{` + g0 + `,"bots":[{"id":"b"}]}`,
		"bot twice":          `{` + g0 + `,"bots":[{"id":"b","name":"B"},{"id":"b","name":"C"}]}`,
		"bot bad group":      `{` + g0 + `,"bots":[{"id":"b","name":"B","groups":[{"id":4,"priority":"first"}]}]}`,
		"bot bad priority":   `{` + g0 + `,"bots":[{"id":"b","name":"B","default_group_priority":"top"}]}`,
		"bot max chats":      `{` + g0 + `,"bots":[{"id":"b","name":"B","max_chats_count":501}]}`,
		"bot empty type":     `{` + g0 + `,"bots":[{"id":"b","name":"B","type":""}]}`,
		"bot unknown key":    `{` + g0 + `,"bots":[{"id":"b","name":"B","role":"normal"}]}`,
		"member bad prio":    `{"groups":[{"id":0,"name":"General","agent_priorities":{"b":"top"}}],"bots":[{"id":"b","name":"B"}]}`,
		"template no owner":  `{` + g0 + `,"bot_templates":[{"id":"t","name":"T"}]}`,
		"template twice":     `{` + g0 + `,"bot_templates":[{"id":"t","name":"T","owner_client_id":"a"},{"id":"t","name":"T","owner_client_id":"a"}]}`,
		"template over five": `{` + g0 + `,"bot_templates":[` + strings.TrimSuffix(strings.Repeat(`{"id":"tX","name":"T","owner_client_id":"a"},`, 6), ",") + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if name == "template over five" {
				for i := 0; i < 6; i++ {
					doc = strings.Replace(doc, `"tX"`, `"t`+string(rune('0'+i))+`"`, 1)
				}
			}
			s := New(Options{})
			if err := s.LoadState([]byte(doc)); err == nil {
				t.Fatal("LoadState accepted it")
			}
		})
	}
}

func TestBotDeleteObject(t *testing.T) {
	h := newHarness(t, withDelay)
	id, _ := h.createBot(`{"name":"B"}`)
	if err := h.s.DeleteObject("bot", id); err != nil {
		t.Fatal(err)
	}
	if _, ok := h.s.Bot(id); ok {
		t.Fatal("bot still there")
	}
	h.clock.Advance(delay)
	h.fail("get_bot", `{"id":"`+id+`"}`, http.StatusNotFound, "not_found")
	if err := h.s.DeleteObject("bot", id); err == nil {
		t.Fatal("deleting a missing bot succeeded")
	}
}
