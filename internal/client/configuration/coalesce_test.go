package configuration_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The run's cached lists: N concurrent reads of a type cost one list call; a
// write of the type makes the next read list again. The gets (GetAgent,
// GetGroup, fresh GroupProperties) never use the cached list. Which of them
// serves a refresh is the provider's choice (helpers_read.go).
func TestCachedLists(t *testing.T) {
	type kind struct {
		name     string
		list     string   // the list action that serves coalesced reads
		get      string   // the per-object action without coalescing
		ids      []string // objects to read; "missing" is not listed
		read     func(ctx context.Context, c *configuration.Client, id string) error
		write    func(ctx context.Context, c *configuration.Client) error
		fresh    func(ctx context.Context, c *configuration.Client, id string) error
		handlers map[string]actionHandler
	}
	kinds := []kind{
		{
			name: "agents", list: "list_agents", get: "get_agent",
			ids: []string{"a@example.com", "b@example.com", "c@example.com"},
			read: func(ctx context.Context, c *configuration.Client, id string) error {
				agents, _, err := c.ListAgentsAfter(ctx, time.Time{})
				if err == nil && client.Find(agents, func(a *configuration.Agent) bool { return a.ID == id }) == nil {
					err = fmt.Errorf("agent %q not listed", id)
				}
				return err
			},
			write: func(ctx context.Context, c *configuration.Client) error {
				return c.UpdateAgent(ctx, "a@example.com", configuration.AgentUpdate{JobTitle: ptr("x")})
			},
			fresh: func(ctx context.Context, c *configuration.Client, id string) error {
				_, err := c.GetAgent(ctx, id)
				return err
			},
			handlers: map[string]actionHandler{
				"list_agents":         ok(`[{"id":"a@example.com"},{"id":"b@example.com"},{"id":"c@example.com"}]`),
				"get_agent":           echoID,
				"update_agent":        ok(`{}`),
				"batch_update_agents": ok(`{"responses":[{}]}`),
			},
		},
		{
			name: "groups", list: "list_groups", get: "get_group",
			ids: []string{"0", "1", "2"},
			read: func(ctx context.Context, c *configuration.Client, id string) error {
				var n int64
				_, _ = fmt.Sscan(id, &n)
				groups, _, err := c.ListGroupsAfter(ctx, time.Time{})
				if err == nil && client.Find(groups, func(g *configuration.Group) bool { return g.ID == n }) == nil {
					err = fmt.Errorf("group %d not listed", n)
				}
				return err
			},
			write: func(ctx context.Context, c *configuration.Client) error {
				return c.UpdateGroup(ctx, configuration.GroupUpdate{ID: 1, Name: ptr("x")})
			},
			fresh: func(ctx context.Context, c *configuration.Client, id string) error {
				var n int64
				_, _ = fmt.Sscan(id, &n)
				_, err := c.GetGroup(ctx, n)
				return err
			},
			handlers: map[string]actionHandler{
				"list_groups":  ok(`[{"id":0,"name":"General"},{"id":1,"name":"One"},{"id":2,"name":"Two"}]`),
				"get_group":    echoID,
				"update_group": ok(`{}`),
			},
		},
		{
			name: "group property values", list: "list_groups_properties", get: "list_groups_properties",
			ids: []string{"0", "1", "2"},
			read: func(ctx context.Context, c *configuration.Client, id string) error {
				var n int64
				_, _ = fmt.Sscan(id, &n)
				all, err := c.AllGroupsProperties(ctx)
				if err != nil {
					return err
				}
				g := client.Find(all, func(g *configuration.GroupPropertyValues) bool { return g.ID == n })
				if g == nil {
					return fmt.Errorf("group %d not listed", n)
				}
				if got, ok := g.Properties.Get("o", "p"); !ok || string(got) != id {
					return fmt.Errorf("group %d value %s %v", n, got, ok)
				}
				return nil
			},
			write: func(ctx context.Context, c *configuration.Client) error {
				return c.UpdateGroupProperties(ctx, 2, configuration.PropertyValues{"o": {"p": json.RawMessage(`5`)}})
			},
			fresh: func(ctx context.Context, c *configuration.Client, id string) error {
				var n int64
				_, _ = fmt.Sscan(id, &n)
				_, err := c.GroupProperties(ctx, n, true)
				return err
			},
			handlers: map[string]actionHandler{
				"list_groups_properties":  groupValues,
				"update_group_properties": ok(`{}`),
			},
		},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Run("cached", func(t *testing.T) {
				api := newFakeAPI(t, k.handlers)
				c := api.client(client.Config{Coalesce: true})
				ctx := t.Context()
				var wg sync.WaitGroup
				for _, id := range k.ids {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if err := k.read(ctx, c, id); err != nil {
							t.Errorf("read %s: %v", id, err)
						}
					}()
				}
				wg.Wait()
				if n := api.count(k.list); n != 1 {
					t.Fatalf("%d reads made %d %s calls, want 1", len(k.ids), n, k.list)
				}
				if k.get != k.list && api.count(k.get) != 0 {
					t.Errorf("%s was called while coalescing", k.get)
				}
				// A consistency wait reads fresh, never the cached list.
				before := api.count(k.get)
				if err := k.fresh(ctx, c, k.ids[1]); err != nil {
					t.Fatal(err)
				}
				if api.count(k.get) != before+1 {
					t.Errorf("the fresh read was answered from the cache")
				}
				// A write invalidates: the next read lists again, once.
				if err := k.write(ctx, c); err != nil {
					t.Fatal(err)
				}
				listed := api.count(k.list)
				for _, id := range k.ids {
					if err := k.read(ctx, c, id); err != nil {
						t.Fatal(err)
					}
				}
				if n := api.count(k.list) - listed; n != 1 {
					t.Errorf("reads after a write made %d %s calls, want 1", n, k.list)
				}
			})
		})
	}
}

