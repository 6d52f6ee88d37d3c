package emulator

// What the REST API v2 (legacy) reference shows of each answer: the keys of its answer examples
// (and of Get a single goal's table of type parameters). Keys are "METHOD /pattern" as routed.

var (
	legacyAgentKeys = []string{"login", "name", "login_status", "permission", "daily_summary", "job_title",
		"avatar", "notifications.*", "max_chats_count", "work_scheduler.*.enabled", "work_scheduler.*.start",
		"work_scheduler.*.end", "groups[].id", "groups[].name", "status", "last_logout"}
	legacyGroupKeys  = []string{"id", "name", "language", "agents", "status"}
	legacyTagKeys    = []string{"name", "author", "creation_date", "count.inChats", "count.inTickets", "group"}
	legacyCannedKeys = []string{"id", "group", "text", "creation_date", "created_by", "modification_date",
		"modified_by", "tags"}
	legacyGoalKeys = []string{"id", "name", "active", "type", "custom_variable_name", "custom_variable_value",
		"url", "match_type", "sales_tracker_id", "value_type", "value", "currency", "time_range",
		"order_field_name", "value_field_name"}
	// A greeting as the examples show it: no group, no subtype.
	legacyGreetingKeys = []string{"id", "active", "name", "rules[].id", "rules[].type", "rules[].value",
		"rules[].operator", "rules[].condition", "rules[].variable_name", "rules[].variable_value",
		"rules[].urls[].url", "rules[].urls[].operator", "properties.active", "properties.greeting-message_text"}
	legacyWebhookKeys = []string{"events[].id", "events[].licence", "events[].event_type", "events[].data_types",
		"events[].url", "events[].verified", "events[].token"}
)

// legacyGreeting: the reference's own examples answer rules in another order than sent
// (visit_time_page, visits_number come back visits_number, visit_time_page).
func legacyGreeting(prefix string) *answerShape {
	return &answerShape{keys: prefixed(prefix, legacyGreetingKeys...), unordered: prefixed(prefix, "rules")}
}

func legacyAgent(prefix string) *answerShape {
	return &answerShape{keys: prefixed(prefix, legacyAgentKeys...), unordered: prefixed(prefix, "groups"),
		rewrite: avatarOn(prefix + "avatar")}
}

const (
	activityAsIs = "activity data no resource reads; the answer has the example's (or the Postman collection's recorded) shape, see API-NOTES.md"
	reportAsIs   = "the reference shows no answer for reports"
)

var legacyAnswers = compileAnswers(answerTable{
	"GET /agents": {keys: prefixed("[].", "name", "permission", "avatar", "login", "status"),
		rewrite: avatarOn("[].avatar")},
	"POST /agents":          legacyAgent(""),
	"GET /agents/:login":    legacyAgent(""),
	"PUT /agents/:login":    legacyAgent(""),
	"DELETE /agents/:login": keysOnly("result"),

	"GET /groups":        {keys: prefixed("[].", legacyGroupKeys...), unordered: []string{"[].agents"}},
	"POST /groups":       {keys: legacyGroupKeys, unordered: []string{"agents"}},
	"GET /groups/:id":    {keys: legacyGroupKeys, unordered: []string{"agents"}},
	"PUT /groups/:id":    {keys: legacyGroupKeys, unordered: []string{"agents"}},
	"DELETE /groups/:id": keysOnly("result"),

	"GET /tags":         keysOnly(prefixed("[].", legacyTagKeys...)...),
	"POST /tags":        keysOnly(legacyTagKeys...),
	"DELETE /tags/:tag": keysOnly("ok"),

	"GET /canned_responses":        {keys: prefixed("[].", legacyCannedKeys...), unordered: []string{"[].tags"}},
	"POST /canned_responses":       {keys: legacyCannedKeys, unordered: []string{"tags"}},
	"GET /canned_responses/:id":    {keys: legacyCannedKeys, unordered: []string{"tags"}},
	"PUT /canned_responses/:id":    {keys: legacyCannedKeys, unordered: []string{"tags"}},
	"POST /canned_responses/:id":   {keys: legacyCannedKeys, unordered: []string{"tags"}},
	"DELETE /canned_responses/:id": keysOnly("result"),

	"GET /goals":                         keysOnly("[].id", "[].name", "[].active", "[].type"),
	"POST /goals":                        keysOnly(legacyGoalKeys...),
	"GET /goals/:id":                     keysOnly(legacyGoalKeys...),
	"PUT /goals/:id":                     keysOnly(legacyGoalKeys...),
	"DELETE /goals/:id":                  keysOnly("result"),
	"POST /goals/:id/mark_as_successful": keysOnly("result"),

	"GET /greetings":                  legacyGreeting("[]."),
	"POST /greetings":                 legacyGreeting(""),
	"GET /greetings/:id":              legacyGreeting(""),
	"PUT /greetings/:id":              legacyGreeting(""),
	"POST /greetings/:id":             legacyGreeting(""),
	"DELETE /greetings/:id":           keysOnly("ok"),
	"GET /status":                     keysOnly("status"),
	"GET /status/:group":              keysOnly("status"),
	"GET /webhooks":                   keysOnly(legacyWebhookKeys...),
	"POST /webhooks":                  keysOnly(legacyWebhookKeys...),
	"DELETE /webhooks/:id":            keysOnly("result"),
	"POST /chats/:id/send_transcript": keysOnly("result"),

	"GET /chats":                 {asIs: activityAsIs},
	"GET /chats/:id":             {asIs: activityAsIs},
	"PUT /chats/:id/tags":        {asIs: activityAsIs},
	"GET /tickets":               {asIs: activityAsIs},
	"POST /tickets":              {asIs: activityAsIs},
	"GET /tickets/:id":           {asIs: activityAsIs},
	"PUT /tickets/:id/tags":      {asIs: activityAsIs},
	"GET /visitors":              {asIs: activityAsIs},
	"POST /visitors/:id/details": {asIs: "Add custom visitor details is in the Postman collection only, with no answer"},
	"GET /reports/*":             {asIs: reportAsIs},
})
