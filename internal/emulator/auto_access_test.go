package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// addRule adds an auto access with the given description (and next_id when not empty) and
// returns its id.
func (h *harness) addRule(desc, next string) string {
	h.t.Helper()
	body := fmt.Sprintf(`{"description":%q,"access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"example.com"}]}}}`, desc)
	if next != "" {
		body = strings.TrimSuffix(body, "}") + fmt.Sprintf(`,"next_id":%q}`, next)
	}
	id, _ := field(h.t, h.ok("add_auto_access", body), "id").(string)
	if len(id) != 32 {
		h.t.Fatalf("add_auto_access id %q", id)
	}
	return id
}

// ruleOrder lists the descriptions of list_auto_accesses and checks that next_id links each rule
// to the following one (empty for the last).
func (h *harness) ruleOrder() string {
	h.t.Helper()
	list, _ := h.ok("list_auto_accesses", `{}`).([]any)
	var names []string
	for i, x := range list {
		next, hasNext := x.(map[string]any)["next_id"]
		if i+1 < len(list) {
			if want := field(h.t, list[i+1], "id"); next != want {
				h.t.Fatalf("rule %d next_id %v, want %v", i, next, want)
			}
		} else if hasNext {
			h.t.Fatalf("last rule has next_id %v", next)
		}
		names = append(names, field(h.t, x, "description").(string))
	}
	return strings.Join(names, "->")
}

func TestAutoAccessAddAndList(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.ok("list_auto_accesses", `{}`), `[]`)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	// The Add Auto Access example, next_id aside.
	id, _ := field(t, h.ok("add_auto_access", `{
		"description": "Chats on livechat.com from United States",
		"access": {"groups": [1]},
		"conditions": {
			"domain": {"values": [{"value": "livechat.com", "exact_match": true}]},
			"geolocation": {"values": [{"country": "United States", "country_code": "US"}]}
		}}`), "id").(string)
	second := h.addRule("second", "")
	urlRule, _ := field(t, h.ok("add_auto_access", `{"access":{"groups":[0,1,0]},
		"conditions":{"url":{"exclude_values":[{"value":"/pricing","exact_match":false},{"value":"/careers"}]}}}`), "id").(string)
	assertJSON(t, h.ok("list_auto_accesses", `{}`), fmt.Sprintf(`[
	 {"id":%q,"description":"Chats on livechat.com from United States","access":{"groups":[1]},
	  "conditions":{"domain":{"values":[{"value":"livechat.com","exact_match":true}]},
	                "geolocation":{"values":[{"country":"United States","country_code":"US"}]}},
	  "next_id":%q},
	 {"id":%q,"description":"second","access":{"groups":[0]},
	  "conditions":{"domain":{"values":[{"value":"example.com","exact_match":false}]}},"next_id":%q},
	 {"id":%q,"description":"","access":{"groups":[0,1]},
	  "conditions":{"url":{"exclude_values":[{"value":"/pricing","exact_match":false},{"value":"/careers","exact_match":false}]}}}]`,
		id, second, second, urlRule, urlRule))
	r, ok := h.s.AutoAccess(second)
	if !ok || r.NextID != urlRule || r.Description != "second" {
		t.Fatalf("AutoAccess lookup: %+v %v", r, ok)
	}
}

