package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

const (
	propOwner = "0805e283233042b37f460ed8fbf22160"
	// The Register Property example, with a license location so that default_value is allowed.
	stringProp = `{"name":"string_property","owner_client_id":"` + propOwner + `","type":"string",
	  "default_value":"string_default_value",
	  "access":{"chat":{"agent":["read"],"customer":["write","read"]},"license":{"agent":["read"]},"group":{"agent":["read","write"]}}}`
	intProp = `{"name":"int_property","owner_client_id":"` + propOwner + `","type":"int","description":"d",
	  "range":{"from":1,"to":10},"access":{"license":{"agent":["read"]},"group":{"customer":["read"]}}}`
	chatProp = `{"name":"chat_only","owner_client_id":"` + propOwner + `","type":"bool",
	  "access":{"chat":{"agent":["read","write"]}}}`
)

func TestFreshTestProperties(t *testing.T) {
	h := newHarness(t)
	for _, typ := range []string{"bool", "int", "string", "tokenized_string"} {
		p, ok := h.s.Property("test", typ+"_property")
		if !ok {
			t.Fatalf("test property %s_property missing", typ)
		}
		if p.Type != typ || len(p.Access) != 5 || strings.Join(p.PublicAccess, ",") != "read,write" {
			t.Fatalf("test property %+v", p)
		}
	}
	// Test properties are rw for everyone: values can be set, read and deleted without registering.
	h.ok("update_license_properties", `{"properties":{"test":{"int_property":42,"tokenized_string_property":"a b c","bool_property":false}}}`)
	assertJSON(t, h.ok("list_license_properties", `{"namespace":"test"}`),
		`{"test":{"int_property":42,"tokenized_string_property":"a b c","bool_property":false}}`)
	h.ok("delete_license_properties", `{"properties":{"test":["int_property"]}}`)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{"test":{"tokenized_string_property":"a b c","bool_property":false}}`)
	// The test namespace belongs to LiveChat, not to the requester's organization.
	h.fail("unregister_property", `{"name":"int_property","owner_client_id":"test"}`, http.StatusForbidden, "authorization")
	h.fail("list_properties", `{"owner_client_id":"test"}`, http.StatusForbidden, "authorization")
}

func TestPropertyLifecycle(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), `{}`)
	assertJSON(t, h.ok("register_property", stringProp), `{}`)
	h.ok("register_property", intProp)
	h.ok("register_property", chatProp)
	// Access lists come back in the order read, write; public_access is [] until published.
	assertJSON(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), `{
	  "string_property":{"type":"string","description":"","default_value":"string_default_value","public_access":[],
	    "access":{"chat":{"agent":["read"],"customer":["read","write"]},"license":{"agent":["read"]},"group":{"agent":["read","write"]}}},
	  "int_property":{"type":"int","description":"d","range":{"from":1,"to":10},"public_access":[],
	    "access":{"license":{"agent":["read"]},"group":{"customer":["read"]}}},
	  "chat_only":{"type":"bool","description":"","public_access":[],"access":{"chat":{"agent":["read","write"]}}}}`)
	// Another owner's list does not show them.
	assertJSON(t, h.ok("list_properties", `{"owner_client_id":"other"}`), `{}`)
	h.fail("register_property", stringProp, http.StatusConflict, "already_exists")

	// Publish, then widen; narrowing or unpublishing is refused.
	h.ok("publish_property", `{"name":"int_property","owner_client_id":"`+propOwner+`","access_type":["read"]}`)
	h.ok("publish_property", `{"name":"int_property","owner_client_id":"`+propOwner+`","access_type":["write","read"]}`)
	p, _ := h.s.Property(propOwner, "int_property")
	assertJSON(t, p.PublicAccess, `["read","write"]`)
	e := h.fail("publish_property", `{"name":"int_property","owner_client_id":"`+propOwner+`","access_type":["write"]}`, http.StatusBadRequest, "validation")
	if !strings.Contains(e["message"].(string), "cannot be unpublished") {
		t.Fatalf("message %v", e["message"])
	}
	assertJSON(t, field(t, field(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), "int_property"), "public_access"), `["read","write"]`)
	e = h.fail("unregister_property", `{"name":"int_property","owner_client_id":"`+propOwner+`"}`, http.StatusBadRequest, "validation")
	if e["message"] != "Published properties cannot be unregistered" {
		t.Fatalf("message %v", e["message"])
	}

	// Unregistering a private property removes it and its values.
	h.ok("update_license_properties", `{"properties":{"`+propOwner+`":{"string_property":"x"}}}`)
	h.ok("update_group_properties", `{"group_id":0,"properties":{"`+propOwner+`":{"string_property":"y"}}}`)
	assertJSON(t, h.ok("unregister_property", `{"name":"string_property","owner_client_id":"`+propOwner+`"}`), `{}`)
	if _, ok := h.s.Property(propOwner, "string_property"); ok {
		t.Fatal("unregistered property still stored")
	}
	if _, ok := h.s.LicenseProperty(propOwner, "string_property"); ok {
		t.Fatal("license value of an unregistered property still stored")
	}
	if _, ok := h.s.GroupProperty(0, propOwner, "string_property"); ok {
		t.Fatal("group value of an unregistered property still stored")
	}
	h.fail("unregister_property", `{"name":"string_property","owner_client_id":"`+propOwner+`"}`, http.StatusNotFound, "not_found")
	// Any Client Id other than LiveChat's namespaces may own properties.
	h.ok("register_property", `{"name":"p","owner_client_id":"demo-client-id","type":"bool","access":{"license":{"agent":["read"]}},"default_value":true}`)
	assertJSON(t, h.ok("list_license_properties", `{"namespace":"demo-client-id"}`), `{"demo-client-id":{"p":true}}`)
}

func TestLicensePropertyValues(t *testing.T) {
	h := newHarness(t)
	h.ok("register_property", stringProp)
	h.ok("register_property", intProp)
	h.ok("register_property", chatProp)
	ns := `"` + propOwner + `"`
	// Defaults are listed until a value is set; int_property has no default.
	assertJSON(t, h.ok("list_license_properties", `{"namespace":`+ns+`}`), `{`+ns+`:{"string_property":"string_default_value"}}`)
	assertJSON(t, h.ok("update_license_properties", `{"properties":{`+ns+`:{"int_property":10}}}`), `{}`)
	// Does not overwrite other values.
	h.ok("update_license_properties", `{"properties":{`+ns+`:{"string_property":"string value"}}}`)
	assertJSON(t, h.ok("list_license_properties", `{"namespace":`+ns+`}`), `{`+ns+`:{"string_property":"string value","int_property":10}}`)
	assertJSON(t, h.ok("list_license_properties", `{"namespace":`+ns+`,"name_prefix":"string"}`), `{`+ns+`:{"string_property":"string value"}}`)
	assertJSON(t, h.ok("list_license_properties", `{"namespace":"nobody"}`), `{}`)
	v, ok := h.s.LicenseProperty(propOwner, "int_property")
	if !ok || string(v) != "10" {
		t.Fatalf("LicenseProperty = %s, %v", v, ok)
	}
	// Deleting goes back to the default; deleting an unset value is fine.
	assertJSON(t, h.ok("delete_license_properties", `{"properties":{`+ns+`:["string_property","int_property"]}}`), `{}`)
	h.ok("delete_license_properties", `{"properties":{`+ns+`:["int_property"]}}`)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{`+ns+`:{"string_property":"string_default_value"}}`)
	if err := h.s.DeleteObject("license_property", propOwner+"/int_property"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeleteObject of an unset value: %v", err)
	}
}

