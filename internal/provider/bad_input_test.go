package provider

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The bad-input table: every documented constraint of every resource
// (enums, lengths, ranges, formats, conditional requirements, mutually
// exclusive attributes, combinations checked in ValidateConfig, ModifyPlan
// or a config validator), one row each. A row overrides attributes of a
// valid configuration of its resource type; its plan must fail with an
// error that is about that resource ("with <type>.bad,"), names the
// attribute (its path, as the framework's "Attribute <path>" line or the
// message writes it) and says what is wrong.
//
// Constraints that depend on the prior state (a published property cannot
// be narrowed; ownership cannot change) are checked by their resources'
// own tests: a PlanOnly step on a fresh configuration cannot reach them.

// badRow is one constraint.
type badRow struct {
	// set overrides (or adds) attributes of the base configuration: name to
	// HCL expression; "null" unsets a base attribute.
	set map[string]string
	// attr is the path of the attribute the error must name, e.g.
	// "work_scheduler.schedule.day" (indexes are matched whatever they are).
	attr string
	// msg is a regexp of what the error says (use \s+ between words:
	// Terraform wraps long lines).
	msg string
	// provider is a provider block body for this row (e.g. client_id = "").
	provider string
}

// badCase is the rows of one resource type, run as one TestCase.
type badCase struct {
	typ  string
	base [][2]string // a valid configuration: attribute, HCL expression
	rows []badRow
}

