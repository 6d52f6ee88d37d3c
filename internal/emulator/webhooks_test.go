package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func webhookBody(action, owner, extra string) string {
	body := fmt.Sprintf(`{"url":"https://example.com/hook","action":%q,"secret_key":"s3cret","owner_client_id":%q,"type":"license"`, action, owner)
	if extra != "" {
		body += "," + extra
	}
	return body + "}"
}

func TestWebhookRegisterListUnregister(t *testing.T) {
	h := newHarness(t)
	// The Register Webhook example.
	id, _ := field(t, h.ok("register_webhook", `{
		"url": "http://myservice.com/webhooks",
		"description": "Test webhook",
		"action": "chat_deactivated",
		"secret_key": "laudla991lamda0pnoaa0",
		"owner_client_id": "asXdesldiAJSq9padj",
		"type": "license"}`), "id").(string)
	full, _ := field(t, h.ok("register_webhook", `{
		"url": "https://example.com/events", "action": "incoming_event", "secret_key": "k", "type": "bot",
		"owner_client_id": "asXdesldiAJSq9padj",
		"additional_data": ["chat_properties", "chat_presence_user_ids", "chat_properties"],
		"filters": {
			"author_type": "customer", "only_my_chats": false, "source_type": ["my_client", "system"],
			"chat_presence": {"user_ids": {"values": ["johndoe@mail.com"]}, "my_bots": true}
		}}`), "id").(string)
	h.ok("register_webhook", webhookBody("chat_deactivated", "other-client", ""))
	assertJSON(t, h.ok("list_webhooks", `{"owner_client_id":"asXdesldiAJSq9padj"}`), fmt.Sprintf(`[
	  {"id":%q,"url":"http://myservice.com/webhooks","description":"Test webhook","action":"chat_deactivated",
	   "owner_client_id":"asXdesldiAJSq9padj","type":"license"},
	  {"id":%q,"url":"https://example.com/events","description":"","action":"incoming_event",
	   "owner_client_id":"asXdesldiAJSq9padj","type":"bot","additional_data":["chat_properties","chat_presence_user_ids"],
	   "filters":{"author_type":"customer","only_my_chats":false,"source_type":["my_client","system"],
	              "chat_presence":{"user_ids":{"values":["johndoe@mail.com"]},"my_bots":true}}}]`, id, full))
	assertJSON(t, h.ok("list_webhooks", `{"owner_client_id":"nobody"}`), `[]`)
	w, ok := h.s.Webhook(id)
	if !ok || w.SecretKey != "laudla991lamda0pnoaa0" {
		t.Fatalf("Webhook lookup: %+v %v", w, ok)
	}
	// Unregistering needs the owner that registered it.
	h.fail("unregister_webhook", fmt.Sprintf(`{"id":%q,"owner_client_id":"other-client"}`, id), http.StatusNotFound, "not_found")
	assertJSON(t, h.ok("unregister_webhook", fmt.Sprintf(`{"id":%q,"owner_client_id":"asXdesldiAJSq9padj"}`, id)), `{}`)
	if _, ok := h.s.Webhook(id); ok {
		t.Fatal("unregistered webhook still stored")
	}
	h.fail("unregister_webhook", fmt.Sprintf(`{"id":%q,"owner_client_id":"asXdesldiAJSq9padj"}`, id), http.StatusNotFound, "not_found")
}

// "One Client ID can register up to three webhooks for every action".
func TestWebhookLimitPerAction(t *testing.T) {
	h := newHarness(t)
	var first string
	for i := range 3 {
		id := field(t, h.ok("register_webhook", webhookBody("tag_created", "c1", "")), "id").(string)
		if i == 0 {
			first = id
		}
	}
	e := h.fail("register_webhook", webhookBody("tag_created", "c1", ""), http.StatusUnprocessableEntity, "limit_reached")
	if !strings.Contains(e["message"].(string), "tag_created") {
		t.Fatalf("message %v", e["message"])
	}
	// Other actions and other clients have their own three.
	h.ok("register_webhook", webhookBody("tag_deleted", "c1", ""))
	h.ok("register_webhook", webhookBody("tag_created", "c2", ""))
	h.ok("unregister_webhook", fmt.Sprintf(`{"id":%q,"owner_client_id":"c1"}`, first))
	h.ok("register_webhook", webhookBody("tag_created", "c1", ""))
}

