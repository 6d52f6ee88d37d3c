package emulator

import (
	"net/http"
	"testing"
	"time"
)

const delay = 2 * time.Minute

func withDelay(o *Options) { o.PropagationDelay = delay }

func TestDelayCreateBecomesVisible(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	h.ok("create_tag", `{"name":"new"}`)

	// Invisible to reads: not found, absent from lists ...
	h.fail("get_agent", `{"id":"a@example.com"}`, http.StatusNotFound, "not_found")
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	assertJSON(t, ids(t, h.ok("list_agents", `{}`), "id"), `["owner@example.com"]`)
	assertJSON(t, ids(t, h.ok("list_groups", `{}`), "id"), `[0]`)
	if names := ids(t, h.ok("list_tags", `{}`), "name"); len(names) != 6 {
		t.Fatalf("new tag listed before the delay: %v", names)
	}
	// ... but authoritative for the Go lookups and the state dump.
	if _, ok := h.s.Agent("a@example.com"); !ok {
		t.Fatal("Agent lookup is not authoritative")
	}
	if _, ok := h.s.Group(1); !ok {
		t.Fatal("Group lookup is not authoritative")
	}
	if _, ok := h.s.Tag("new"); !ok {
		t.Fatal("Tag lookup is not authoritative")
	}
	// Writes act on the authoritative state: updating the invisible agent works.
	h.ok("update_agent", `{"id":"a@example.com","job_title":"T"}`)
	h.fail("create_agent", `{"id":"a@example.com","name":"A"}`, http.StatusConflict, "already_exists")
	h.fail("create_tag", `{"name":"NEW"}`, http.StatusConflict, "already_exists")

	h.clock.Advance(delay - time.Second)
	h.fail("get_agent", `{"id":"a@example.com"}`, http.StatusNotFound, "not_found")
	h.clock.Advance(time.Second)
	// The last write (update at the same instant as the create) is visible too.
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"a@example.com","fields":["job_title"]}`), "job_title"), `"T"`)
	h.ok("get_group", `{"id":1}`)
	if names := ids(t, h.ok("list_tags", `{}`), "name"); len(names) != 7 {
		t.Fatalf("new tag not listed after the delay: %v", names)
	}
}

func TestDelayUpdateShowsOldValue(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("update_group", `{"id":0,"name":"Renamed"}`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0}`), "name"), `"General"`)
	h.clock.Advance(time.Minute)
	// A second write before the first became visible: readers still see the original.
	h.ok("update_group", `{"id":0,"name":"Renamed again"}`)
	h.clock.Advance(time.Minute)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0}`), "name"), `"General"`)
	g, _ := h.s.Group(0)
	if g.Name != "Renamed again" {
		t.Fatalf("authoritative name %q", g.Name)
	}
	h.clock.Advance(time.Minute)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0}`), "name"), `"Renamed again"`)
}

func TestDelayDeleteStillVisible(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("delete_tag", `{"name":"spam"}`)
	if _, ok := h.s.Tag("spam"); ok {
		t.Fatal("Tag lookup is not authoritative")
	}
	h.fail("delete_tag", `{"name":"spam"}`, http.StatusNotFound, "not_found")
	assertJSON(t, ids(t, h.ok("list_tags", `{}`), "name")[5], `"spam"`)
	h.clock.Advance(delay)
	if names := ids(t, h.ok("list_tags", `{}`), "name"); len(names) != 5 {
		t.Fatalf("deleted tag still listed: %v", names)
	}
}

func TestDelayReferences(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("create_group", `{"name":"New","agent_priorities":{}}`)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)

	// Objects that refer to the new group or agent fail until it has propagated.
	h.fail("create_agent", `{"id":"b@example.com","name":"B","groups":[{"id":1,"priority":"normal"}]}`, http.StatusNotFound, "group_not_found")
	h.fail("update_agent", `{"id":"owner@example.com","groups":[{"id":1,"priority":"normal"}]}`, http.StatusNotFound, "group_not_found")
	h.fail("create_tag", `{"name":"t","group_ids":[1]}`, http.StatusNotFound, "group_not_found")
	h.fail("update_tag", `{"name":"spam","group_ids":[0,1]}`, http.StatusNotFound, "group_not_found")
	h.fail("update_group", `{"id":0,"agent_priorities":{"a@example.com":"normal"}}`, http.StatusNotFound, "not_found")
	h.fail("create_group", `{"name":"X","agent_priorities":{"a@example.com":"normal"}}`, http.StatusNotFound, "not_found")
	// The new group itself can be written (authoritative), with members that already exist.
	h.ok("update_group", `{"id":1,"agent_priorities":{"owner@example.com":"first"}}`)

	h.clock.Advance(delay)
	h.ok("create_agent", `{"id":"b@example.com","name":"B","groups":[{"id":1,"priority":"normal"}]}`)
	h.ok("create_tag", `{"name":"t","group_ids":[1]}`)
	h.ok("update_group", `{"id":0,"agent_priorities":{"a@example.com":"normal","owner@example.com":"normal"}}`)
	// Membership written through the group became visible on both sides with the group.
	assertJSON(t, field(t, h.ok("get_group", `{"id":1,"fields":["agent_priorities"]}`), "agent_priorities"),
		`{"owner@example.com":"first"}`)
}

func TestDelayMembershipBothSidesAgree(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("update_group", `{"id":0,"agent_priorities":{}}`)
	// Neither side shows the change before the delay ...
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"owner@example.com","fields":["groups"]}`), "groups"), `[{"id":0,"priority":"normal"}]`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0,"fields":["agent_priorities"]}`), "agent_priorities"), `{"owner@example.com":"normal"}`)
	h.clock.Advance(delay)
	// ... and both show it after.
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"owner@example.com","fields":["groups"]}`), "groups"), `[]`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":0,"fields":["agent_priorities"]}`), "agent_priorities"), `{}`)
}

func TestDelayDeleteGroupCascade(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{"owner@example.com":"last"}}`)
	h.ok("update_tag", `{"name":"spam","group_ids":[0,1]}`)
	h.s.SetPropagationDelay(delay)
	h.ok("delete_group", `{"id":1}`)
	// Before the delay the group, its members and its tags are all still there.
	h.ok("get_group", `{"id":1}`)
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"owner@example.com","fields":["groups"]}`), "groups"),
		`[{"id":0,"priority":"normal"},{"id":1,"priority":"last"}]`)
	assertJSON(t, ids(t, h.ok("list_tags", `{"filters":{"group_ids":[1]}}`), "name"), `["spam"]`)
	h.clock.Advance(delay)
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"owner@example.com","fields":["groups"]}`), "groups"), `[{"id":0,"priority":"normal"}]`)
	assertJSON(t, h.ok("list_tags", `{"filters":{"group_ids":[1]}}`), `[]`)
}

func TestDelayRecreateAfterDelete(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("delete_tag", `{"name":"spam"}`)
	h.ok("create_tag", `{"name":"Spam"}`)
	h.clock.Advance(delay)
	names := ids(t, h.ok("list_tags", `{}`), "name")
	assertJSON(t, names[len(names)-1], `"Spam"`)
	if len(names) != 6 {
		t.Fatalf("tags: %v", names)
	}
}

func TestDelayZeroIsImmediate(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	h.ok("create_agent", `{"id":"a@example.com","name":"A","groups":[{"id":1,"priority":"first"}]}`)
	h.ok("get_agent", `{"id":"a@example.com"}`)
}
