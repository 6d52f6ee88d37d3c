package emulator

import (
	"net/http"
	"testing"
)

func TestFreshTags(t *testing.T) {
	h := newHarness(t)
	// The List Tags example, without its group 42 that a fresh license does not have.
	assertJSON(t, h.ok("list_tags", `{}`), `[
	 {"name":"docs_feedback","group_ids":[0],"author_id":"smith@example.com","created_at":"2019-12-09T12:01:18.909000Z"},
	 {"name":"positive feedback","group_ids":[0],"author_id":"","created_at":"2017-11-13T15:37:36.000000+01:00"},
	 {"name":"support","group_ids":[0],"author_id":"","created_at":"2017-11-13T15:37:36.000000+01:00"},
	 {"name":"complaint","group_ids":[0],"author_id":"","created_at":"2017-11-13T15:37:36.000000+01:00"},
	 {"name":"sales","group_ids":[0],"author_id":"","created_at":"2017-11-13T15:37:36.000000+01:00"},
	 {"name":"spam","group_ids":[0],"author_id":"","created_at":"2017-11-13T15:37:36.000000+01:00"}]`)
}

func TestTagLifecycle(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	assertJSON(t, h.ok("create_tag", `{"name":"vip","group_ids":[1,1,0]}`), `{}`)
	h.ok("create_tag", `{"name":"empty"}`)
	tag, ok := h.s.Tag("vip")
	if !ok {
		t.Fatal("tag not stored")
	}
	assertJSON(t, tag, `{"name":"vip","group_ids":[1,0],"author_id":"owner@example.com","created_at":"2024-05-06T07:08:09.000000Z"}`)
	empty, _ := h.s.Tag("empty")
	assertJSON(t, empty.GroupIDs, `[]`)

	assertJSON(t, ids(t, h.ok("list_tags", `{"filters":{"group_ids":[1]}}`), "name"), `["vip"]`)
	assertJSON(t, ids(t, h.ok("list_tags", `{"filters":{"group_ids":[1,5]}}`), "name"), `["vip"]`)
	assertJSON(t, h.ok("list_tags", `{"filters":{"group_ids":[]}}`), `[]`)

	assertJSON(t, h.ok("update_tag", `{"name":"vip","group_ids":[]}`), `{}`)
	tag, _ = h.s.Tag("vip")
	assertJSON(t, tag.GroupIDs, `[]`)
	h.ok("update_tag", `{"name":"vip"}`) // nothing to change
	assertJSON(t, h.ok("delete_tag", `{"name":"vip"}`), `{}`)
	if _, ok := h.s.Tag("vip"); ok {
		t.Fatal("deleted tag still stored")
	}
}

func TestTagLetterCase(t *testing.T) {
	h := newHarness(t)
	// Create ignores letter case when checking existence ...
	h.fail("create_tag", `{"name":"Sales"}`, http.StatusConflict, "already_exists")
	h.fail("create_tag", `{"name":"SPAM","group_ids":[0]}`, http.StatusConflict, "already_exists")
	// ... update and delete match the name exactly.
	h.fail("update_tag", `{"name":"Sales","group_ids":[0]}`, http.StatusNotFound, "not_found")
	h.fail("delete_tag", `{"name":"SALES"}`, http.StatusNotFound, "not_found")
	h.ok("delete_tag", `{"name":"sales"}`)
	h.ok("create_tag", `{"name":"Sales"}`)
	if _, ok := h.s.Tag("Sales"); !ok {
		t.Fatal("Sales not created")
	}
}

func TestTagErrors(t *testing.T) {
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"create name", "create_tag", `{"group_ids":[0]}`, 400, "validation", "`name` is required"},
		{"create ids type", "create_tag", `{"name":"x","group_ids":[0,"1"]}`, 400, "validation", "`group_ids` must be an array of integers"},
		{"create negative", "create_tag", `{"name":"x","group_ids":[-2]}`, 400, "validation", "`group_ids[0]` must be a non-negative integer"},
		{"create unknown", "create_tag", `{"name":"x","author_id":"me"}`, 400, "validation", "`author_id` is not a supported parameter"},
		{"create group", "create_tag", `{"name":"x","group_ids":[0,42]}`, 404, "group_not_found", "Group 42 not found"},
		{"update name", "update_tag", `{}`, 400, "validation", "`name` is required"},
		{"update group", "update_tag", `{"name":"spam","group_ids":[42]}`, 404, "group_not_found", "Group 42 not found"},
		{"update missing", "update_tag", `{"name":"nope"}`, 404, "not_found", "Not found"},
		{"delete name", "delete_tag", `{"name":""}`, 400, "validation", "`name` is required"},
		{"delete missing", "delete_tag", `{"name":"nope"}`, 404, "not_found", "Not found"},
		{"list filters", "list_tags", `{"filters":{}}`, 400, "validation", "`filters.group_ids` is required"},
		{"list filters type", "list_tags", `{"filters":[0]}`, 400, "validation", "`filters` must be an object"},
		{"list unknown", "list_tags", `{"group_ids":[0]}`, 400, "validation", "`group_ids` is not a supported parameter"},
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