func setAttrs(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// providerCase is the type name of the case whose rows are provider settings.
const providerCase = "provider"

// config renders the base configuration of c with the overrides of set.
func (c badCase) config(set map[string]string, provider string) string {
	var b strings.Builder
	if c.typ == providerCase { // the provider block, and a resource that uses it
		b.WriteString("provider \"livechat\" {\n")
		for k, v := range set {
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
		b.WriteString("}\n\nresource \"livechat_tag\" \"bad\" {\n  name = \"bad input provider\"\n}\n")
		return b.String()
	}
	if provider != "" {
		fmt.Fprintf(&b, "provider \"livechat\" {\n%s\n}\n\n", provider)
	}
	fmt.Fprintf(&b, "resource %q \"bad\" {\n", c.typ)
	done := map[string]bool{}
	for _, a := range c.base {
		v := a[1]
		if o, ok := set[a[0]]; ok {
			v = o
		}
		done[a[0]] = true
		fmt.Fprintf(&b, "  %s = %s\n", a[0], v)
	}
	extra := make([]string, 0, len(set))
	for k := range set {
		if !done[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		if k == "timeouts" { // a block: timeouts { ... }
			fmt.Fprintf(&b, "  %s %s\n", k, set[k])
			continue
		}
		fmt.Fprintf(&b, "  %s = %s\n", k, set[k])
	}
	b.WriteString("}\n")
	return b.String()
}

// pathPattern matches an attribute path with any element keys or indexes:
// "groups.priority" matches groups[Value({...})].priority and groups[0].priority.
func pathPattern(attr string) string {
	parts := strings.Split(attr, ".")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return `\b` + strings.Join(parts, `(?:\[.*?\])?\.`) + `\b`
}

// expectError is the regexp a row's plan must fail with: the diagnostic is
// about this resource ("with <type>.bad,"), says msg (in its summary or its
// detail) and names the attribute: msg itself spells out its path, or the
// path appears after the "with" line (the framework's "Attribute <path> ..." detail, or
// the configuration line Terraform shows for the diagnostic's path).
func (c badCase) expectError(r badRow) *regexp.Regexp {
	with := `with ` + regexp.QuoteMeta(c.typ) + `\.bad,`
	if c.typ == providerCase {
		with = `with provider\[".*/livechat"\],`
	}
	if strings.Contains(r.msg, r.attr) { // the message spells out the whole path
		return regexp.MustCompile(`(?s)(?:` + with + `.*` + r.msg + `|` + r.msg + `.*` + with + `)`)
	}
	p := pathPattern(r.attr)
	return regexp.MustCompile(`(?s)(?:` + with + `.*(?:` + p + `.*` + r.msg + `|` + r.msg + `.*` + p + `)|` + r.msg + `.*` + with + `.*` + p + `)`)
}

// noClientID is a provider block without a client_id (the tests' environment sets one).
const noClientID = `  client_id = ""`

func badInputCases(t *testing.T) []badCase {
	dir := t.TempDir()
	notPNG := writeLogo(t, dir, "not-a-png.png", []byte("GIF89a this is not a PNG"))
	gif := writeLogo(t, dir, "logo.gif", testLogo(t, "png", 400, 400, 1))
	small := writeLogo(t, dir, "small.png", testLogo(t, "png", 100, 100, 1))
	long := func(n int) string { return `"` + strings.Repeat("x", n) + `"` }
	schedule := func(day, start, end string) string {
		return fmt.Sprintf(`{ timezone = "Europe/Warsaw", schedule = [{ day = %q, start = %q, end = %q }] }`, day, start, end)
	}
	const oneOf = `value\s+must\s+be\s+one\s+of`
	const atLeast1 = `(?:length|character\s+count)\s+must\s+be\s+at\s+least\s+1`
	const notBlank = `must\s+not\s+be\s+empty\s+or\s+blank`
	const ianaZone = `must\s+be\s+a\s+time\s+zone\s+of\s+the\s+IANA\s+database`
	const endsAfterStart = `must\s+end\s+after\s+it\s+starts`
	const overlap = `overlap`
	const wholeNumber = `must\s+be\s+a\s+whole\s+number`
	const tagName = `without\s+leading\s+or\s+trailing\s+spaces\s+or\s+control\s+characters`
	// chars is a string of n copies of c (a multi-byte character counts as one).
	chars := func(c string, n int) string { return `"` + strings.Repeat(c, n) + `"` }
	twoSpans := func(day, s1, e1, s2, e2 string) string {
		return fmt.Sprintf(`{ timezone = "Europe/Warsaw", schedule = [{ day = %q, start = %q, end = %q }, { day = %q, start = %q, end = %q }] }`, day, s1, e1, day, s2, e2)
	}

	return []badCase{
		// The provider's own settings.
		{typ: providerCase, rows: []badRow{
			{set: setAttrs("region", `"waw"`), attr: "region", msg: oneOf},
			{set: setAttrs("request_timeout", `"soon"`), attr: "request_timeout", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("propagation_timeout", `"-1m"`), attr: "propagation_timeout", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("create_recovery_window", `"2 minutes"`), attr: "create_recovery_window", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("propagation_window", `"-1s"`), attr: "propagation_window", msg: `not\s+a\s+Go\s+duration\s+of\s+0\s+or\s+more`},
			{set: setAttrs("rate_limit", `-1`), attr: "rate_limit", msg: `at\s+least\s+0`},
		}},
		{typ: "livechat_agent", base: [][2]string{{"id", `"bad-input@example.com"`}, {"name", `"Bad Input"`}}, rows: []badRow{
			{set: setAttrs("id", `"not-an-email"`), attr: "id", msg: `must\s+be\s+an\s+e-mail\s+address`},
			{set: setAttrs("name", `""`), attr: "name", msg: notBlank},
			{set: setAttrs("role", `"superuser"`), attr: "role", msg: oneOf},
			{set: setAttrs("role", `"owner"`), attr: "role", msg: `owner\s+cannot\s+be\s+created`},
			{set: setAttrs("login_status", `"away"`), attr: "login_status", msg: oneOf},
			{set: setAttrs("max_chats_count", `21`), attr: "max_chats_count", msg: `between\s+0\s+and\s+20`},
			{set: setAttrs("max_chats_count", `-1`), attr: "max_chats_count", msg: `between\s+0\s+and\s+20`},
			{set: setAttrs("groups", `[{ id = -1, priority = "normal" }]`), attr: "groups.id", msg: `at\s+least\s+0`},
			{set: setAttrs("groups", `[{ id = 0, priority = "top" }]`), attr: "groups.priority", msg: oneOf},
			{set: setAttrs("groups", `[{ id = 0, priority = "first" }, { id = 0, priority = "last" }]`), attr: "groups", msg: `appears\s+more\s+than\s+once`},
			{set: setAttrs("notifications", `["carrier_pigeon"]`), attr: "notifications", msg: oneOf},
			{set: setAttrs("email_subscriptions", `["monthly_summary"]`), attr: "email_subscriptions", msg: oneOf},
			{set: setAttrs("work_scheduler", `{ timezone = "", schedule = [] }`), attr: "work_scheduler.timezone", msg: atLeast1},
			{set: setAttrs("work_scheduler", schedule("funday", "08:00", "16:00")), attr: "work_scheduler.schedule.day", msg: oneOf},
			{set: setAttrs("work_scheduler", schedule("monday", "8am", "16:00")), attr: "work_scheduler.schedule.start", msg: `HH:MM`},
			{set: setAttrs("work_scheduler", schedule("monday", "08:00", "24:00")), attr: "work_scheduler.schedule.end", msg: `HH:MM`},
		}},
		{typ: "livechat_group", base: [][2]string{{"name", `"Bad input group"`}}, rows: []badRow{
			{set: setAttrs("name", `""`), attr: "name", msg: `between\s+1\s+and\s+180`},
			{set: setAttrs("name", long(181)), attr: "name", msg: `between\s+1\s+and\s+180`},
			{set: setAttrs("language_code", `""`), attr: "language_code", msg: atLeast1},
			{set: setAttrs("agent_priorities", `{ "a@example.com" = "top" }`), attr: "agent_priorities", msg: oneOf},
			{set: setAttrs("agent_priorities", `{ "" = "normal" }`), attr: "agent_priorities", msg: atLeast1},
		}},
		{typ: "livechat_tag", base: [][2]string{{"name", `"bad input tag"`}}, rows: []badRow{
			{set: setAttrs("name", `""`), attr: "name", msg: atLeast1},
			{set: setAttrs("group_ids", `[-1]`), attr: "group_ids", msg: `at\s+least\s+0`},
		}},
		{typ: "livechat_canned_response", base: [][2]string{{"text", `"Hello"`}, {"tags", `["hi"]`}}, rows: []badRow{
			{set: setAttrs("text", `"   "`), attr: "text", msg: `must\s+not\s+be\s+empty\s+or\s+blank`},
			{set: setAttrs("tags", `[]`), attr: "tags", msg: `at\s+least\s+1`},
			{set: setAttrs("tags", `[" hi"]`), attr: "tags", msg: `without\s+leading\s+or\s+trailing\s+spaces`},
			{set: setAttrs("group", `-1`), attr: "group", msg: `at\s+least\s+0`},
		}},
		{typ: "livechat_goal", base: [][2]string{{"name", `"bad input goal"`}, {"type", `"api"`}}, rows: []badRow{
			{set: setAttrs("name", `" "`), attr: "name", msg: `must\s+not\s+be\s+empty\s+or\s+blank`},
			{set: setAttrs("type", `"pageview"`), attr: "type", msg: oneOf},
			// Required per type.
			{set: setAttrs("type", `"url"`), attr: "url", msg: `needs\s+url`},
			{set: setAttrs("type", `"custom_variable"`, "custom_variable_value", `"v"`), attr: "custom_variable_name", msg: `needs\s+custom_variable_name`},
			{set: setAttrs("type", `"custom_variable"`, "custom_variable_name", `"n"`), attr: "custom_variable_value", msg: `needs\s+custom_variable_value`},
			// Allowed per type.
			{set: setAttrs("type", `"url"`, "url", `"x"`, "custom_variable_name", `"n"`), attr: "custom_variable_name", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+custom_variable`},
			{set: setAttrs("type", `"url"`, "url", `"x"`, "custom_variable_value", `"v"`), attr: "custom_variable_value", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+custom_variable`},
			{set: setAttrs("url", `"x"`), attr: "url", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+url`},
			{set: setAttrs("match_type", `"exact"`), attr: "match_type", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+url`},
			{set: setAttrs("sales_tracker_id", `"1"`), attr: "sales_tracker_id", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("value_type", `"set"`), attr: "value_type", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("value", `"1.00"`), attr: "value", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("currency", `"USD"`), attr: "currency", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("time_range", `"1d"`), attr: "time_range", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("order_field_name", `"order"`), attr: "order_field_name", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			{set: setAttrs("value_field_name", `"value"`), attr: "value_field_name", msg: `applies\s+only\s+to\s+goals\s+of\s+type\s+sales_tracker`},
			// Values.
			{set: setAttrs("type", `"url"`, "url", `"x"`, "match_type", `"fuzzy"`), attr: "match_type", msg: oneOf},
			{set: setAttrs("type", `"url"`, "url", `""`), attr: "url", msg: atLeast1},
			{set: setAttrs("type", `"custom_variable"`, "custom_variable_name", `""`, "custom_variable_value", `"v"`), attr: "custom_variable_name", msg: atLeast1},
			{set: setAttrs("type", `"sales_tracker"`, "value_type", `"guess"`), attr: "value_type", msg: oneOf},
			{set: setAttrs("type", `"sales_tracker"`, "value", `"1,99"`), attr: "value", msg: `must\s+be\s+an\s+amount`},
			{set: setAttrs("type", `"sales_tracker"`, "currency", `""`), attr: "currency", msg: atLeast1},
			{set: setAttrs("type", `"custom_variable"`, "custom_variable_name", `"n"`, "custom_variable_value", `""`), attr: "custom_variable_value", msg: atLeast1},
			{set: setAttrs("type", `"sales_tracker"`, "sales_tracker_id", `""`), attr: "sales_tracker_id", msg: atLeast1},
			{set: setAttrs("type", `"sales_tracker"`, "time_range", `""`), attr: "time_range", msg: atLeast1},
			{set: setAttrs("type", `"sales_tracker"`, "order_field_name", `""`), attr: "order_field_name", msg: atLeast1},
			{set: setAttrs("type", `"sales_tracker"`, "value_field_name", `""`), attr: "value_field_name", msg: atLeast1},
		}},
		{typ: "livechat_greeting", base: [][2]string{{"name", `"bad input greeting"`}, {"rules", `[{ type = "visits_number", value = "2" }]`}}, rows: []badRow{
			{set: setAttrs("name", `" "`), attr: "name", msg: `must\s+not\s+be\s+empty\s+or\s+blank`},
			{set: setAttrs("group", `-1`), attr: "group", msg: `at\s+least\s+0`},
			{set: setAttrs("subtype", `"banner"`), attr: "subtype", msg: oneOf},
			{set: setAttrs("message", `""`), attr: "message", msg: `must\s+not\s+be\s+empty\s+or\s+blank`},
			{set: setAttrs("rules", `[]`), attr: "rules", msg: `at\s+least\s+1`},
			{set: setAttrs("rules", `[{ type = "mouse_move", value = "1" }]`), attr: "rules.type", msg: oneOf},
			{set: setAttrs("rules", `[{ type = "url_current", value = "x", operator = "near" }]`), attr: "rules.operator", msg: oneOf},
			{set: setAttrs("rules", `[{ type = "url_current", value = "x", condition = "xor" }]`), attr: "rules.condition", msg: oneOf},
			{set: setAttrs("rules", `[{ type = "visits_number", value = "two" }]`), attr: "rules.value", msg: `whole\s+number`},
			{set: setAttrs("rules", `[{ type = "visit_time_page", value = "-5" }]`), attr: "rules.value", msg: `whole\s+number\s+of\s+0\s+or\s+more`},
			{set: setAttrs("rules", `[{ type = "url_current" }]`), attr: "rules.value", msg: `needs\s+value`},
			{set: setAttrs("rules", `[{ type = "url_funnel" }]`), attr: "rules.urls", msg: `needs\s+urls`},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "a" }], value = "x" }]`), attr: "rules.value", msg: `does\s+not\s+take\s+value`},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "a" }], operator = "equals" }]`), attr: "rules.operator", msg: `does\s+not\s+take\s+operator`},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "a" }], variable_name = "n" }]`), attr: "rules.variable_name", msg: `does\s+not\s+take\s+variable_name`},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "a" }], variable_value = "v" }]`), attr: "rules.variable_value", msg: `does\s+not\s+take\s+variable_value`},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_value = "v" }]`), attr: "rules.variable_name", msg: `needs\s+variable_name`},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_name = "n" }]`), attr: "rules.variable_value", msg: `needs\s+variable_value`},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_name = "n", variable_value = "v", value = "x" }]`), attr: "rules.value", msg: `does\s+not\s+take\s+value`},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_name = "n", variable_value = "v", urls = [{ url = "a" }] }]`), attr: "rules.urls", msg: `does\s+not\s+take\s+urls`},
			{set: setAttrs("rules", `[{ type = "visits_number", value = "2", urls = [{ url = "a" }] }]`), attr: "rules.urls", msg: `does\s+not\s+take\s+urls`},
			{set: setAttrs("rules", `[{ type = "url_current", value = "x", variable_name = "n" }]`), attr: "rules.variable_name", msg: `does\s+not\s+take\s+variable_name`},
			{set: setAttrs("rules", `[{ type = "url_current", value = "x", variable_value = "v" }]`), attr: "rules.variable_value", msg: `does\s+not\s+take\s+variable_value`},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_name = "", variable_value = "v" }]`), attr: "rules.variable_name", msg: atLeast1},
			{set: setAttrs("rules", `[{ type = "custom_variable", variable_name = "n", variable_value = "" }]`), attr: "rules.variable_value", msg: atLeast1},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [] }]`), attr: "rules.urls", msg: `at\s+least\s+1`},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "" }] }]`), attr: "rules.urls.url", msg: atLeast1},
			{set: setAttrs("rules", `[{ type = "url_funnel", urls = [{ url = "a", operator = "near" }] }]`), attr: "rules.urls.operator", msg: oneOf},
		}},
		{typ: "livechat_property", base: [][2]string{
			{"owner_client_id", `"bad-input-owner"`}, {"name", `"bad_input"`}, {"type", `"string"`},
			{"access", `{ license = { agent = ["read"] } }`},
		}, rows: []badRow{
			{set: setAttrs("owner_client_id", `""`), attr: "owner_client_id", msg: atLeast1},
			{set: setAttrs("owner_client_id", `null`), attr: "owner_client_id", msg: `Set\s+owner_client_id\s+on\s+this\s+resource,\s+or\s+client_id`, provider: noClientID},
			{set: setAttrs("name", `""`), attr: "name", msg: atLeast1},
			{set: setAttrs("type", `"float"`), attr: "type", msg: oneOf},
			{set: setAttrs("access", `{}`), attr: "access", msg: `must\s+set\s+at\s+least\s+one\s+location`},
			{set: setAttrs("access", `{ license = {} }`), attr: "access.license", msg: `must\s+set\s+agent,\s+customer\s+or\s+both`},
			{set: setAttrs("access", `{ license = { agent = [] } }`), attr: "access.license.agent", msg: `at\s+least\s+1`},
			{set: setAttrs("access", `{ group = { agent = ["delete"] } }`), attr: "access.group.agent", msg: oneOf},
			{set: setAttrs("access", `{ chat = { customer = ["own"] } }`), attr: "access.chat.customer", msg: oneOf},
			{set: setAttrs("domain", `[]`), attr: "domain", msg: `at\s+least\s+1`},
			{set: setAttrs("type", `"int"`, "domain", `["1"]`, "range", `{ from = 0 }`), attr: "range", msg: `cannot\s+be\s+specified\s+when`},
			{set: setAttrs("range", `{ from = 0 }`), attr: "range", msg: `works\s+only\s+for\s+properties\s+of\s+type\s+int`},
			{set: setAttrs("type", `"int"`, "range", `{}`), attr: "range", msg: `must\s+set\s+from,\s+to\s+or\s+both`},
			{set: setAttrs("type", `"int"`, "range", `{ from = 10, to = 1 }`), attr: "range", msg: `must\s+not\s+be\s+greater\s+than`},
			{set: setAttrs("type", `"int"`, "range", `{ from = 3000000000 }`), attr: "range.from", msg: `between`},
			{set: setAttrs("type", `"int"`, "range", `{ to = -3000000000 }`), attr: "range.to", msg: `between`},
			{set: setAttrs("type", `"int"`, "domain", `["abc"]`), attr: "domain", msg: `not\s+a\s+value\s+of\s+an\s+int\s+property`},
			{set: setAttrs("type", `"bool"`, "domain", `["yes"]`), attr: "domain", msg: `not\s+a\s+value\s+of\s+a\s+bool\s+property`},
			{set: setAttrs("type", `"int"`, "default_value", `"ten"`), attr: "default_value", msg: `not\s+a\s+value\s+of\s+an\s+int\s+property`},
			{set: setAttrs("domain", `["a", "b"]`, "default_value", `"c"`), attr: "default_value", msg: `not\s+one\s+of\s+the\s+domain\s+values`},
			{set: setAttrs("type", `"int"`, "range", `{ from = 0, to = 10 }`, "default_value", `"11"`), attr: "default_value", msg: `outside\s+range`},
			{set: setAttrs("access", `{ chat = { agent = ["read"] } }`, "default_value", `"x"`), attr: "default_value", msg: `only\s+for\s+properties\s+whose\s+access\s+includes\s+the\s+license\s+or\s+group`},
			{set: setAttrs("public_access", `[]`), attr: "public_access", msg: `at\s+least\s+1`},
			{set: setAttrs("public_access", `["delete"]`), attr: "public_access", msg: oneOf},
		}},
		{typ: "livechat_license_property", base: [][2]string{{"namespace", `"test"`}, {"name", `"string_property"`}, {"value_string", `"x"`}}, rows: []badRow{
			{set: setAttrs("namespace", `""`), attr: "namespace", msg: atLeast1},
			{set: setAttrs("name", `""`), attr: "name", msg: atLeast1},
			{set: setAttrs("value_string", `null`), attr: "value_string", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[value_string,value_int,value_bool\]`},
			{set: setAttrs("value_int", `1`), attr: "value_string", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[value_string,value_int,value_bool\]`},
			{set: setAttrs("value_string", `null`, "value_int", `3000000000`), attr: "value_int", msg: `between`},
		}},
		{typ: "livechat_group_property", base: [][2]string{{"group_id", `0`}, {"namespace", `"test"`}, {"name", `"string_property"`}, {"value_string", `"x"`}}, rows: []badRow{
			{set: setAttrs("group_id", `-1`), attr: "group_id", msg: `at\s+least\s+0`},
			{set: setAttrs("namespace", `""`), attr: "namespace", msg: atLeast1},
			{set: setAttrs("name", `""`), attr: "name", msg: atLeast1},
			{set: setAttrs("value_string", `null`), attr: "value_string", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[value_string,value_int,value_bool\]`},
			{set: setAttrs("value_bool", `true`), attr: "value_string", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[value_string,value_int,value_bool\]`},
			{set: setAttrs("value_string", `null`, "value_int", `-3000000000`), attr: "value_int", msg: `between`},
		}},
		{typ: "livechat_bot", base: [][2]string{{"name", `"Bad Input Bot"`}, {"owner_client_id", `"bad-input-app"`}}, rows: []badRow{
			{set: setAttrs("name", `""`), attr: "name", msg: notBlank},
			{set: setAttrs("owner_client_id", `""`), attr: "owner_client_id", msg: atLeast1},
			{set: setAttrs("owner_client_id", `null`), attr: "owner_client_id", msg: `set\s+owner_client_id`, provider: noClientID},
			{set: setAttrs("max_chats_count", `501`), attr: "max_chats_count", msg: `between\s+0\s+and\s+500`},
			{set: setAttrs("max_chats_count", `-1`), attr: "max_chats_count", msg: `between\s+0\s+and\s+500`},
			{set: setAttrs("default_group_priority", `"top"`), attr: "default_group_priority", msg: oneOf},
			{set: setAttrs("groups", `[{ id = -1, priority = "first" }]`), attr: "groups.id", msg: `at\s+least\s+0`},
			{set: setAttrs("groups", `[{ id = 0, priority = "top" }]`), attr: "groups.priority", msg: oneOf},
			{set: setAttrs("groups", `[{ id = 0, priority = "first" }, { id = 0, priority = "last" }]`), attr: "groups", msg: `appears\s+more\s+than\s+once`},
			{set: setAttrs("work_scheduler", `{ timezone = "", schedule = [] }`), attr: "work_scheduler.timezone", msg: atLeast1},
			{set: setAttrs("work_scheduler", schedule("caturday", "08:00", "16:00")), attr: "work_scheduler.schedule.day", msg: oneOf},
			{set: setAttrs("work_scheduler", schedule("monday", "8", "16:00")), attr: "work_scheduler.schedule.start", msg: `HH:MM`},
			{set: setAttrs("work_scheduler", schedule("monday", "08:00", "16:60")), attr: "work_scheduler.schedule.end", msg: `HH:MM`},
		}},
		{typ: "livechat_bot_template", base: [][2]string{{"name", `"Bad Input Template"`}, {"owner_client_id", `"bad-input-app"`}}, rows: []badRow{
			{set: setAttrs("name", `""`), attr: "name", msg: notBlank},
			{set: setAttrs("owner_client_id", `""`), attr: "owner_client_id", msg: atLeast1},
			{set: setAttrs("owner_client_id", `null`), attr: "owner_client_id", msg: `set\s+owner_client_id`, provider: noClientID},
			{set: setAttrs("max_chats_count", `501`), attr: "max_chats_count", msg: `between\s+0\s+and\s+500`},
			{set: setAttrs("default_group_priority", `"top"`), attr: "default_group_priority", msg: oneOf},
		}},
		{typ: "livechat_auto_access", base: [][2]string{
			{"access", `{ groups = [0] }`}, {"conditions", `{ url = { values = [{ value = "example.com" }] } }`},
		}, rows: []badRow{
			{set: setAttrs("access", `{ groups = [] }`), attr: "access.groups", msg: `at\s+least\s+1`},
			{set: setAttrs("access", `{ groups = [-1] }`), attr: "access.groups", msg: `at\s+least\s+0`},
			{set: setAttrs("conditions", `{}`), attr: "conditions", msg: `must\s+set\s+at\s+least\s+one\s+of:\s+url,\s+domain,\s+geolocation`},
			{set: setAttrs("conditions", `{ url = { values = [{ value = "a" }], exclude_values = [{ value = "b" }] } }`), attr: "conditions.url.values", msg: `2\s+attributes\s+specified\s+when\s+one\s+\(and\s+only\s+one\)`},
			{set: setAttrs("conditions", `{ url = {} }`), attr: "conditions.url.values", msg: `No\s+attribute\s+specified\s+when\s+one\s+\(and\s+only\s+one\)`},
			{set: setAttrs("conditions", `{ domain = { values = [{ value = "a" }], exclude_values = [{ value = "b" }] } }`), attr: "conditions.domain.values", msg: `2\s+attributes\s+specified\s+when\s+one\s+\(and\s+only\s+one\)`},
			{set: setAttrs("conditions", `{ url = { values = [] } }`), attr: "conditions.url.values", msg: `at\s+least\s+1`},
			{set: setAttrs("conditions", `{ domain = { exclude_values = [] } }`), attr: "conditions.domain.exclude_values", msg: `at\s+least\s+1`},
			{set: setAttrs("conditions", `{ url = { values = [{ value = "" }] } }`), attr: "conditions.url.values.value", msg: atLeast1},
			{set: setAttrs("conditions", `{ geolocation = { values = [] } }`), attr: "conditions.geolocation.values", msg: `at\s+least\s+1`},
			{set: setAttrs("conditions", `{ geolocation = { values = [{}] } }`), attr: "conditions.geolocation.values", msg: `must\s+set\s+at\s+least\s+one\s+of:\s+country,\s+country_code,\s+region,\s+city`},
			{set: setAttrs("conditions", `{ geolocation = { values = [{ country = "" }] } }`), attr: "conditions.geolocation.values.country", msg: atLeast1},
			{set: setAttrs("conditions", `{ geolocation = { values = [{ country_code = "" }] } }`), attr: "conditions.geolocation.values.country_code", msg: atLeast1},
			{set: setAttrs("conditions", `{ geolocation = { values = [{ region = "" }] } }`), attr: "conditions.geolocation.values.region", msg: atLeast1},
			{set: setAttrs("conditions", `{ geolocation = { values = [{ city = "" }] } }`), attr: "conditions.geolocation.values.city", msg: atLeast1},
		}},
		{typ: "livechat_auto_access_order", base: [][2]string{{"ids", `["rule-a", "rule-b"]`}}, rows: []badRow{
			{set: setAttrs("ids", `[]`), attr: "ids", msg: `at\s+least\s+1`},
			{set: setAttrs("ids", `["rule-a", "rule-a"]`), attr: "ids", msg: `duplicate`},
			{set: setAttrs("ids", `[""]`), attr: "ids", msg: atLeast1},
		}},
		{typ: "livechat_webhook", base: [][2]string{
			{"owner_client_id", `"bad-input-app"`}, {"action", `"incoming_event"`}, {"type", `"license"`},
			{"url", `"https://hooks.example.com/bad-input"`}, {"secret_key", `"s3cret"`},
		}, rows: []badRow{
			{set: setAttrs("owner_client_id", `""`), attr: "owner_client_id", msg: atLeast1},
			{set: setAttrs("owner_client_id", `null`), attr: "owner_client_id", msg: `set\s+owner_client_id`, provider: noClientID},
			{set: setAttrs("action", `"chat_exploded"`), attr: "action", msg: oneOf},
			{set: setAttrs("url", `"ftp://hooks.example.com/x"`), attr: "url", msg: `absolute\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("type", `"global"`), attr: "type", msg: oneOf},
			{set: setAttrs("secret_key", `""`), attr: "secret_key", msg: atLeast1},
			{set: setAttrs("secret_key", `null`), attr: "secret_key", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[secret_key,secret_key_wo\]`},
			{set: setAttrs("secret_key_wo", `"s3cret"`, "secret_key_wo_version", `1`), attr: "secret_key", msg: `Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[secret_key,secret_key_wo\]`},
			{set: setAttrs("secret_key", `null`, "secret_key_wo", `"s3cret"`), attr: "secret_key_wo_version", msg: `must\s+be\s+specified\s+when`},
			{set: setAttrs("secret_key_wo_version", `1`), attr: "secret_key_wo", msg: `must\s+be\s+specified\s+when`},
			{set: setAttrs("secret_key", `null`, "secret_key_wo", `""`, "secret_key_wo_version", `1`), attr: "secret_key_wo", msg: atLeast1},
			{set: setAttrs("additional_data", `[]`), attr: "additional_data", msg: `at\s+least\s+1`},
			{set: setAttrs("additional_data", `["everything"]`), attr: "additional_data", msg: oneOf},
			{set: setAttrs("action", `"routing_status_set"`, "additional_data", `["chat_properties"]`), attr: "additional_data", msg: `does\s+not\s+send\s+additional\s+data`},
			{set: setAttrs("filters", `{}`), attr: "filters", msg: `must\s+set\s+at\s+least\s+one\s+of`},
			{set: setAttrs("filters", `{ author_type = "bot" }`), attr: "filters.author_type", msg: oneOf},
			{set: setAttrs("filters", `{ source_type = [] }`), attr: "filters.source_type", msg: `at\s+least\s+1`},
			{set: setAttrs("filters", `{ source_type = ["api"] }`), attr: "filters.source_type", msg: oneOf},
			{set: setAttrs("filters", `{ chat_presence = {} }`), attr: "filters.chat_presence", msg: `must\s+set\s+at\s+least\s+one\s+of:\s+user_ids,\s+my_bots`},
			{set: setAttrs("filters", `{ chat_presence = { user_ids = {} } }`), attr: "filters.chat_presence.user_ids.values", msg: `No\s+attribute\s+specified\s+when\s+one\s+\(and\s+only\s+one\)`},
			{set: setAttrs("filters", `{ chat_presence = { user_ids = { values = ["a"], exclude_values = ["b"] } } }`), attr: "filters.chat_presence.user_ids.values", msg: `2\s+attributes\s+specified\s+when\s+one\s+\(and\s+only\s+one\)`},
			{set: setAttrs("filters", `{ chat_presence = { user_ids = { values = [] } } }`), attr: "filters.chat_presence.user_ids.values", msg: `at\s+least\s+1`},
			{set: setAttrs("filters", `{ chat_presence = { user_ids = { exclude_values = [] } } }`), attr: "filters.chat_presence.user_ids.exclude_values", msg: `at\s+least\s+1`},
			{set: setAttrs("action", `"tag_created"`, "filters", `{ author_type = "customer" }`), attr: "filters.author_type", msg: `does\s+not\s+allow\s+filters.author_type\s+for\s+action`},
			{set: setAttrs("action", `"tag_created"`, "filters", `{ only_my_chats = true }`), attr: "filters.only_my_chats", msg: `does\s+not\s+allow\s+filters.only_my_chats\s+for\s+action`},
			{set: setAttrs("action", `"tag_created"`, "filters", `{ chat_presence = { my_bots = true } }`), attr: "filters.chat_presence", msg: `does\s+not\s+allow\s+filters.chat_presence\s+for\s+action`},
		}},
		{typ: "livechat_license_webhooks_state", base: [][2]string{{"owner_client_id", `"bad-input-app"`}, {"enabled", `false`}}, rows: []badRow{
			{set: setAttrs("owner_client_id", `""`), attr: "owner_client_id", msg: atLeast1},
			{set: setAttrs("owner_client_id", `null`), attr: "owner_client_id", msg: `set\s+owner_client_id`, provider: noClientID},
		}},
		{typ: "livechat_campaign", base: [][2]string{{"product", `"livechat"`}, {"name", `"Bad input campaign"`}}, rows: []badRow{
			{set: setAttrs("product", `"intercom"`), attr: "product", msg: oneOf},
			{set: setAttrs("name", `"four"`), attr: "name", msg: `between\s+5\s+and\s+100`},
			{set: setAttrs("name", long(101)), attr: "name", msg: `between\s+5\s+and\s+100`},
			{set: setAttrs("link", `"www.livechat.com"`), attr: "link", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("trial_duration", `13`), attr: "trial_duration", msg: `between\s+14\s+and\s+30`},
			{set: setAttrs("trial_duration", `31`), attr: "trial_duration", msg: `between\s+14\s+and\s+30`},
			{set: setAttrs("coupon_id", `0`), attr: "coupon_id", msg: `at\s+least\s+1`},
		}},
		{typ: "livechat_solution_organization", base: [][2]string{
			{"organization_name", `"Bad Input Org"`}, {"client_name", `"Bad Client"`}, {"client_email", `"client@bad-input.example.com"`},
		}, rows: []badRow{
			{set: setAttrs("organization_name", `""`), attr: "organization_name", msg: atLeast1},
			{set: setAttrs("client_name", `""`), attr: "client_name", msg: atLeast1},
			{set: setAttrs("client_email", `"nope"`), attr: "client_email", msg: `must\s+be\s+an\s+e-mail\s+address`},
			{set: setAttrs("data_center", `"mars-1"`), attr: "data_center", msg: oneOf},
			{set: setAttrs("identifier", `""`), attr: "identifier", msg: atLeast1},
		}},
		{typ: "livechat_solution_license", base: [][2]string{
			{"organization_id", `"00000000-0000-4000-8000-000000000000"`}, {"product", `"livechat"`}, {"client_name", `"Bad Client"`},
			{"client_email", `"client@bad-input.example.com"`}, {"payment_origin", `"partner"`},
		}, rows: []badRow{
			{set: setAttrs("organization_id", `""`), attr: "organization_id", msg: atLeast1},
			{set: setAttrs("product", `"intercom"`), attr: "product", msg: oneOf},
			{set: setAttrs("client_name", `"Joe"`), attr: "client_name", msg: `at\s+least\s+5`},
			{set: setAttrs("client_email", `"nope"`), attr: "client_email", msg: `must\s+be\s+an\s+e-mail\s+address`},
			{set: setAttrs("payment_origin", `"reseller"`), attr: "payment_origin", msg: oneOf},
			{set: setAttrs("trial_duration", `13`), attr: "trial_duration", msg: `between\s+14\s+and\s+30`},
			{set: setAttrs("trial_duration", `31`), attr: "trial_duration", msg: `between\s+14\s+and\s+30`},
			{set: setAttrs("coupon_id", `-1`), attr: "coupon_id", msg: `at\s+least\s+0`},
			{set: setAttrs("operators", `[{ email = "jane@acme.example", role = "owner" }]`), attr: "operators.role", msg: oneOf},
			{set: setAttrs("operators", `[{ email = "jane", role = "agent" }]`), attr: "operators.email", msg: `must\s+be\s+an\s+e-mail\s+address`},
			{set: setAttrs("product", `"chatbot"`, "operators", `[{ email = "jane@acme.example", role = "agent" }]`), attr: "operators", msg: `livechat\s+and\s+helpdesk\s+licenses\s+only`},
			{set: setAttrs("operators", `[{ email = "jane@acme.example", role = "viewer" }]`), attr: "operators", msg: `viewer\s+exists\s+for\s+helpdesk\s+licenses\s+only`},
			{set: setAttrs("subscription", `{ plan = "enterprise", billing_cycle = "monthly", seats = 1 }`), attr: "subscription.plan", msg: oneOf},
			{set: setAttrs("subscription", `{ plan = "team", billing_cycle = "weekly", seats = 1 }`), attr: "subscription.billing_cycle", msg: oneOf},
			{set: setAttrs("subscription", `{ plan = "team", billing_cycle = "monthly", seats = 0 }`), attr: "subscription.seats", msg: `at\s+least\s+1`},
			{set: setAttrs("subscription", `{ plan = "team", billing_cycle = "monthly", seats = 1 }`), attr: "subscription.token_wo", msg: `Recurly\s+billing\s+token`},
			{set: setAttrs("close_subscription_password", `"a"`, "close_subscription_password_wo", `"b"`), attr: "close_subscription_password", msg: `cannot\s+be\s+specified\s+when`},
		}},
		{typ: "livechat_partner_api_token", base: [][2]string{{"label", `"bad input token"`}}, rows: []badRow{
			{set: setAttrs("label", `"ab"`), attr: "label", msg: `at\s+least\s+3`},
		}},
		{typ: "livechat_partner_profile", base: [][2]string{
			{"first_name", `"Joe"`}, {"last_name", `"Doe"`}, {"contact_name", `"Jane Doe"`}, {"contact_email", `"jane@partner.example"`},
		}, rows: []badRow{
			{set: setAttrs("first_name", `""`), attr: "first_name", msg: atLeast1},
			{set: setAttrs("last_name", `""`), attr: "last_name", msg: atLeast1},
			{set: setAttrs("contact_name", `""`), attr: "contact_name", msg: atLeast1},
			{set: setAttrs("contact_email", `"jane"`), attr: "contact_email", msg: `must\s+be\s+an\s+e-mail\s+address`},
		}},
		{typ: "livechat_partner_billing", base: [][2]string{
			{"type", `"business"`}, {"company", `"ACME"`}, {"address", `"Wall Street 1"`}, {"city", `"New York"`},
			{"country", `"US"`}, {"paypal", `"payouts@acme.example"`},
		}, rows: []badRow{
			{set: setAttrs("type", `"corporate"`), attr: "type", msg: oneOf},
			{set: setAttrs("company", `""`), attr: "company", msg: atLeast1},
			{set: setAttrs("address", `""`), attr: "address", msg: atLeast1},
			{set: setAttrs("city", `""`), attr: "city", msg: atLeast1},
			{set: setAttrs("country", `"usa"`), attr: "country", msg: `two-letter\s+ISO\s+3166-1\s+country\s+code`},
			{set: setAttrs("paypal", `"payouts"`), attr: "paypal", msg: `must\s+be\s+an\s+e-mail\s+address`},
		}},
		{typ: "livechat_expert_profile", base: [][2]string{
			{"company", `"ACME Chat"`}, {"phone", `"+1 555 0100"`}, {"description", `"We staff chat teams for online stores."`},
			{"short_description", `"Chat agents for stores"`}, {"country", `"US"`}, {"website", `"https://acme.example"`},
			{"categories", `["training"]`}, {"industry_ids", `[31]`}, {"projects", `[]`},
		}, rows: []badRow{
			{set: setAttrs("company", `"ACM"`), attr: "company", msg: `at\s+least\s+4`},
			{set: setAttrs("phone", `""`), attr: "phone", msg: atLeast1},
			{set: setAttrs("description", `"Too short"`), attr: "description", msg: `at\s+least\s+10`},
			{set: setAttrs("short_description", `"Too short"`), attr: "short_description", msg: `at\s+least\s+10`},
			{set: setAttrs("country", `"Poland"`), attr: "country", msg: `two-letter\s+ISO\s+3166-1\s+country\s+code`},
			{set: setAttrs("website", `"acme.example"`), attr: "website", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("categories", `[]`), attr: "categories", msg: `at\s+least\s+1`},
			{set: setAttrs("categories", `["cooking"]`), attr: "categories", msg: oneOf},
			{set: setAttrs("industry_ids", `[]`), attr: "industry_ids", msg: `at\s+least\s+1`},
			{set: setAttrs("industry_ids", `[2]`), attr: "industry_ids", msg: oneOf},
			{set: setAttrs("projects", `["acme.example/case"]`), attr: "projects", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("agents", `"100"`), attr: "agents", msg: oneOf},
			{set: setAttrs("languages", `["english"]`), attr: "languages", msg: `two-letter\s+language\s+code`},
			{set: setAttrs("hour_rate", `-1`), attr: "hour_rate", msg: `at\s+least\s+0`},
			{set: setAttrs("project_rate", `-1`), attr: "project_rate", msg: `at\s+least\s+0`},
			{set: setAttrs("facebook", `"facebook.com/acme"`), attr: "facebook", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("twitter", `"@acme"`), attr: "twitter", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("linkedin", `"linkedin"`), attr: "linkedin", msg: `must\s+be\s+an\s+http://\s+or\s+https://\s+URL`},
			{set: setAttrs("categories", `["chat-agent-outsourcing"]`, "languages", `["EN"]`), attr: "agents", msg: `needs\s+agents`},
			{set: setAttrs("categories", `["chat-agent-outsourcing"]`, "agents", `"1-5"`), attr: "languages", msg: `needs\s+at\s+least\s+one\s+language`},
			{set: setAttrs("logo_file", `""`), attr: "logo_file", msg: atLeast1},
			{set: setAttrs("logo_file", fmt.Sprintf("%q", dir+"/missing.png")), attr: "logo_file", msg: `does\s+not\s+exist`},
			{set: setAttrs("logo_file", fmt.Sprintf("%q", gif)), attr: "logo_file", msg: `must\s+be\s+a\s+.png,\s+.jpg\s+or\s+.jpeg\s+file`},
			{set: setAttrs("logo_file", fmt.Sprintf("%q", notPNG)), attr: "logo_file", msg: `is\s+not\s+a\s+PNG\s+or\s+JPEG\s+image`},
			{set: setAttrs("logo_file", fmt.Sprintf("%q", small)), attr: "logo_file", msg: `must\s+be\s+at\s+least\s+350x350\s+px`},
		}},
		// Constraints of today's published v3.6 reference (configuration-api-v3.6-current.mdx).
		{typ: "livechat_webhook", base: [][2]string{
			{"owner_client_id", `"bad-input-app"`}, {"action", `"incoming_chat"`}, {"type", `"license"`},
			{"url", `"https://hooks.example.com/bad-input"`}, {"secret_key", `"s3cret"`},
		}, rows: []badRow{
			{set: setAttrs("url", `"https://hooks.example.com/`+strings.Repeat("x", 501-len("https://hooks.example.com/"))+`"`), attr: "url", msg: `at\s+most\s+500`},
			{set: setAttrs("action", `"incoming_customer"`), attr: "action", msg: oneOf},
		}},
		{typ: "livechat_bot", base: [][2]string{{"name", `"Bad Input Bot"`}, {"owner_client_id", `"bad-input-app"`}}, rows: []badRow{
			{set: setAttrs("type", `""`), attr: "type", msg: atLeast1},
		}},

		// Issue 16 point 7: what the rows above missed. Lengths the reference gives in characters
		// count characters ("Ä" is one character, two bytes); names must not be blank; time zones
		// come from the IANA database; schedule spans end after they start and do not overlap;
		// numbers must fit the attribute's type (refused naming the attribute, not the framework's
		// "report to the provider developers").
		{typ: "livechat_agent", base: [][2]string{{"id", `"bad-input@example.com"`}, {"name", `"Bad Input"`}}, rows: []badRow{
			{set: setAttrs("name", `"   "`), attr: "name", msg: notBlank},
			{set: setAttrs("name", `"\u3000"`), attr: "name", msg: notBlank},
			{set: setAttrs("work_scheduler", `{ timezone = "Mars/Olympus_Mons", schedule = [] }`), attr: "work_scheduler.timezone", msg: ianaZone},
			{set: setAttrs("work_scheduler", `{ timezone = "Local", schedule = [] }`), attr: "work_scheduler.timezone", msg: ianaZone},
			{set: setAttrs("work_scheduler", schedule("monday", "16:00", "08:00")), attr: "work_scheduler.schedule", msg: endsAfterStart},
			{set: setAttrs("work_scheduler", schedule("monday", "08:00", "08:00")), attr: "work_scheduler.schedule", msg: endsAfterStart},
			{set: setAttrs("work_scheduler", twoSpans("monday", "08:00", "12:30", "12:00", "16:00")), attr: "work_scheduler.schedule", msg: overlap},
			{set: setAttrs("max_chats_count", `1.5`), attr: "max_chats_count", msg: wholeNumber},
			{set: setAttrs("max_chats_count", `1e30`), attr: "max_chats_count", msg: wholeNumber},
			{set: setAttrs("groups", `[{ id = 0.5, priority = "normal" }]`), attr: "groups.id", msg: wholeNumber},
		}},
		{typ: "livechat_group", base: [][2]string{{"name", `"Bad input group"`}}, rows: []badRow{
			{set: setAttrs("name", `"  "`), attr: "name", msg: notBlank},
			{set: setAttrs("name", chars("グ", 181)), attr: "name", msg: `between\s+1\s+and\s+180`},
		}},
		{typ: "livechat_tag", base: [][2]string{{"name", `"bad input tag"`}}, rows: []badRow{
			{set: setAttrs("name", `" spam"`), attr: "name", msg: tagName},
			{set: setAttrs("name", `"spam "`), attr: "name", msg: tagName},
			{set: setAttrs("name", `"\t"`), attr: "name", msg: tagName},
			{set: setAttrs("name", `"sp\u0007am"`), attr: "name", msg: tagName},
			{set: setAttrs("name", `"line\nbreak"`), attr: "name", msg: tagName},
			{set: setAttrs("group_ids", `[1e30]`), attr: "group_ids", msg: wholeNumber},
		}},
		{typ: "livechat_bot", base: [][2]string{{"name", `"Bad Input Bot"`}, {"owner_client_id", `"bad-input-app"`}}, rows: []badRow{
			{set: setAttrs("name", `" "`), attr: "name", msg: notBlank},
			{set: setAttrs("work_scheduler", `{ timezone = "Europe/Nowhere", schedule = [] }`), attr: "work_scheduler.timezone", msg: ianaZone},
			{set: setAttrs("work_scheduler", schedule("friday", "23:00", "01:00")), attr: "work_scheduler.schedule", msg: endsAfterStart},
			{set: setAttrs("work_scheduler", twoSpans("friday", "08:00", "16:00", "09:00", "10:00")), attr: "work_scheduler.schedule", msg: overlap},
			{set: setAttrs("max_chats_count", `2.5`), attr: "max_chats_count", msg: wholeNumber},
		}},
		{typ: "livechat_bot_template", base: [][2]string{{"name", `"Bad Input Template"`}, {"owner_client_id", `"bad-input-app"`}}, rows: []badRow{
			{set: setAttrs("name", `"  "`), attr: "name", msg: notBlank},
		}},
		{typ: "livechat_campaign", base: [][2]string{{"product", `"livechat"`}, {"name", `"Bad input campaign"`}}, rows: []badRow{
			{set: setAttrs("name", chars("Ä", 4)), attr: "name", msg: `between\s+5\s+and\s+100`},
			{set: setAttrs("name", chars("Ä", 101)), attr: "name", msg: `between\s+5\s+and\s+100`},
		}},
		{typ: "livechat_partner_api_token", base: [][2]string{{"label", `"bad input token"`}}, rows: []badRow{
			{set: setAttrs("label", chars("Ä", 2)), attr: "label", msg: `at\s+least\s+3`},
		}},
		{typ: "livechat_solution_license", base: [][2]string{
			{"organization_id", `"00000000-0000-4000-8000-000000000000"`}, {"product", `"livechat"`}, {"client_name", `"Bad Client"`},
			{"client_email", `"client@bad-input.example.com"`}, {"payment_origin", `"partner"`},
		}, rows: []badRow{
			{set: setAttrs("client_name", chars("Ä", 4)), attr: "client_name", msg: `at\s+least\s+5`},
			{set: setAttrs("trial_duration", `14.5`), attr: "trial_duration", msg: wholeNumber},
		}},
		{typ: "livechat_expert_profile", base: [][2]string{
			{"company", `"ACME Chat"`}, {"phone", `"+1 555 0100"`}, {"description", `"We staff chat teams for online stores."`},
			{"short_description", `"Chat agents for stores"`}, {"country", `"US"`}, {"website", `"https://acme.example"`},
			{"categories", `["training"]`}, {"industry_ids", `[31]`}, {"projects", `[]`},
		}, rows: []badRow{
			{set: setAttrs("company", chars("Ä", 3)), attr: "company", msg: `at\s+least\s+4`},
			{set: setAttrs("description", chars("Ä", 9)), attr: "description", msg: `at\s+least\s+10`},
			{set: setAttrs("short_description", chars("Ä", 9)), attr: "short_description", msg: `at\s+least\s+10`},
		}},
		{typ: "livechat_property", base: [][2]string{
			{"owner_client_id", `"bad-input-owner"`}, {"name", `"bad_input"`}, {"type", `"int"`},
			{"access", `{ license = { agent = ["read"] } }`},
		}, rows: []badRow{
			{set: setAttrs("range", `{ from = 1.5 }`), attr: "range.from", msg: wholeNumber},
		}},
		{typ: "livechat_license_property", base: [][2]string{{"namespace", `"test"`}, {"name", `"int_property"`}, {"value_int", `1`}}, rows: []badRow{
			{set: setAttrs("value_int", `1e19`), attr: "value_int", msg: wholeNumber},
		}},
		{typ: providerCase, rows: []badRow{
			{set: setAttrs("max_retries", `2.5`), attr: "max_retries", msg: wholeNumber},
			{set: setAttrs("rate_limit", `1e400`), attr: "rate_limit", msg: `must\s+be\s+a\s+number\s+that\s+fits`},
		}},

		// Bounds of the provider settings and of every resource's timeouts block (one helper,
		// timeoutsBlock, serves them all; TestTimeouts_EveryResourceRefusesNonPositiveDurations
		// checks each resource).
		{typ: providerCase, rows: []badRow{
			{set: setAttrs("rate_limit", `1/0`), attr: "rate_limit", msg: `must\s+be\s+a\s+number\s+that\s+fits`},
			{set: setAttrs("rate_limit", `0.001`), attr: "rate_limit", msg: `must\s+be\s+0\s+\(no\s+limit\)\s+or\s+at\s+least\s+0\.1`},
			{set: setAttrs("api_url", `""`), attr: "api_url", msg: `api_url\s+is\s+empty.*LIVECHAT_API_URL`},
			{set: setAttrs("api_url", `"https://user:pw-in-url@exa mple.com"`), attr: "api_url", msg: `user:xxxxx@exa\s+mple\.com.*not\s+an\s+absolute\s+URL`},
		}},
		{typ: "livechat_tag", base: [][2]string{{"name", `"bad input timeouts"`}}, rows: []badRow{
			{set: setAttrs("timeouts", `{ create = "-1m" }`), attr: "timeouts.create", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("timeouts", `{ read = "0s" }`), attr: "timeouts.read", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("timeouts", `{ update = "0" }`), attr: "timeouts.update", msg: `not\s+a\s+positive\s+Go\s+duration`},
			{set: setAttrs("timeouts", `{ delete = "-30s" }`), attr: "timeouts.delete", msg: `not\s+a\s+positive\s+Go\s+duration`},
		}},
	}
}