// The ordering rules of the reference: add inserts before next_id (at the end without it);
// update with next_id moves the rule before next_id (to the end when empty); delete relinks.
func TestAutoAccessOrder(t *testing.T) {
	h := newHarness(t)
	ids := map[string]string{}
	for _, n := range []string{"A", "B", "D"} {
		ids[n] = h.addRule(n, "")
	}
	ids["C"] = h.addRule("C", ids["D"]) // inserted before D
	if got := h.ruleOrder(); got != "A->B->C->D" {
		t.Fatalf("after adds: %s", got)
	}
	// The reference's example: {"id": "C", "next_id": "B"} turns A->B->C->D into A->C->B->D.
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":%q}`, ids["C"], ids["B"]))
	if got := h.ruleOrder(); got != "A->C->B->D" {
		t.Fatalf("reference example: %s", got)
	}
	steps := []struct {
		id, next, want string
	}{
		{"A", "", "C->B->D->A"},  // empty next_id: to the end
		{"D", "C", "D->C->B->A"}, // to the front
		{"B", "A", "D->C->B->A"}, // already before A: unchanged
		{"C", "A", "D->B->C->A"},
	}
	for _, s := range steps {
		h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":%q}`, ids[s.id], ids[s.next]))
		if got := h.ruleOrder(); got != s.want {
			t.Fatalf("move %s before %q: %s, want %s", s.id, s.next, got, s.want)
		}
	}
	// Without next_id the rule stays where it is.
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"description":"B2"}`, ids["B"]))
	if got := h.ruleOrder(); got != "D->B2->C->A" {
		t.Fatalf("update without next_id: %s", got)
	}
	// Deleting a rule in the middle links its predecessor to its successor.
	h.ok("delete_auto_access", fmt.Sprintf(`{"id":%q}`, ids["C"]))
	if got := h.ruleOrder(); got != "D->B2->A" {
		t.Fatalf("after delete: %s", got)
	}
	h.ok("delete_auto_access", fmt.Sprintf(`{"id":%q}`, ids["A"]))
	if got := h.ruleOrder(); got != "D->B2" {
		t.Fatalf("after deleting the last: %s", got)
	}
}

func TestAutoAccessUpdateFields(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	id := h.addRule("old", "")
	assertJSON(t, h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"access":{"groups":[0,1]},
		"conditions":{"url":{"values":[{"value":"https://x.com/a","exact_match":true}]}}}`, id)), `{}`)
	r, _ := h.s.AutoAccess(id)
	assertJSON(t, r, fmt.Sprintf(`{"id":%q,"description":"old","access":{"groups":[0,1]},
		"conditions":{"url":{"values":[{"value":"https://x.com/a","exact_match":true}]}}}`, id))
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"description":""}`, id))
	r, _ = h.s.AutoAccess(id)
	if r.Description != "" || r.Conditions.URL == nil {
		t.Fatalf("description not cleared or conditions lost: %+v", r)
	}
}

func TestAutoAccessErrors(t *testing.T) {
	const cond = `"conditions":{"domain":{"values":[{"value":"x.com"}]}}`
	const access = `"access":{"groups":[0]}`
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"add access", "add_auto_access", `{` + cond + `}`, 400, "validation", "`access` is required"},
		{"add conditions", "add_auto_access", `{` + access + `}`, 400, "validation", "`conditions` is required"},
		{"add groups", "add_auto_access", `{"access":{},` + cond + `}`, 400, "validation", "`access.groups` is required"},
		{"add empty groups", "add_auto_access", `{"access":{"groups":[]},` + cond + `}`, 400, "validation", "`access.groups` must not be empty"},
		{"add group missing", "add_auto_access", `{"access":{"groups":[7]},` + cond + `}`, 404, "group_not_found", "Group 7 not found"},
		{"add no condition", "add_auto_access", `{` + access + `,"conditions":{}}`, 400, "validation",
			"`conditions` must have at least one of: url, domain, geolocation"},
		{"add both values", "add_auto_access", `{` + access + `,"conditions":{"url":{"values":[{"value":"a"}],"exclude_values":[{"value":"b"}]}}}`,
			400, "validation", "`conditions.url.values` may not be used together with `conditions.url.exclude_values`"},
		{"add no values", "add_auto_access", `{` + access + `,"conditions":{"domain":{}}}`, 400, "validation",
			"`conditions.domain` must have values or exclude_values"},
		{"add empty values", "add_auto_access", `{` + access + `,"conditions":{"domain":{"values":[]}}}`, 400, "validation",
			"`conditions.domain.values` must not be empty"},
		{"add match value", "add_auto_access", `{` + access + `,"conditions":{"url":{"values":[{"exact_match":true}]}}}`, 400, "validation",
			"`conditions.url.values[0].value` is required"},
		{"add exact_match type", "add_auto_access", `{` + access + `,"conditions":{"url":{"values":[{"value":"a","exact_match":"yes"}]}}}`, 400, "validation",
			"`conditions.url.values[0].exact_match` must be a boolean"},
		{"add geo values", "add_auto_access", `{` + access + `,"conditions":{"geolocation":{}}}`, 400, "validation",
			"`conditions.geolocation.values` is required"},
		{"add geo empty object", "add_auto_access", `{` + access + `,"conditions":{"geolocation":{"values":[{"city":"Paris"},{}]}}}`, 400, "validation",
			"`conditions.geolocation.values[1]` must have at least one of: country, country_code, region, city"},
		{"add geo unknown field", "add_auto_access", `{` + access + `,"conditions":{"geolocation":{"values":[{"zip":"1"}]}}}`, 400, "validation",
			"`conditions.geolocation.values[0].zip` is not a supported parameter"},
		{"add unknown", "add_auto_access", `{` + access + `,` + cond + `,"id":"x"}`, 400, "validation", "`id` is not a supported parameter"},
		{"add next missing", "add_auto_access", `{` + access + `,` + cond + `,"next_id":"nope"}`, 404, "not_found", "Auto access nope not found"},
		{"list params", "list_auto_accesses", `{"filters":{}}`, 400, "validation", "`filters` is not a supported parameter"},
		{"update id", "update_auto_access", `{"description":"x"}`, 400, "validation", "`id` is required"},
		{"update missing", "update_auto_access", `{"id":"nope","description":"x"}`, 404, "not_found", "Auto access nope not found"},
		{"update bad conditions", "update_auto_access", `{"id":"nope","conditions":{}}`, 400, "validation",
			"`conditions` must have at least one of: url, domain, geolocation"},
		{"delete id", "delete_auto_access", `{}`, 400, "validation", "`id` is required"},
		{"delete missing", "delete_auto_access", `{"id":"nope"}`, 404, "not_found", "Auto access nope not found"},
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

func TestAutoAccessUpdateErrors(t *testing.T) {
	h := newHarness(t)
	id := h.addRule("r", "")
	h.fail("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":%q}`, id, id), http.StatusBadRequest, "validation")
	h.fail("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":"nope"}`, id), http.StatusNotFound, "not_found")
	h.fail("update_auto_access", fmt.Sprintf(`{"id":%q,"access":{"groups":[9]}}`, id), http.StatusNotFound, "group_not_found")
	// A failed update changes nothing.
	if r, _ := h.s.AutoAccess(id); r.Access.Groups[0] != 0 {
		t.Fatalf("failed update applied: %+v", r)
	}
}

func TestAutoAccessPropagationDelay(t *testing.T) {
	h := newHarness(t, withDelay)
	a := h.addRule("A", "")
	// The new rule is invisible to readers and cannot be referred to yet ...
	assertJSON(t, h.ok("list_auto_accesses", `{}`), `[]`)
	h.fail("add_auto_access", fmt.Sprintf(`{"access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"x"}]}},"next_id":%q}`, a),
		http.StatusNotFound, "not_found")
	// ... but writes to it act on the authoritative state.
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"description":"A1"}`, a))
	h.clock.Advance(delay)
	b := h.addRule("B", a)
	if got := h.ruleOrder(); got != "A1" {
		t.Fatalf("before B propagates: %s", got)
	}
	h.clock.Advance(delay)
	if got := h.ruleOrder(); got != "B->A1" {
		t.Fatalf("after B propagates: %s", got)
	}
	// A reorder becomes visible all at once, after the delay.
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":%q}`, a, b))
	if got := h.ruleOrder(); got != "B->A1" {
		t.Fatalf("reorder visible early: %s", got)
	}
	if all := h.s.AutoAccesses(); all[0].ID != a || all[0].NextID != b {
		t.Fatalf("AutoAccesses is not authoritative: %+v", all)
	}
	h.clock.Advance(delay - time.Second)
	if got := h.ruleOrder(); got != "B->A1" {
		t.Fatalf("reorder visible early: %s", got)
	}
	h.clock.Advance(time.Second)
	if got := h.ruleOrder(); got != "A1->B" {
		t.Fatalf("reorder not visible: %s", got)
	}
	h.ok("delete_auto_access", fmt.Sprintf(`{"id":%q}`, a))
	if got := h.ruleOrder(); got != "A1->B" {
		t.Fatalf("delete visible early: %s", got)
	}
	h.clock.Advance(delay)
	if got := h.ruleOrder(); got != "B" {
		t.Fatalf("delete not visible: %s", got)
	}
}