func TestGroupPropertyValues(t *testing.T) {
	h := newHarness(t)
	h.ok("register_property", stringProp)
	h.ok("register_property", intProp)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	ns := `"` + propOwner + `"`
	assertJSON(t, h.ok("update_group_properties", `{"group_id":1,"properties":{`+ns+`:{"string_property":"group property value for group 1","int_property":3}}}`), `{}`)
	h.ok("update_group_properties", `{"group_id":0,"properties":{`+ns+`:{"int_property":1}}}`)
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[0,1]}`), `[
	  {"id":0,"properties":{`+ns+`:{"string_property":"string_default_value","int_property":1}}},
	  {"id":1,"properties":{`+ns+`:{"string_property":"group property value for group 1","int_property":3}}}]`)
	// An empty group_ids lists every group; namespace and name_prefix filter.
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[],"namespace":`+ns+`,"name_prefix":"int"}`), `[
	  {"id":0,"properties":{`+ns+`:{"int_property":1}}},{"id":1,"properties":{`+ns+`:{"int_property":3}}}]`)
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[1],"namespace":"a","name_prefix":"b"}`), `[{"id":1,"properties":{}}]`)
	v, ok := h.s.GroupProperty(1, propOwner, "int_property")
	if !ok || string(v) != "3" {
		t.Fatalf("GroupProperty = %s, %v", v, ok)
	}
	assertJSON(t, h.ok("delete_group_properties", `{"id":1,"properties":{`+ns+`:["int_property"]}}`), `{}`)
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[1]}`), `[{"id":1,"properties":{`+ns+`:{"string_property":"group property value for group 1"}}}]`)
	// Deleting the group drops its values.
	h.ok("delete_group", `{"id":1}`)
	if _, ok := h.s.GroupProperty(1, propOwner, "string_property"); ok {
		t.Fatal("value of a deleted group still reported")
	}
	h.fail("list_groups_properties", `{"group_ids":[1]}`, http.StatusNotFound, "group_not_found")
	var st State
	b, _ := h.s.StateJSON()
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.GroupProperties) != 1 || st.GroupProperties[0].GroupID != 0 {
		t.Fatalf("state group_properties = %+v", st.GroupProperties)
	}
}