// echoID answers a get with the requested id (not found for "404").
func echoID(w http.ResponseWriter, _ *http.Request, _ int, body []byte) {
	var in struct {
		ID json.RawMessage `json:"id"`
	}
	_ = json.Unmarshal(body, &in)
	if string(in.ID) == `"404"` || string(in.ID) == `404` {
		writeJSON(w, http.StatusNotFound, `{"error":{"type":"not_found","message":"not found"}}`)
		return
	}
	writeJSON(w, http.StatusOK, `{"id":`+string(in.ID)+`}`)
}

// groupValues answers list_groups_properties for groups 0..2, each holding o/p = its id.
func groupValues(w http.ResponseWriter, _ *http.Request, _ int, body []byte) {
	var in struct {
		GroupIDs []int64 `json:"group_ids"`
	}
	_ = json.Unmarshal(body, &in)
	if len(in.GroupIDs) == 0 {
		in.GroupIDs = []int64{0, 1, 2}
	}
	out := []any{}
	for _, id := range in.GroupIDs {
		if id > 2 {
			writeJSON(w, http.StatusNotFound, fmt.Sprintf(`{"error":{"type":"group_not_found","message":"Group %d not found"}}`, id))
			return
		}
		out = append(out, map[string]any{"id": id, "properties": map[string]any{"o": map[string]any{"p": id}}})
	}
	b, _ := json.Marshal(out)
	writeJSON(w, http.StatusOK, string(b))
}