// Each action allows only the filters of the "Triggering actions" table.
func TestWebhookFiltersPerAction(t *testing.T) {
	for _, a := range webhookActions {
		for _, f := range []struct{ name, json string }{
			{filterChatPresence, `"chat_presence":{"my_bots":true}`},
			{filterOnlyMyChats, `"only_my_chats":true`},
			{filterSourceType, `"source_type":["other_clients"]`},
			{filterAuthorType, `"author_type":"agent"`},
		} {
			h := newHarness(t)
			body := webhookBody(a.name, "c", `"filters":{`+f.json+`}`)
			if contains(a.filters, f.name) {
				h.ok("register_webhook", body)
			} else {
				e := h.fail("register_webhook", body, http.StatusBadRequest, "validation")
				if want := "`filters." + f.name + "` is not available for action " + a.name; !strings.HasPrefix(e["message"].(string), want) {
					t.Fatalf("message %q, want prefix %q", e["message"], want)
				}
			}
		}
	}
	if len(webhookActions) != 38 {
		t.Fatalf("%d actions, the table has 38", len(webhookActions))
	}
}

// The "Triggering actions" table of today's reference (configuration-api-v3.6-current.mdx,
// Register Webhook): event_deleted and thread_summary_set are new, incoming_customer is gone.
func TestWebhookActionsOfTodaysReference(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, ids(t, h.ok("list_webhook_names", `{}`), "action"), `["incoming_chat","chat_deactivated",
	 "chat_access_updated","chat_transferred","user_added_to_chat","user_removed_from_chat","incoming_event",
	 "event_deleted","event_updated","incoming_rich_message_postback","chat_properties_updated",
	 "chat_properties_deleted","thread_properties_updated","thread_properties_deleted","event_properties_updated",
	 "event_properties_deleted","thread_tagged","thread_untagged","routing_status_set",
	 "customer_session_fields_updated","events_marked_as_seen","group_created","group_updated","group_deleted",
	 "agent_created","agent_updated","agent_deleted","agent_suspended","agent_unsuspended","agent_approved",
	 "bot_created","bot_updated","bot_deleted","auto_accesses_updated","tag_created","tag_deleted","tag_updated",
	 "thread_summary_set"]`)
	chat := `"filters":{"chat_presence":{"my_bots":true},"only_my_chats":true,"source_type":["system"]},"additional_data":["chat_properties"]`
	for _, action := range []string{"event_deleted", "thread_summary_set"} {
		h.ok("register_webhook", webhookBody(action, "c", chat))
		e := h.fail("register_webhook", webhookBody(action, "c", `"filters":{"author_type":"agent"}`), http.StatusBadRequest, "validation")
		if want := "`filters.author_type` is not available for action " + action; !strings.HasPrefix(e["message"].(string), want) {
			t.Fatalf("message %q, want prefix %q", e["message"], want)
		}
	}
	e := h.fail("register_webhook", webhookBody("incoming_customer", "c", ""), http.StatusBadRequest, "validation")
	if !strings.HasPrefix(e["message"].(string), "`action` must be one of: ") {
		t.Fatalf("message %q", e["message"])
	}
}

// "Maximum: 500 characters" (Register Webhook `url`, today's reference).
func TestWebhookURLAtMost500Characters(t *testing.T) {
	h := newHarness(t)
	url := func(n int) string { // n characters, some of them not ASCII
		prefix := "https://example.com/ż"
		return prefix + strings.Repeat("a", n-len([]rune(prefix)))
	}
	h.ok("register_webhook", fmt.Sprintf(`{"url":%q,"action":"incoming_chat","secret_key":"k","owner_client_id":"c","type":"license"}`, url(500)))
	e := h.fail("register_webhook", fmt.Sprintf(`{"url":%q,"action":"incoming_chat","secret_key":"k","owner_client_id":"c","type":"license"}`, url(501)),
		http.StatusBadRequest, "validation")
	if e["message"] != "`url` must be at most 500 characters" {
		t.Fatalf("message %q", e["message"])
	}
}