func TestPropertyErrors(t *testing.T) {
	reg := func(extra string) string {
		return `{"name":"p","owner_client_id":"c","type":"int","access":{"license":{"agent":["read"]}}` + extra + `}`
	}
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"register name", "register_property", `{"owner_client_id":"c","type":"int","access":{"chat":{"agent":["read"]}}}`, 400, "validation", "`name` is required"},
		{"register owner", "register_property", `{"name":"p","type":"int","access":{"chat":{"agent":["read"]}}}`, 400, "validation", "`owner_client_id` is required"},
		{"register type", "register_property", `{"name":"p","owner_client_id":"c","type":"float","access":{"chat":{"agent":["read"]}}}`, 400, "validation", "`type` must be one of: int, string, bool, tokenized_string"},
		{"register access", "register_property", `{"name":"p","owner_client_id":"c","type":"int"}`, 400, "validation", "`access` is required"},
		{"register no location", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{}}`, 400, "validation", "`access` must set at least one location (chat, thread, event, license, group)"},
		{"register location", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"visitor":{"agent":["read"]}}}`, 400, "validation", "`access.visitor` is not a supported location; use one of: chat, thread, event, license, group"},
		{"register no user", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{}}}`, 400, "validation", "`access.chat` must set at least one user (agent, customer)"},
		{"register user", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{"bot":["read"]}}}`, 400, "validation", "`access.chat.bot` is not a supported user; use agent or customer"},
		{"register access value", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{"agent":["delete"]}}}`, 400, "validation", "`access.chat.agent[0]` must be one of: read, write"},
		{"register access empty", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{"agent":[]}}}`, 400, "validation", "`access.chat.agent` must contain read, write or both"},
		{"register access twice", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{"agent":["read","read"]}}}`, 400, "validation", "`access.chat.agent` lists read twice"},
		{"register unknown", "register_property", reg(`,"public_access":["read"]`), 400, "validation", "`public_access` is not a supported parameter"},
		{"domain and range", "register_property", reg(`,"domain":[1],"range":{"from":1}`), 400, "validation", "Only one of `domain` and `range` can be set"},
		{"domain type", "register_property", reg(`,"domain":[1,"2"]`), 400, "validation", "`domain[1]` must be an int (a 32-bit integer)"},
		{"domain int32", "register_property", reg(`,"domain":[2147483648]`), 400, "validation", "`domain[0]` must be an int (a 32-bit integer)"},
		{"domain empty", "register_property", reg(`,"domain":[]`), 400, "validation", "`domain` must contain at least one value"},
		{"domain twice", "register_property", reg(`,"domain":[1,1]`), 400, "validation", "`domain` lists 1 twice"},
		{"range type", "register_property", `{"name":"p","owner_client_id":"c","type":"string","access":{"chat":{"agent":["read"]}},"range":{"from":1}}`, 400, "validation", "`range` can be set only for properties of type int"},
		{"range empty", "register_property", reg(`,"range":{}`), 400, "validation", "`range` must set `range.from`, `range.to` or both"},
		{"range order", "register_property", reg(`,"range":{"from":5,"to":1}`), 400, "validation", "`range.from` must not be greater than `range.to`"},
		{"range int", "register_property", reg(`,"range":{"from":1.5}`), 400, "validation", "`range.from` must be an integer"},
		{"default location", "register_property", `{"name":"p","owner_client_id":"c","type":"int","access":{"chat":{"agent":["read"]}},"default_value":1}`, 400, "validation", "`default_value` can be set only when `access` includes the license or group location"},
		{"default type", "register_property", reg(`,"default_value":"1"`), 400, "validation", "`default_value` must be an int (a 32-bit integer)"},
		{"default null", "register_property", reg(`,"default_value":null`), 400, "validation", "`default_value` must be a value of the property's type"},
		{"default domain", "register_property", reg(`,"domain":[1,2],"default_value":3`), 400, "validation", "`default_value` must be one of the property's domain: 1, 2"},
		{"default range", "register_property", reg(`,"range":{"to":2},"default_value":3`), 400, "validation", "`default_value` must be within the property's range [-inf, 2]"},
		{"register reserved", "register_property", `{"name":"p","owner_client_id":"test","type":"int","access":{"chat":{"agent":["read"]}}}`, 403, "authorization", "Client Id test is not owned by your organization"},
		{"register exists", "register_property", `{"name":"int_property","owner_client_id":"o","type":"int","access":{"chat":{"agent":["read"]}}}`, 409, "already_exists", "Already exists"},
		{"unregister missing", "unregister_property", `{"name":"nope","owner_client_id":"o"}`, 404, "not_found", "Property nope of namespace o not found"},
		{"unregister name", "unregister_property", `{"owner_client_id":"o"}`, 400, "validation", "`name` is required"},
		{"unregister published", "unregister_property", `{"name":"published","owner_client_id":"o"}`, 400, "validation", "Published properties cannot be unregistered"},
		{"publish access_type", "publish_property", `{"name":"int_property","owner_client_id":"o"}`, 400, "validation", "`access_type` is required"},
		{"publish access value", "publish_property", `{"name":"int_property","owner_client_id":"o","access_type":["all"]}`, 400, "validation", "`access_type[0]` must be one of: read, write"},
		{"publish empty", "publish_property", `{"name":"int_property","owner_client_id":"o","access_type":[]}`, 400, "validation", "`access_type` must contain read, write or both"},
		{"publish missing", "publish_property", `{"name":"nope","owner_client_id":"o","access_type":["read"]}`, 404, "not_found", "Property nope of namespace o not found"},
		{"publish narrow", "publish_property", `{"name":"published","owner_client_id":"o","access_type":["write"]}`, 400, "validation", "A published property cannot be unpublished: `access_type` must include read (public access now: read)"},
		{"publish reserved", "publish_property", `{"name":"int_property","owner_client_id":"core","access_type":["read"]}`, 403, "authorization", "Client Id core is not owned by your organization"},
		{"list owner", "list_properties", `{}`, 400, "validation", "`owner_client_id` is required"},
		{"list unknown", "list_properties", `{"owner_client_id":"o","namespace":"o"}`, 400, "validation", "`namespace` is not a supported parameter"},
		{"update properties", "update_license_properties", `{}`, 400, "validation", "`properties` is required"},
		{"update namespace shape", "update_license_properties", `{"properties":{"o":["int_property"]}}`, 400, "validation", "`properties.o` must be an object"},
		{"update missing", "update_license_properties", `{"properties":{"o":{"nope":1}}}`, 404, "not_found", "Property nope of namespace o not found"},
		{"update type", "update_license_properties", `{"properties":{"o":{"int_property":"1"}}}`, 400, "validation", "`properties.o.int_property` must be an int (a 32-bit integer)"},
		{"update bool", "update_license_properties", `{"properties":{"o":{"bool_property":1}}}`, 400, "validation", "`properties.o.bool_property` must be a bool"},
		{"update string", "update_license_properties", `{"properties":{"o":{"string_property":true}}}`, 400, "validation", "`properties.o.string_property` must be a string (property type string)"},
		{"update null", "update_license_properties", `{"properties":{"o":{"string_property":null}}}`, 400, "validation", "`properties.o.string_property` must be a string (property type string)"},
		{"update range", "update_license_properties", `{"properties":{"o":{"int_property":11}}}`, 400, "validation", "`properties.o.int_property` must be within the property's range [1, 10]"},
		{"update domain", "update_license_properties", `{"properties":{"o":{"string_property":"c"}}}`, 400, "validation", "`properties.o.string_property` must be one of the property's domain: \"a\", \"b\""},
		{"update location", "update_license_properties", `{"properties":{"o":{"chat_only":true}}}`, 400, "validation", "Property chat_only of namespace o has no license location in its access"},
		{"update all or nothing", "update_license_properties", `{"properties":{"o":{"int_property":2,"string_property":"c"}}}`, 400, "validation", "`properties.o.string_property` must be one of the property's domain: \"a\", \"b\""},
		{"list license unknown", "list_license_properties", `{"group_ids":[0]}`, 400, "validation", "`group_ids` is not a supported parameter"},
		{"list license prefix", "list_license_properties", `{"name_prefix":1}`, 400, "validation", "`name_prefix` must be a string"},
		{"delete license shape", "delete_license_properties", `{"properties":{"o":{"int_property":1}}}`, 400, "validation", "`properties.o` must be an array of strings"},
		{"delete license missing", "delete_license_properties", `{"properties":{"o":["nope"]}}`, 404, "not_found", "Property nope of namespace o not found"},
		{"delete license location", "delete_license_properties", `{"properties":{"o":["chat_only"]}}`, 400, "validation", "Property chat_only of namespace o has no license location in its access"},
		{"update group id", "update_group_properties", `{"properties":{}}`, 400, "validation", "`group_id` is required"},
		{"update group unknown param", "update_group_properties", `{"id":0,"properties":{}}`, 400, "validation", "`id` is not a supported parameter"},
		{"update group missing", "update_group_properties", `{"group_id":42,"properties":{"o":{"int_property":1}}}`, 404, "group_not_found", "Group 42 not found"},
		{"update group location", "update_group_properties", `{"group_id":0,"properties":{"o":{"chat_only":true}}}`, 400, "validation", "Property chat_only of namespace o has no group location in its access"},
		{"update group type", "update_group_properties", `{"group_id":0,"properties":{"o":{"int_property":true}}}`, 400, "validation", "`properties.o.int_property` must be an int (a 32-bit integer)"},
		{"list groups ids", "list_groups_properties", `{}`, 400, "validation", "`group_ids` is required"},
		{"list groups missing", "list_groups_properties", `{"group_ids":[0,42]}`, 404, "group_not_found", "Group 42 not found"},
		{"delete group id", "delete_group_properties", `{"group_id":0,"properties":{}}`, 400, "validation", "`group_id` is not a supported parameter"},
		{"delete group missing", "delete_group_properties", `{"id":42,"properties":{"o":["int_property"]}}`, 404, "group_not_found", "Group 42 not found"},
		{"delete group property missing", "delete_group_properties", `{"id":0,"properties":{"o":["nope"]}}`, 404, "not_found", "Property nope of namespace o not found"},
		{"list groups typo", "list_group_properties", `{"group_ids":[0]}`, 404, "not_found", "Unknown action `list_group_properties`"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.ok("register_property", `{"name":"int_property","owner_client_id":"o","type":"int","range":{"from":1,"to":10},"access":{"license":{"agent":["read"]},"group":{"agent":["read"]}}}`)
			h.ok("register_property", `{"name":"string_property","owner_client_id":"o","type":"string","domain":["a","b"],"access":{"license":{"agent":["read"]}}}`)
			h.ok("register_property", `{"name":"bool_property","owner_client_id":"o","type":"bool","access":{"license":{"agent":["read"]}}}`)
			h.ok("register_property", `{"name":"chat_only","owner_client_id":"o","type":"bool","access":{"chat":{"agent":["read"]}}}`)
			h.ok("register_property", `{"name":"published","owner_client_id":"o","type":"bool","access":{"chat":{"agent":["read"]}}}`)
			h.ok("publish_property", `{"name":"published","owner_client_id":"o","access_type":["read"]}`)
			e := h.fail(tc.action, tc.body, tc.status, tc.typ)
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
			if _, ok := h.s.LicenseProperty("o", "int_property"); ok {
				t.Fatal("a failed update stored a value")
			}
		})
	}
}

func TestPropertyDelay(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("register_property", stringProp)
	// Invisible to list_properties, and not yet usable by value writes.
	assertJSON(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), `{}`)
	h.fail("update_license_properties", `{"properties":{"`+propOwner+`":{"string_property":"v"}}}`, http.StatusNotFound, "not_found")
	if _, ok := h.s.Property(propOwner, "string_property"); !ok {
		t.Fatal("Property lookup is not authoritative")
	}
	// Publishing acts on the authoritative state at once.
	h.ok("publish_property", `{"name":"string_property","owner_client_id":"`+propOwner+`","access_type":["read"]}`)
	h.clock.Advance(delay)
	assertJSON(t, field(t, field(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), "string_property"), "public_access"), `["read"]`)

	// A group created a moment ago is group_not_found for group property writes.
	h.ok("create_group", `{"name":"New","agent_priorities":{}}`)
	h.fail("update_group_properties", `{"group_id":1,"properties":{"`+propOwner+`":{"string_property":"v"}}}`, http.StatusNotFound, "group_not_found")
	h.fail("delete_group_properties", `{"id":1,"properties":{"`+propOwner+`":["string_property"]}}`, http.StatusNotFound, "group_not_found")
	h.clock.Advance(delay - time.Second)
	h.fail("update_group_properties", `{"group_id":1,"properties":{"`+propOwner+`":{"string_property":"v"}}}`, http.StatusNotFound, "group_not_found")
	h.clock.Advance(time.Second)
	h.ok("update_group_properties", `{"group_id":1,"properties":{"`+propOwner+`":{"string_property":"v"}}}`)
	// The value shows only after the delay: until then the default.
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[1]}`), `[{"id":1,"properties":{"`+propOwner+`":{"string_property":"string_default_value"}}}]`)
	h.clock.Advance(delay)
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[1]}`), `[{"id":1,"properties":{"`+propOwner+`":{"string_property":"v"}}}]`)

	// License values: new, updated and deleted values propagate the same way.
	h.ok("update_license_properties", `{"properties":{"`+propOwner+`":{"string_property":"one"}}}`)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{"`+propOwner+`":{"string_property":"string_default_value"}}`)
	h.clock.Advance(delay)
	h.ok("update_license_properties", `{"properties":{"`+propOwner+`":{"string_property":"two"}}}`)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{"`+propOwner+`":{"string_property":"one"}}`)
	h.clock.Advance(delay)
	h.ok("delete_license_properties", `{"properties":{"`+propOwner+`":["string_property"]}}`)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{"`+propOwner+`":{"string_property":"two"}}`)
	if _, ok := h.s.LicenseProperty(propOwner, "string_property"); ok {
		t.Fatal("LicenseProperty lookup is not authoritative")
	}
	h.clock.Advance(delay)
	assertJSON(t, h.ok("list_license_properties", `{}`), `{"`+propOwner+`":{"string_property":"string_default_value"}}`)

	// An unregistered property stays listed until the delay has passed.
	h.ok("register_property", chatProp)
	h.clock.Advance(delay)
	h.ok("unregister_property", `{"name":"chat_only","owner_client_id":"`+propOwner+`"}`)
	if _, ok := field(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), "chat_only").(map[string]any); !ok {
		t.Fatal("unregistered property vanished before the delay")
	}
	h.clock.Advance(delay)
	if v := field(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), "chat_only"); v != nil {
		t.Fatalf("unregistered property still listed: %v", v)
	}
}

func TestPropertyStateRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.ok("register_property", stringProp)
	h.ok("register_property", intProp)
	h.ok("publish_property", `{"name":"int_property","owner_client_id":"`+propOwner+`","access_type":["read"]}`)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	h.ok("update_license_properties", `{"properties":{"`+propOwner+`":{"int_property":7},"test":{"string_property":"t"}}}`)
	h.ok("update_group_properties", `{"group_id":1,"properties":{"`+propOwner+`":{"string_property":"g"}}}`)
	dump, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	other := newHarness(t)
	if err := other.s.LoadState(dump); err != nil {
		t.Fatal(err)
	}
	again, _ := other.s.StateJSON()
	if string(again) != string(dump) {
		t.Fatalf("state changed on reload:\n%s\n---\n%s", dump, again)
	}
	assertJSON(t, other.ok("list_license_properties", `{}`), `{"`+propOwner+`":{"int_property":7,"string_property":"string_default_value"},"test":{"string_property":"t"}}`)
	other.fail("unregister_property", `{"name":"int_property","owner_client_id":"`+propOwner+`"}`, http.StatusBadRequest, "validation")

	// A fixture adds to the fresh license and is validated like the API would.
	fixture := newHarness(t)
	if err := fixture.s.LoadFixture([]byte(`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["write","read"]}}}],
	  "group_properties":[{"group_id":0,"namespace":"c","name":"p","value":5}]}`)); err != nil {
		t.Fatal(err)
	}
	if v, ok := fixture.s.GroupProperty(0, "c", "p"); !ok || string(v) != "5" {
		t.Fatalf("fixture value %s %v", v, ok)
	}
	if _, ok := fixture.s.Property("test", "int_property"); !ok {
		t.Fatal("fixture dropped the test properties")
	}
	for _, bad := range []string{
		`{"properties":[{"owner_client_id":"c","name":"p","type":"real","access":{"group":{"agent":["read"]}}}]}`,
		`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["read"]}},"domain":[1],"range":{"from":1}}]}`,
		`{"license_properties":[{"namespace":"c","name":"missing","value":1}]}`,
		`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["read"]}}}],"license_properties":[{"namespace":"c","name":"p","value":1}]}`,
		`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["read"]}}}],"group_properties":[{"group_id":0,"namespace":"c","name":"p","value":"x"}]}`,
		`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["read"]}}}],"group_properties":[{"group_id":9,"namespace":"c","name":"p","value":1}]}`,
		`{"properties":[{"owner_client_id":"c","name":"p","type":"int","access":{"group":{"agent":["read"]}},"unknown":1}]}`,
	} {
		if err := newHarness(t).s.LoadFixture([]byte(bad)); err == nil {
			t.Errorf("fixture accepted: %s", bad)
		}
	}
}