func TestAutoAccessDeleteObject(t *testing.T) {
	h := newHarness(t, withDelay)
	a, b := h.addRule("A", ""), h.addRule("B", "")
	h.clock.Advance(delay)
	c := h.addRule("C", "")
	if err := h.s.DeleteObject("auto_access", b); err != nil {
		t.Fatal(err)
	}
	if got := h.ruleOrder(); got != "A" {
		t.Fatalf("out-of-band delete not visible at once: %s", got)
	}
	h.clock.Advance(delay)
	if got := h.ruleOrder(); got != "A->C" {
		t.Fatalf("after C propagates: %s", got)
	}
	if err := h.s.DeleteObject("auto_access", b); err == nil {
		t.Fatal("second delete succeeded")
	}
	_, _ = a, c
}

func TestAutoAccessState(t *testing.T) {
	h := newHarness(t)
	for _, n := range []string{"A", "B", "C"} {
		h.addRule(n, "")
	}
	first := h.s.AutoAccesses()[0].ID
	h.ok("update_auto_access", fmt.Sprintf(`{"id":%q,"next_id":""}`, first))
	dump, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t)
	if err := h2.s.LoadState(dump); err != nil {
		t.Fatal(err)
	}
	if got := h2.ruleOrder(); got != "B->C->A" {
		t.Fatalf("loaded order %s", got)
	}
	// A fixture's chain goes after the existing rules.
	fixture := `{"auto_accesses":[
	  {"id":"f2","description":"F2","access":{"groups":[0]},"conditions":{"geolocation":{"values":[{"city":"Oslo"}]}}},
	  {"id":"f1","description":"F1","access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"a.no"}]}},"next_id":"f2"}]}`
	if err := h2.s.LoadFixture([]byte(fixture)); err != nil {
		t.Fatal(err)
	}
	if got := h2.ruleOrder(); got != "B->C->A->F1->F2" {
		t.Fatalf("after fixture: %s", got)
	}
	bad := []struct{ name, doc, want string }{
		{"cycle", `{"auto_accesses":[{"id":"x","access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"a"}]}},"next_id":"y"},
		  {"id":"y","access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"a"}]}},"next_id":"x"}]}`, "cycle"},
		{"dangling", `{"auto_accesses":[{"id":"x","access":{"groups":[0]},"conditions":{"domain":{"values":[{"value":"a"}]}},"next_id":"zz"}]}`, "does not exist"},
		{"group", `{"auto_accesses":[{"id":"x","access":{"groups":[5]},"conditions":{"domain":{"values":[{"value":"a"}]}}}]}`, "group 5"},
		{"conditions", `{"auto_accesses":[{"id":"x","access":{"groups":[0]},"conditions":{}}]}`, "at least one of"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			err := newHarness(t).s.LoadFixture([]byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	var st State
	if err := json.Unmarshal(dump, &st); err != nil || len(st.AutoAccesses) != 3 {
		t.Fatalf("dump: %v %+v", err, st.AutoAccesses)
	}
}

// A deleted group disappears from the rules that named it; the state dump still loads.
func TestAutoAccessDeletedGroup(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	id, _ := field(t, h.ok("add_auto_access", `{"access":{"groups":[1]},"conditions":{"domain":{"values":[{"value":"a.com"}]}}}`), "id").(string)
	h.ok("delete_group", `{"id":1}`)
	assertJSON(t, field(t, h.ok("list_auto_accesses", `{}`).([]any)[0], "access"), `{"groups":[]}`)
	dump, _ := h.s.StateJSON()
	h2 := newHarness(t)
	if err := h2.s.LoadState(dump); err != nil {
		t.Fatal(err)
	}
	if r, ok := h2.s.AutoAccess(id); !ok || len(r.Access.Groups) != 0 {
		t.Fatalf("loaded %+v %v", r, ok)
	}
}

func TestAutoAccessMoveOutOfBand(t *testing.T) {
	h := newHarness(t, withDelay)
	a, b := h.addRule("A", ""), h.addRule("B", "")
	h.clock.Advance(delay)
	if err := h.s.MoveAutoAccess(b, a); err != nil {
		t.Fatal(err)
	}
	if got := h.ruleOrder(); got != "B->A" {
		t.Fatalf("out-of-band move not visible at once: %s", got)
	}
	if err := h.s.MoveAutoAccess("nope", ""); err == nil {
		t.Fatal("moving a missing rule succeeded")
	}
}