func TestWebhookErrors(t *testing.T) {
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"action", "register_webhook", `{"url":"https://a.b","secret_key":"k","owner_client_id":"c","type":"license"}`, 400, "validation", "`action` is required"},
		{"action enum", "register_webhook", webhookBody("chat_started", "c", ""), 400, "validation", "`action` must be one of: " + strings.Join(webhookActionNames(), ", ")},
		{"secret", "register_webhook", `{"url":"https://a.b","action":"incoming_chat","secret_key":"","owner_client_id":"c","type":"license"}`, 400, "validation", "`secret_key` is required"},
		{"url", "register_webhook", `{"action":"incoming_chat","secret_key":"k","owner_client_id":"c","type":"license"}`, 400, "validation", "`url` is required"},
		{"url form", "register_webhook", `{"url":"myservice.com/hook","action":"incoming_chat","secret_key":"k","owner_client_id":"c","type":"license"}`, 400, "validation", "`url` must be an absolute http:// or https:// URL"},
		{"owner", "register_webhook", `{"url":"https://a.b","action":"incoming_chat","secret_key":"k","type":"license"}`, 400, "validation", "`owner_client_id` is required"},
		{"type", "register_webhook", `{"url":"https://a.b","action":"incoming_chat","secret_key":"k","owner_client_id":"c"}`, 400, "validation", "`type` is required"},
		{"type enum", "register_webhook", `{"url":"https://a.b","action":"incoming_chat","secret_key":"k","owner_client_id":"c","type":"app"}`, 400, "validation", "`type` must be one of: bot, license"},
		{"additional_data enum", "register_webhook", webhookBody("incoming_chat", "c", `"additional_data":["chat_users"]`), 400, "validation",
			"`additional_data[0]` must be one of: chat_properties, chat_presence_user_ids"},
		{"additional_data action", "register_webhook", webhookBody("agent_deleted", "c", `"additional_data":["chat_properties"]`), 400, "validation",
			"`additional_data` is not available for action agent_deleted"},
		{"additional_data routing", "register_webhook", webhookBody("routing_status_set", "c", `"additional_data":["chat_properties"]`), 400, "validation",
			"`additional_data` is not available for action routing_status_set"},
		{"author_type enum", "register_webhook", webhookBody("incoming_event", "c", `"filters":{"author_type":"bot"}`), 400, "validation",
			"`filters.author_type` must be one of: customer, agent"},
		{"source_type enum", "register_webhook", webhookBody("incoming_event", "c", `"filters":{"source_type":["mine"]}`), 400, "validation",
			"`filters.source_type[0]` must be one of: my_client, other_clients, system"},
		{"source_type empty", "register_webhook", webhookBody("incoming_event", "c", `"filters":{"source_type":[]}`), 400, "validation",
			"`filters.source_type` must not be empty"},
		{"agent_ids", "register_webhook", webhookBody("routing_status_set", "c", `"filters":{"agent_ids":["a@b.c"]}`), 400, "validation",
			"`filters.agent_ids` is not a supported parameter"},
		{"only_my_chats type", "register_webhook", webhookBody("incoming_chat", "c", `"filters":{"only_my_chats":"yes"}`), 400, "validation",
			"`filters.only_my_chats` must be a boolean"},
		{"user_ids both", "register_webhook", webhookBody("incoming_chat", "c", `"filters":{"chat_presence":{"user_ids":{"values":["a"],"exclude_values":["b"]}}}`), 400, "validation",
			"Only one of `filters.chat_presence.user_ids.values` and `filters.chat_presence.user_ids.exclude_values` is allowed"},
		{"user_ids none", "register_webhook", webhookBody("incoming_chat", "c", `"filters":{"chat_presence":{"user_ids":{}}}`), 400, "validation",
			"`filters.chat_presence.user_ids` must have values or exclude_values"},
		{"chat_presence empty", "register_webhook", webhookBody("incoming_chat", "c", `"filters":{"chat_presence":{}}`), 400, "validation",
			"`filters.chat_presence` must have user_ids or my_bots"},
		{"list owner", "list_webhooks", `{}`, 400, "validation", "`owner_client_id` is required"},
		{"unregister id", "unregister_webhook", `{"owner_client_id":"c"}`, 400, "validation", "`id` is required"},
		{"unregister owner", "unregister_webhook", `{"id":"x"}`, 400, "validation", "`owner_client_id` is required"},
		{"unregister missing", "unregister_webhook", `{"id":"x","owner_client_id":"c"}`, 404, "not_found", "Webhook x not found"},
		{"names version form", "list_webhook_names", `{"version":"latest"}`, 400, "validation", "`version` must be an API version such as \"3.6\""},
		{"names version", "list_webhook_names", `{"version":"2.0"}`, 400, "unsupported_version", "Cannot call unsupported API versions."},
		{"enable owner", "enable_license_webhooks", `{}`, 400, "validation", "`owner_client_id` is required"},
		{"disable owner", "disable_license_webhooks", `{"owner_client_id":""}`, 400, "validation", "`owner_client_id` is required"},
		{"state owner", "get_license_webhooks_state", `{"client_id":"c"}`, 400, "validation", "`client_id` is not a supported parameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			e := h.fail(tc.action, tc.body, tc.status, tc.typ)
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
		})
	}
}