// TestAccBadInput plans every row of the table and checks that the plan
// fails naming the attribute. One TestCase per resource type, in parallel;
// its first step plans the valid base configuration, so that each row fails
// because of its own change only.
func TestAccBadInput(t *testing.T) {
	cases := badInputCases(t)
	n, types := 0, map[string]bool{}
	for _, c := range cases {
		n += len(c.rows)
		if c.typ != providerCase {
			types[c.typ] = true
		}
	}
	// Every resource type of the provider has its rows.
	for _, f := range New("test")().Resources(t.Context()) {
		r := f()
		var md fwresource.MetadataResponse
		r.Metadata(t.Context(), fwresource.MetadataRequest{ProviderTypeName: "livechat"}, &md)
		if !types[md.TypeName] {
			t.Errorf("%s has no rows in the bad-input table", md.TypeName)
		}
	}
	t.Logf("bad input: %d constraints (%d resource types and the provider block)", n, len(types))

	for _, c := range cases {
		t.Run(c.typ, func(t *testing.T) {
			steps := []resource.TestStep{{Config: c.config(nil, ""), PlanOnly: true, ExpectNonEmptyPlan: true}}
			for _, r := range c.rows {
				steps = append(steps, resource.TestStep{
					Config: c.config(r.set, r.provider), PlanOnly: true, ExpectError: c.expectError(r),
				})
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
		})
	}
}

// TestAccCharacterLimits plans every length the reference gives in characters at its limit,
// written in multi-byte characters: a limit counts characters, not bytes (a 61-character
// Japanese group name is 183 bytes). The group is also created: the API counts the same way.
func TestAccCharacterLimits(t *testing.T) {
	cases := map[string]badCase{}
	for _, c := range badInputCases(t) {
		if _, ok := cases[c.typ]; !ok {
			cases[c.typ] = c
		}
	}
	chars := func(c string, n int) string { return `"` + strings.Repeat(c, n) + `"` }
	atLimit := []struct {
		typ string
		set map[string]string
	}{
		{"livechat_group", setAttrs("name", chars("グ", 180))},
		{"livechat_campaign", setAttrs("name", chars("Ä", 5))},
		{"livechat_campaign", setAttrs("name", chars("キ", 100))},
		{"livechat_partner_api_token", setAttrs("label", chars("Ä", 3))},
		{"livechat_solution_license", setAttrs("client_name", chars("Ä", 5))},
		{"livechat_expert_profile", setAttrs("company", chars("Ä", 4), "description", chars("Ä", 10), "short_description", chars("Ä", 10))},
		{"livechat_webhook", setAttrs("url", `"https://hooks.example.com/`+strings.Repeat("ü", 500-len("https://hooks.example.com/"))+`"`)},
	}
	var steps []resource.TestStep
	for _, l := range atLimit {
		steps = append(steps, resource.TestStep{Config: cases[l.typ].config(l.set, ""), PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	name := testPrefix + strings.Repeat("グ", 61)
	steps = append(steps, resource.TestStep{
		Config: fmt.Sprintf("resource \"livechat_group\" \"japanese\" {\n  name = %q\n}\n", name),
		Check:  resource.TestCheckResourceAttr("livechat_group.japanese", "name", name),
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}

// TestLengthsCountCharacters walks every schema of the provider: a length limit is counted in
// characters (stringvalidator.UTF8Length*), as the reference gives them. A byte-length
// validator is allowed only for "not empty", where bytes and characters agree.
func TestLengthsCountCharacters(t *testing.T) {
	ctx := t.Context()
	s := Server("test")().(*numberCheckServer)
	s.schema(ctx, "provider")
	all := s.schemas
	for name, sch := range all {
		walkValidators(reflect.ValueOf(sch), func(v validator.String) {
			if d := v.Description(ctx); strings.HasPrefix(d, "string length must be") && d != "string length must be at least 1" {
				t.Errorf("%s: a byte-length validator (%q); count characters with stringvalidator.UTF8Length*", name, d)
			}
		})
	}
}

// walkValidators calls f with every validator.String reachable from v through exported fields,
// maps, slices and interfaces.
func walkValidators(v reflect.Value, f func(validator.String)) {
	if !v.IsValid() {
		return
	}
	if v.CanInterface() {
		if sv, ok := v.Interface().(validator.String); ok {
			f(sv)
			return
		}
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		walkValidators(v.Elem(), f)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkValidators(v.Field(i), f)
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkValidators(v.MapIndex(k), f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkValidators(v.Index(i), f)
		}
	}
}
