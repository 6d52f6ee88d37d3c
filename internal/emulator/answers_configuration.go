package emulator

import "strings"

// What the Configuration API v3.6 reference shows of each answer: the keys of the answer
// examples of the 2024 preview (the current page shows the same examples by reference), plus
// the keys its tables name for that method (the `fields` values of the get/list methods, whose
// structure the tables define by pointing at Create Agent; the named object types of Add Auto
// Access). Methods documented "No response payload" answer {}.

// agentKeys are Get Agent's keys (the example, the `fields` values) under prefix; avatar is the
// example's key of Get Agent, avatar_path the List Agents example's.
func agentKeys(prefix, avatar string, extra ...string) []string {
	keys := append([]string{"id", "account_id", "name", avatar, "role", "login_status",
		"groups[].id", "groups[].priority", "email_subscriptions", "notifications", "job_title", "mobile",
		"max_chats_count", "suspended", "awaiting_approval", "last_logout"}, extra...)
	keys = append(keys, workSchedulerKeys...)
	return prefixed(prefix, keys...)
}

// workSchedulerKeys are the work scheduler object of Create Agent ("See Create Agent").
var workSchedulerKeys = []string{
	"work_scheduler.timezone", "work_scheduler.schedule[].day", "work_scheduler.schedule[].enabled",
	"work_scheduler.schedule[].start", "work_scheduler.schedule[].end",
}

// memberCollections are an agent's or bot's collections that keep no order.
func memberCollections(prefix string) []string {
	return prefixed(prefix, "groups", "notifications", "email_subscriptions", "summaries", "work_scheduler.schedule")
}

// botKeys are Get Bot's example keys and the `fields` values of Get Bot and List Bots.
func botKeys(prefix string, base ...string) []string {
	keys := append(base, "groups[].id", "groups[].priority", "job_title", "max_chats_count", "timezone")
	return prefixed(prefix, append(keys, workSchedulerKeys...)...)
}

// autoAccessKeys are the List Auto Accesses example's keys; `conditions` holds the
// <match_object> and <geolocation_object> types Add Auto Access defines.
var autoAccessKeys = prefixed("[].", "id", "description", "access.groups", "next_id",
	"conditions.url.values[].value", "conditions.url.values[].exact_match",
	"conditions.url.exclude_values[].value", "conditions.url.exclude_values[].exact_match",
	"conditions.domain.values[].value", "conditions.domain.values[].exact_match",
	"conditions.domain.exclude_values[].value", "conditions.domain.exclude_values[].exact_match",
	"conditions.geolocation.values[].country", "conditions.geolocation.values[].country_code",
	"conditions.geolocation.values[].region", "conditions.geolocation.values[].city")

func prefixed(prefix string, keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = prefix + k
	}
	return out
}

func keysOnly(keys ...string) *answerShape { return &answerShape{keys: keys} }

// noPayload is the shape of methods documented "No response payload": no key survives.
func noPayload() *answerShape { return &answerShape{keys: []string{"-"}} }

func avatarOn(paths ...string) map[string]func(string) string {
	m := map[string]func(string) string{}
	for _, p := range paths {
		m[p] = RehostedAvatar
	}
	return m
}