// The all-groups values answer asks for every group at once, and creating
// or deleting a group drops it.
func TestAllGroupsProperties(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_groups_properties": groupValues,
		"create_group":           ok(`{"id":3}`),
		"list_groups":            ok(`[{"id":0,"name":"General"}]`),
		"delete_group":           ok(`{}`),
	})
	c := api.client(client.Config{Coalesce: true})
	if all, err := c.AllGroupsProperties(t.Context()); err != nil || len(all) != 3 {
		t.Fatalf("%v %v", all, err)
	}
	assertBody(t, api.body("list_groups_properties", 0), `{"group_ids":[]}`)
	_, _ = c.AllGroupsProperties(t.Context())
	if _, err := c.CreateGroup(t.Context(), configuration.GroupCreate{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	_, _ = c.AllGroupsProperties(t.Context())
	if err := c.DeleteGroup(t.Context(), 3); err != nil {
		t.Fatal(err)
	}
	_, _ = c.AllGroupsProperties(t.Context())
	if n := api.count("list_groups_properties"); n != 3 {
		t.Errorf("%d list calls, want 3 (group create and delete invalidate)", n)
	}
}

// batchBots answers batch_*_bots item by item: create gives id "bot-<name>"
// (an error for name "bad"), update/delete an error for id "missing".
func batchBots(w http.ResponseWriter, r *http.Request, _ int, body []byte) {
	var in struct {
		Requests []map[string]any `json:"requests"`
	}
	_ = json.Unmarshal(body, &in)
	out := make([]any, len(in.Requests))
	for i, item := range in.Requests {
		switch {
		case item["name"] == "bad":
			out[i] = map[string]any{"error": map[string]any{"type": "validation", "message": "`name` is bad"}}
		case item["id"] == "missing":
			out[i] = map[string]any{"error": map[string]any{"type": "not_found", "message": "Bot missing not found"}}
		case item["name"] != nil && item["id"] == nil:
			out[i] = map[string]any{"id": fmt.Sprintf("bot-%v", item["name"]), "secret": fmt.Sprintf("secret-%v", item["name"])}
		default:
			out[i] = map[string]any{}
		}
	}
	b, _ := json.Marshal(map[string]any{"responses": out})
	writeJSON(w, http.StatusOK, string(b))
}

// Concurrent bot creates, updates and deletes travel as one batch each;
// every item's answer or error goes back to its own caller.
func TestBotWrites_Batched(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bots":         ok(`[]`),
		"list_groups":       ok(`[]`),
		"batch_create_bots": batchBots,
		"batch_update_bots": batchBots,
		"batch_delete_bots": batchBots,
	})
	clock := clienttest.NewClock()
	c := api.client(client.Config{Coalesce: true, BatchWindow: 200 * time.Millisecond, Clock: clock})
	ctx := t.Context()
	_, _, _ = c.ListGroupsAfter(ctx, time.Time{}) // a cached group list, which bot writes must drop

	names := []string{"a", "b", "bad", "c", "d"}
	creds := make([]configuration.Credentials, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			creds[i], errs[i] = c.CreateBot(ctx, configuration.BotCreate{Name: name, OwnerClientID: "app"})
		}()
	}
	clienttest.Await(t, "every create in the batch", func() bool { return clock.Scheduled() == len(names) })
	clock.Advance(200 * time.Millisecond)
	wg.Wait()
	if n := api.count("batch_create_bots"); n != 1 {
		t.Fatalf("%d batch_create_bots for %d concurrent creates, want 1", n, len(names))
	}
	if n := api.count("list_bots"); n != 1 {
		t.Errorf("%d list_bots: concurrent creates should share the ids noted before them", n)
	}
	if n := api.count("create_bot"); n != 0 {
		t.Errorf("%d single create_bot calls", n)
	}
	for i, name := range names {
		if name == "bad" {
			if !client.IsValidation(errs[i]) {
				t.Errorf("create %q: %v, want its item's validation error", name, errs[i])
			}
			continue
		}
		if errs[i] != nil || creds[i] != (configuration.Credentials{ID: "bot-" + name, Secret: "secret-" + name}) {
			t.Errorf("create %q: %+v, %v", name, creds[i], errs[i])
		}
	}
	items := api.body("batch_create_bots", 0)["requests"].([]any)
	var sent []string
	for _, it := range items {
		sent = append(sent, it.(map[string]any)["name"].(string))
	}
	sort.Strings(sent)
	if !reflect.DeepEqual(sent, []string{"a", "b", "bad", "c", "d"}) {
		t.Errorf("batch items %v", sent)
	}

	for _, op := range []struct {
		action string
		call   func(id string) error
	}{
		{"batch_update_bots", func(id string) error {
			return c.UpdateBot(ctx, configuration.BotUpdate{ID: id, Name: ptr("n")})
		}},
		{"batch_delete_bots", func(id string) error { return c.DeleteBot(ctx, id) }},
	} {
		ids := []string{"bot-a", "missing", "bot-b"}
		errs := make([]error, len(ids))
		before := clock.Scheduled()
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = op.call(id)
			}()
		}
		clienttest.Await(t, "every call in the "+op.action, func() bool { return clock.Scheduled() == before+len(ids) })
		clock.Advance(200 * time.Millisecond)
		wg.Wait()
		if n := api.count(op.action); n != 1 {
			t.Errorf("%d %s for %d concurrent calls, want 1", n, op.action, len(ids))
		}
		for i, id := range ids {
			if (id == "missing") != client.IsNotFound(errs[i]) || (id != "missing" && errs[i] != nil) {
				t.Errorf("%s %s: %v", op.action, id, errs[i])
			}
		}
	}
	if calls := api.actions(); !contains(calls, "update_bot") && !contains(calls, "delete_bot") {
		_, _, _ = c.ListGroupsAfter(ctx, time.Time{})
		if n := api.count("list_groups"); n != 2 {
			t.Errorf("list_groups %d times: bot writes must invalidate the group list (memberships)", n)
		}
	} else {
		t.Errorf("single bot calls while coalescing: %v", calls)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// With coalescing off, every bot write is its own call.
func TestBotWrites_NotBatchedWhenOff(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bots":  ok(`[]`),
		"create_bot": ok(`{"id":"x","secret":"s"}`),
		"update_bot": ok(`{}`),
		"delete_bot": ok(`{}`),
	})
	c := api.client(client.Config{})
	ctx := t.Context()
	if _, err := c.CreateBot(ctx, configuration.BotCreate{Name: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateBot(ctx, configuration.BotUpdate{ID: "x", Name: ptr("n")}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteBot(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if got := api.actions(); !reflect.DeepEqual(got, []string{"list_bots", "create_bot", "update_bot", "delete_bot"}) {
		t.Errorf("calls %v", got)
	}
}

// A batch_create_bots that fails ambiguously is never re-sent blindly: the
// bot is looked up first (CreateBot's recovery: a new bot with the name and
// owner, adopted with a fresh secret); only when it is not there is it sent
// once more, on its own.
func TestCreateBot_BatchAmbiguousFailure(t *testing.T) {
	tests := []struct {
		name      string
		lists     []string
		wantCalls []string
		wantCred  configuration.Credentials
	}{
		{
			name:      "the batch went through: adopted",
			lists:     []string{`[]`, `[{"id":"new","name":"Bot"}]`},
			wantCalls: []string{"list_bots", "batch_create_bots", "list_bots", "get_bot", "reset_bot_secret"},
			wantCred:  configuration.Credentials{ID: "new", Secret: "fresh"},
		},
		{
			name:      "it did not: sent once on its own",
			lists:     []string{`[]`, `[]`},
			wantCalls: []string{"list_bots", "batch_create_bots", "list_bots", "create_bot"},
			wantCred:  configuration.Credentials{ID: "single", Secret: "s"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lists := make([]actionHandler, len(tt.lists))
			for i, l := range tt.lists {
				lists[i] = ok(l)
			}
			api := newFakeAPI(t, map[string]actionHandler{
				"list_bots":         sequence(lists...),
				"batch_create_bots": drop(t),
				"create_bot":        ok(`{"id":"single","secret":"s"}`),
				"get_bot":           ok(`{"id":"new","name":"Bot","owner_client_id":"app"}`),
				"reset_bot_secret":  ok(`{"secret":"fresh"}`),
			})
			c := api.client(client.Config{Coalesce: true, MaxRetries: 3})
			got, err := c.CreateBot(t.Context(), configuration.BotCreate{Name: "Bot", OwnerClientID: "app"})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.wantCred {
				t.Errorf("credentials %+v, want %+v", got, tt.wantCred)
			}
			if calls := api.actions(); !reflect.DeepEqual(calls, tt.wantCalls) {
				t.Errorf("calls = %v, want %v", calls, tt.wantCalls)
			}
		})
	}
}

// A bot this client created is never adopted by another create's recovery,
// even when it has the same name and owner and was not in the noted ids.
func TestCreateBot_RecoveryIgnoresOwnBots(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_bots":  sequence(ok(`[]`), ok(`[]`), ok(`[{"id":"first","name":"Bot"}]`)),
		"create_bot": sequence(ok(`{"id":"first","secret":"s1"}`), drop(t), ok(`{"id":"second","secret":"s2"}`)),
		"get_bot":    ok(`{"id":"first","name":"Bot","owner_client_id":"app"}`),
	})
	c := api.client(client.Config{MaxRetries: 3})
	ctx := t.Context()
	if _, err := c.CreateBot(ctx, configuration.BotCreate{Name: "Bot", OwnerClientID: "app"}); err != nil {
		t.Fatal(err)
	}
	got, err := c.CreateBot(ctx, configuration.BotCreate{Name: "Bot", OwnerClientID: "app"})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "second" {
		t.Errorf("second create got %+v: it adopted the bot the first create made", got)
	}
}

// The waits after one batch of agent creates share one list_agents fetched
// after the batch was answered: ten creates and their waits cost two calls.
// A poll that did not find its agent asks for a newer answer than the one it
// saw, and the polls that saw the same answer share the next one.
func TestAgentCreateWaitsShareOneList(t *testing.T) {
	var mu sync.Mutex
	created := map[string]bool{}
	listed := 0
	api := newFakeAPI(t, map[string]actionHandler{
		"batch_create_agents": func(w http.ResponseWriter, _ *http.Request, _ int, body []byte) {
			var in struct {
				Requests []struct {
					ID string `json:"id"`
				} `json:"requests"`
			}
			_ = json.Unmarshal(body, &in)
			mu.Lock()
			out := make([]map[string]any, len(in.Requests))
			for i, r := range in.Requests {
				created[r.ID] = true
				out[i] = map[string]any{}
			}
			mu.Unlock()
			b, _ := json.Marshal(map[string]any{"responses": out})
			writeJSON(w, http.StatusOK, string(b))
		},
		"list_agents": func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) {
			mu.Lock()
			defer mu.Unlock()
			listed++
			agents := []map[string]any{}
			for id := range created {
				// The first answer after the creates has not caught up yet.
				if listed > 1 {
					agents = append(agents, map[string]any{"id": id})
				}
			}
			b, _ := json.Marshal(agents)
			writeJSON(w, http.StatusOK, string(b))
		},
	})
	clock := clienttest.NewClock()
	c := api.client(client.Config{Coalesce: true, BatchWindow: 50 * time.Millisecond, Clock: clock})
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("agent%d@example.com", i)
			since := time.Now()
			if err := c.CreateAgent(t.Context(), configuration.AgentCreate{ID: id, Name: "A"}); err != nil {
				t.Errorf("%s: %v", id, err)
				return
			}
			for range 3 {
				agents, started, err := c.ListAgentsAfter(t.Context(), since)
				if err != nil {
					t.Errorf("%s: %v", id, err)
					return
				}
				if client.Find(agents, func(a *configuration.Agent) bool { return a.ID == id }) != nil {
					return
				}
				since = started.Add(time.Nanosecond) // share the fetch after the one seen

			}
			t.Errorf("%s: not found after three polls", id)
		}()
	}
	clienttest.Await(t, "every create in the batch", func() bool { return clock.Scheduled() == 10 })
	clock.Advance(50 * time.Millisecond)
	wg.Wait()
	if n := api.count("batch_create_agents"); n != 1 {
		t.Errorf("%d batch_create_agents, want 1", n)
	}
	if n := api.count("list_agents"); n != 2 {
		t.Errorf("%d list_agents for ten waits of one batch, want 2 (the first, which lacks the agents, and the one after it)", n)
	}
}
