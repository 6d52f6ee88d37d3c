package emulator

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","language_code":"de","agent_priorities":{"owner@example.com":"first"}}`)
	h.ok("create_agent", smith)
	h.ok("update_agent", `{"id":"smith@example.com","groups":[{"id":1,"priority":"supervisor"}]}`)
	h.ok("create_tag", `{"name":"vip","group_ids":[1]}`)
	h.ok("delete_group", `{"id":1}`)
	h.ok("create_group", `{"name":"H","agent_priorities":{"smith@example.com":"last"}}`)
	h.ok("suspend_agent", `{"id":"smith@example.com"}`)
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
	// Loaded objects are visible and the group id counter continues.
	assertJSON(t, field(t, other.ok("get_group", `{"id":2,"fields":["agent_priorities"]}`), "agent_priorities"), `{"smith@example.com":"last"}`)
	assertJSON(t, other.ok("create_group", `{"name":"I","agent_priorities":{}}`), `{"id":3}`)
}

func TestLoadFixture(t *testing.T) {
	h := newHarness(t)
	fixture := `{"groups":[{"id":5,"name":"Support","agent_priorities":{"jones@example.com":"first"}}],
	 "agents":[{"id":"jones@example.com","name":"Jones","groups":[{"id":0,"priority":"last"}]},
	           {"id":"owner@example.com","name":"Boss","role":"owner","groups":[]}],
	 "tags":[{"name":"billing","group_ids":[5]},{"name":"spam","group_ids":[]}]}`
	if err := h.s.LoadFixture([]byte(fixture)); err != nil {
		t.Fatal(err)
	}
	a, _ := h.s.Agent("jones@example.com")
	assertJSON(t, a.Groups, `[{"id":0,"priority":"last"},{"id":5,"priority":"first"}]`)
	if a.Role != "normal" || a.MaxChatsCount != 6 || a.AccountID != accountID("jones@example.com") {
		t.Fatalf("defaults not applied: %+v", a)
	}
	owner, _ := h.s.Agent("owner@example.com")
	if owner.Name != "Boss" || len(owner.Groups) != 0 {
		t.Fatalf("owner not replaced: %+v", owner)
	}
	g0, _ := h.s.Group(0)
	assertJSON(t, g0.AgentPriorities, `{"jones@example.com":"last"}`)
	billing, _ := h.s.Tag("billing")
	if billing.CreatedAt != "2024-05-06T07:08:09.000000Z" {
		t.Fatalf("created_at default %q", billing.CreatedAt)
	}
	assertJSON(t, len(ids(t, h.ok("list_tags", `{}`), "name")), `7`)
	assertJSON(t, h.ok("create_group", `{"name":"Next","agent_priorities":{}}`), `{"id":6}`)
}

func TestLoadRejectsBadState(t *testing.T) {
	for name, doc := range map[string]string{
		"not JSON":        `{`,
		"unknown key":     `{"groups":[{"id":0,"name":"General"}],"robots":[]}`,
		"no group 0":      `{"groups":[{"id":1,"name":"G"}]}`,
		"agent bad group": `{"groups":[{"id":0,"name":"General"}],"agents":[{"id":"a@example.com","name":"A","groups":[{"id":3,"priority":"first"}]}]}`,
		"agent bad id":    `{"groups":[{"id":0,"name":"General"}],"agents":[{"id":"a","name":"A"}]}`,
		"agent bad role":  `{"groups":[{"id":0,"name":"General"}],"agents":[{"id":"a@example.com","name":"A","role":"boss"}]}`,
		"unknown member":  `{"groups":[{"id":0,"name":"General","agent_priorities":{"x@example.com":"first"}}]}`,
		"tag twice":       `{"groups":[{"id":0,"name":"General"}],"tags":[{"name":"a"},{"name":"A"}]}`,
		"tag bad group":   `{"groups":[{"id":0,"name":"General"}],"tags":[{"name":"a","group_ids":[9]}]}`,
		"group twice":     `{"groups":[{"id":0,"name":"General"},{"id":0,"name":"Again"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := New(Options{})
			before, _ := s.StateJSON()
			if err := s.LoadState([]byte(doc)); err == nil {
				t.Fatal("LoadState accepted it")
			}
			after, _ := s.StateJSON()
			if string(before) != string(after) {
				t.Fatal("a failed load changed the state")
			}
		})
	}
}

// runCLI starts RunCLI and returns the two variables it printed and a stop function that returns
// RunCLI's error.
func runCLI(t *testing.T, args ...string) (url, token string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := RunCLI(ctx, args, pw, io.Discard)
		pw.CloseWithError(err)
		done <- err
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "LIVECHAT_API_URL=http://") || !strings.HasPrefix(lines[1], "LIVECHAT_ACCESS_TOKEN=") {
		cancel()
		t.Fatalf("output %q (%v)", lines, <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	return strings.TrimPrefix(lines[0], "LIVECHAT_API_URL="), strings.TrimPrefix(lines[1], "LIVECHAT_ACCESS_TOKEN="),
		func() error { cancel(); return <-done }
}

func post(t *testing.T, url, token, action, body string) (int, any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/v3.6/configuration/action/"+action, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, decode(t, b)
}

func TestCLIStateSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	statePath := filepath.Join(dir, "state.json")
	logPath := filepath.Join(dir, "requests.log")
	url, token, stop := runCLI(t, "-state", statePath, "-token", "dal:one,dal:two", "-request-log", logPath)
	if token != "dal:one" {
		t.Fatalf("token %q", token)
	}
	if code, out := post(t, url, "dal:two", "create_group", `{"name":"Kept","agent_priorities":{}}`); code != 200 {
		t.Fatalf("create_group: %d %v", code, out)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(statePath); err != nil {
		t.Fatal("state not saved:", err)
	}
	if b, _ := os.ReadFile(logPath); !strings.Contains(string(b), `"action":"create_group"`) {
		t.Fatalf("request log: %s", b)
	}

	// -fixture is ignored when the state file exists.
	fixture := filepath.Join(dir, "fixture.json")
	if err := os.WriteFile(fixture, []byte(`{"tags":[{"name":"from fixture"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	url, token, stop = runCLI(t, "-state", statePath, "-fixture", fixture, "-token", "dal:one")
	_, out := post(t, url, token, "get_group", `{"id":1}`)
	assertJSON(t, out, `{"id":1,"name":"Kept","language_code":"en"}`)
	_, out = post(t, url, token, "list_tags", `{}`)
	if len(out.([]any)) != 6 {
		t.Fatalf("fixture applied over an existing state: %v", out)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestCLIFixtureRegionAndPAT(t *testing.T) {
	fixture := filepath.Join(t.TempDir(), "fixture.json")
	if err := os.WriteFile(fixture, []byte(`{"tags":[{"name":"from fixture","group_ids":[0]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	url, token, stop := runCLI(t, "-fixture", fixture, "-region", "fra", "-pat", "acc:me@example.com:fra:secret")
	defer func() { _ = stop() }()
	if token != "" {
		t.Fatalf("a token was generated although a PAT was given: %q", token)
	}
	req, _ := http.NewRequest("POST", url+listTagsPath, strings.NewReader(`{}`))
	req.SetBasicAuth("me@example.com", "fra:secret")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Region", "fra")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "from fixture") {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
}

func TestCLIRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-region", "waw"},
		{"-pat", "only:two"},
		{"-nope"},
		{"extra"},
		{"-fixture", filepath.Join(t.TempDir(), "missing.json")},
	} {
		if err := RunCLI(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Fatalf("%v accepted", args)
		}
	}
}