func TestWebhookNames(t *testing.T) {
	h := newHarness(t)
	def := h.ok("list_webhook_names", `{}`)
	assertJSON(t, h.ok("list_webhook_names", `{"version":"3.6"}`), string(mustJSON(t, def)))
	list := def.([]any)
	if len(list) != 38 {
		t.Fatalf("%d webhook names", len(list))
	}
	byAction := map[string]any{}
	for _, x := range list {
		byAction[field(t, x, "action").(string)] = x
	}
	assertJSON(t, byAction["incoming_event"], `{"action":"incoming_event","filters":["chat_presence","author_type","only_my_chats","source_type"],
		"additional_data":["chat_properties","chat_presence_user_ids"]}`)
	assertJSON(t, byAction["routing_status_set"], `{"action":"routing_status_set","filters":["agent_ids","source_type"]}`)
	assertJSON(t, byAction["event_deleted"], `{"action":"event_deleted","filters":["chat_presence","only_my_chats","source_type"],
		"additional_data":["chat_properties","chat_presence_user_ids"]}`)
	assertJSON(t, byAction["agent_deleted"], `{"action":"agent_deleted","filters":["source_type"]}`)
	assertJSON(t, byAction["group_created"], `{"action":"group_created","filters":["source_type"],"additional_data":["chat_properties","chat_presence_user_ids"]}`)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLicenseWebhooksState(t *testing.T) {
	h := newHarness(t, withDelay)
	get := func(owner string) any {
		return field(t, h.ok("get_license_webhooks_state", fmt.Sprintf(`{"owner_client_id":%q}`, owner)), "license_webhooks_enabled")
	}
	if get("c1") != true {
		t.Fatal("webhooks not enabled by default")
	}
	assertJSON(t, h.ok("disable_license_webhooks", `{"owner_client_id":"c1"}`), `{}`)
	if enabled, set := h.s.LicenseWebhooksEnabled("c1"); enabled || !set {
		t.Fatalf("authoritative state %v %v", enabled, set)
	}
	if get("c1") != true {
		t.Fatal("disable visible before the delay")
	}
	h.clock.Advance(delay)
	if get("c1") != false || get("c2") != true {
		t.Fatal("state is not per client id")
	}
	h.ok("enable_license_webhooks", `{"owner_client_id":"c1"}`)
	h.clock.Advance(delay)
	if get("c1") != true {
		t.Fatal("enable not visible")
	}
	h.ok("disable_license_webhooks", `{"owner_client_id":"c1"}`)
	h.ok("disable_license_webhooks", `{"owner_client_id":"c1"}`) // idempotent
	if err := h.s.DeleteObject("license_webhooks_state", "c1"); err != nil {
		t.Fatal(err)
	}
	if enabled, set := h.s.LicenseWebhooksEnabled("c1"); !enabled || set || get("c1") != true {
		t.Fatal("out-of-band delete did not restore the default")
	}
}

func TestWebhookPropagationAndState(t *testing.T) {
	h := newHarness(t, withDelay)
	id := field(t, h.ok("register_webhook", webhookBody("incoming_chat", "c1", `"filters":{"only_my_chats":true}`)), "id").(string)
	assertJSON(t, h.ok("list_webhooks", `{"owner_client_id":"c1"}`), `[]`)
	h.clock.Advance(delay)
	if got := ids(t, h.ok("list_webhooks", `{"owner_client_id":"c1"}`), "id"); len(got) != 1 || got[0] != id {
		t.Fatalf("listed %v", got)
	}
	h.ok("disable_license_webhooks", `{"owner_client_id":"c1"}`)
	dump, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t)
	if err := h2.s.LoadState(dump); err != nil {
		t.Fatal(err)
	}
	if w, ok := h2.s.Webhook(id); !ok || w.SecretKey != "s3cret" || w.Filters == nil || !*w.Filters.OnlyMyChats {
		t.Fatalf("loaded webhook %+v", w)
	}
	if enabled, _ := h2.s.LicenseWebhooksEnabled("c1"); enabled {
		t.Fatal("license webhooks state not loaded")
	}
	if err := h2.s.DeleteObject("webhook", id); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, h2.ok("list_webhooks", `{"owner_client_id":"c1"}`), `[]`)
	bad := []struct{ name, doc, want string }{
		{"filter", `{"webhooks":[{"id":"w","url":"https://a.b","action":"tag_created","secret_key":"k","owner_client_id":"c","type":"license",
		  "filters":{"only_my_chats":true}}]}`, "not available for action tag_created"},
		{"limit", `{"webhooks":[{"id":"w1","url":"https://a.b","action":"tag_created","secret_key":"k","owner_client_id":"c","type":"license"},
			 {"id":"w2","url":"https://a.b","action":"tag_created","secret_key":"k","owner_client_id":"c","type":"license"},
			 {"id":"w3","url":"https://a.b","action":"tag_created","secret_key":"k","owner_client_id":"c","type":"license"},
			 {"id":"w4","url":"https://a.b","action":"tag_created","secret_key":"k","owner_client_id":"c","type":"license"}]}`, "more than 3"},
		{"state owner", `{"license_webhooks_states":[{"license_webhooks_enabled":false}]}`, "no owner_client_id"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			err := newHarness(t).s.LoadFixture([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