func TestPropertyDeleteObject(t *testing.T) {
	h := newHarness(t)
	h.ok("register_property", stringProp)
	h.ok("publish_property", `{"name":"string_property","owner_client_id":"`+propOwner+`","access_type":["read"]}`)
	h.ok("update_license_properties", `{"properties":{"`+propOwner+`":{"string_property":"x"}}}`)
	h.ok("update_group_properties", `{"group_id":0,"properties":{"`+propOwner+`":{"string_property":"y"}}}`)

	if err := h.s.DeleteObject("group_property", "0/"+propOwner+"/string_property"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, h.ok("list_groups_properties", `{"group_ids":[0]}`), `[{"id":0,"properties":{"`+propOwner+`":{"string_property":"string_default_value"}}}]`)
	if err := h.s.DeleteObject("license_property", propOwner+"/string_property"); err != nil {
		t.Fatal(err)
	}
	if _, ok := h.s.LicenseProperty(propOwner, "string_property"); ok {
		t.Fatal("license value not deleted")
	}
	// Out of band, even a published property can go (as if LiveChat support removed it).
	if err := h.s.DeleteObject("property", propOwner+"/string_property"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, h.ok("list_properties", `{"owner_client_id":"`+propOwner+`"}`), `{}`)
	for kind, id := range map[string]string{"property": propOwner + "/string_property", "license_property": "nope", "group_property": "x/y"} {
		if err := h.s.DeleteObject(kind, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("DeleteObject(%s, %s) = %v, want ErrNotFound", kind, id, err)
		}
	}
}