var configurationAnswers = compileAnswers(withBatches(answerTable{
	// Agents
	"create_agent": keysOnly("id"),
	"get_agent": {keys: agentKeys("", "avatar"), unordered: memberCollections(""),
		rewrite: avatarOn("avatar")},
	// The List Agents example shows avatar_path and summaries; `fields` names email_subscriptions.
	"list_agents": {keys: agentKeys("[].", "avatar_path", "summaries"), unordered: memberCollections("[]."),
		rewrite: avatarOn("[].avatar_path")},
	"update_agent": noPayload(), "delete_agent": noPayload(), "suspend_agent": noPayload(),
	"unsuspend_agent": noPayload(), "approve_agent": noPayload(), "request_agent_unsuspension": noPayload(),

	// Auto access
	"add_auto_access": keysOnly("id"),
	"list_auto_accesses": {keys: autoAccessKeys, unordered: prefixed("[].", "access.groups",
		"conditions.url.values", "conditions.url.exclude_values", "conditions.domain.values",
		"conditions.domain.exclude_values", "conditions.geolocation.values")},
	"update_auto_access": noPayload(), "delete_auto_access": noPayload(),

	// Bots and bot templates
	"create_bot_template": keysOnly("id", "secret"), "update_bot_template": noPayload(),
	"delete_bot_template": noPayload(), "reset_bot_template_secret": keysOnly("secret"),
	"list_bot_templates": {keys: []string{"[].id", "[].name", "[].avatar_path"},
		rewrite: avatarOn("[].avatar_path")},
	"create_bot": keysOnly("id", "secret"), "update_bot": noPayload(), "delete_bot": noPayload(),
	"get_bot": {keys: botKeys("", "id", "name", "avatar_path", "default_group_priority", "owner_client_id"),
		unordered: []string{"groups", "work_scheduler.schedule"}, rewrite: avatarOn("avatar_path")},
	"list_bots": {keys: botKeys("[].", "id", "name", "avatar_path"),
		unordered: []string{"[].groups", "[].work_scheduler.schedule"}, rewrite: avatarOn("[].avatar_path")},
	"reset_bot_secret": keysOnly("secret"), "issue_bot_token": keysOnly("token"),

	// Groups: agent_priorities and routing_status are `fields` values of both reads.
	"create_group": keysOnly("id"), "update_group": noPayload(), "delete_group": noPayload(),
	"get_group":   keysOnly("id", "name", "language_code", "agent_priorities.*", "routing_status"),
	"list_groups": keysOnly("[].id", "[].name", "[].language_code", "[].agent_priorities.*", "[].routing_status"),

	// Properties: the List Properties example has no domain, range or default_value.
	"register_property": noPayload(), "unregister_property": noPayload(), "publish_property": noPayload(),
	"list_properties": {keys: []string{"*.type", "*.description", "*.access.*.*", "*.public_access"},
		unordered: []string{"*.access.*.*", "*.public_access"}},
	"update_license_properties": noPayload(), "delete_license_properties": noPayload(),
	"list_license_properties": keysOnly("*.*"),
	"update_group_properties": noPayload(), "delete_group_properties": noPayload(),
	"list_groups_properties": keysOnly("[].id", "[].properties.*.*"),

	// Tags
	"create_tag": noPayload(), "update_tag": noPayload(), "delete_tag": noPayload(),
	"list_tags": {keys: []string{"[].name", "[].group_ids", "[].author_id", "[].created_at"},
		unordered: []string{"[].group_ids"}},

	// Webhooks: the List Webhooks example's filters are chat_presence's user_ids.values and
	// my_bots; it shows no other filter, no additional_data and no secret_key.
	"register_webhook": keysOnly("id"), "unregister_webhook": noPayload(),
	"list_webhooks": {keys: []string{"[].id", "[].url", "[].description", "[].action", "[].owner_client_id", "[].type",
		"[].filters.chat_presence.user_ids.values", "[].filters.chat_presence.my_bots"},
		unordered: []string{"[].filters.chat_presence.user_ids.values"}},
	"list_webhook_names":         keysOnly("[].action", "[].filters", "[].additional_data"),
	"enable_license_webhooks":    noPayload(),
	"disable_license_webhooks":   noPayload(),
	"get_license_webhooks_state": keysOnly("license_webhooks_enabled"),

	// Other
	"list_channels":                 keysOnly("[].channel_type", "[].channel_subtype", "[].first_activity_timestamp"),
	"check_product_limits_for_plan": keysOnly("[].resource", "[].limit_balance", "[].id"),
	"get_product_source":            keysOnly("source_id", "source_type", "source_url"),
	"reactivate_email":              noPayload(),
	"update_company_details":        noPayload(),
}))

// withBatches adds each batch method's shape: {"responses":[...]} of the single method's
// answers or errors, in request order (the reference promises that order).
func withBatches(t answerTable) answerTable {
	for batch, single := range map[string]string{
		"batch_create_agents": "create_agent", "batch_update_agents": "update_agent",
		"batch_delete_agents": "delete_agent", "batch_suspend_agents": "suspend_agent",
		"batch_unsuspend_agents": "unsuspend_agent", "batch_approve_agents": "approve_agent",
		"batch_create_bots": "create_bot", "batch_update_bots": "update_bot", "batch_delete_bots": "delete_bot",
	} {
		sh := t[single]
		b := &answerShape{keys: []string{"responses[].error"}}
		for _, k := range sh.keys {
			b.keys = append(b.keys, "responses[]."+strings.TrimPrefix(k, "."))
		}
		t[batch] = b
	}
	return t
}
