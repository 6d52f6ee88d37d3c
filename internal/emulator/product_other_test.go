package emulator

import (
	"strings"
	"testing"
)

func TestListChannelsAndProductSource(t *testing.T) {
	h := newHarness(t)
	// A fresh license answers the reference's examples.
	assertJSON(t, h.ok("list_channels", `{}`), `[
	  {"channel_type":"code","channel_subtype":"","first_activity_timestamp":"2017-10-12T13:56:16Z"},
	  {"channel_type":"direct_link","channel_subtype":"","first_activity_timestamp":"2017-10-12T15:20:00Z"},
	  {"channel_type":"integration","channel_subtype":"c6e4f62e2a2dab12531235b12c5a2a6b","first_activity_timestamp":"2019-08-16T16:55:51Z"}]`)
	assertJSON(t, h.ok("list_channels", ``), `[
	  {"channel_type":"code","channel_subtype":"","first_activity_timestamp":"2017-10-12T13:56:16Z"},
	  {"channel_type":"direct_link","channel_subtype":"","first_activity_timestamp":"2017-10-12T15:20:00Z"},
	  {"channel_type":"integration","channel_subtype":"c6e4f62e2a2dab12531235b12c5a2a6b","first_activity_timestamp":"2019-08-16T16:55:51Z"}]`)
	assertJSON(t, h.ok("get_product_source", `{}`),
		`{"source_id":"create_account_link","source_type":"accounts","source_url":"https://accounts.livechat.com"}`)

	// Fixtures set other values; a state dump keeps them.
	fixture := `{"channels":[{"channel_type":"integration","channel_subtype":"abc","first_activity_timestamp":"2024-01-02T03:04:05Z"}],
	  "product_source":{"source_id":"partner","source_type":"partner_program","source_url":"https://partners.example.com"}}`
	if err := h.s.LoadFixture([]byte(fixture)); err != nil {
		t.Fatal(err)
	}
	if n := len(h.ok("list_channels", `{}`).([]any)); n != 4 {
		t.Fatalf("%d channels after the fixture", n)
	}
	dump, _ := h.s.StateJSON()
	h2 := newHarness(t)
	if err := h2.s.LoadState(dump); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, field(t, h2.ok("get_product_source", `{}`), "source_id"), `"partner"`)
	if n := len(h2.ok("list_channels", `{}`).([]any)); n != 4 {
		t.Fatalf("%d channels after loading", n)
	}
	for _, bad := range []string{
		`{"channels":[{"channel_type":"email","channel_subtype":"","first_activity_timestamp":"2024-01-02T03:04:05Z"}]}`,
		`{"channels":[{"channel_type":"integration","channel_subtype":"","first_activity_timestamp":"2024-01-02T03:04:05Z"}]}`,
	} {
		if err := newHarness(t).s.LoadFixture([]byte(bad)); err == nil {
			t.Fatalf("fixture accepted: %s", bad)
		}
	}
}

func TestCheckProductLimitsForPlan(t *testing.T) {
	h := newHarness(t)
	for _, plan := range productPlans {
		assertJSON(t, h.ok("check_product_limits_for_plan", `{"plan":"`+plan+`"}`), `[]`)
	}
	h.ok("create_group", `{"name":"G1","agent_priorities":{"owner@example.com":"normal"}}`)
	h.ok("create_group", `{"name":"G2","agent_priorities":{}}`)
	h.ok("create_agent", `{"id":"a@example.com","name":"A","groups":[{"id":1,"priority":"first"}]}`)
	h.ok("create_agent", `{"id":"s@example.com","name":"S"}`)
	h.ok("suspend_agent", `{"id":"s@example.com"}`)
	h.ok("add_auto_access", `{"access":{"groups":[1]},"conditions":{"domain":{"values":[{"value":"a.com"}]}}}`)
	assertJSON(t, h.ok("check_product_limits_for_plan", `{"plan":"starter"}`), `[
	  {"resource":"agents","limit_balance":1},
	  {"resource":"groups","limit_balance":2},
	  {"resource":"groups_per_agent","limit_balance":1,"id":"owner@example.com"},
	  {"resource":"access_rules","limit_balance":1}]`)
	assertJSON(t, h.ok("check_product_limits_for_plan", `{"plan":"team"}`), `[]`)
}

func TestReactivateEmailAndCompanyDetails(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.ok("reactivate_email", `{"agent_id":"owner@example.com"}`), `{}`)
	assertJSON(t, h.ok("update_company_details", `{"enrich":true,"url":"www.text.com","company":"Text","nip":"123"}`), `{}`)
	h.ok("update_company_details", `{"company":"Text Inc."}`) // only the given fields change
	assertJSON(t, h.s.CompanyDetails(), `{"company":"Text Inc.","nip":"123","url":"www.text.com"}`)
	dump, _ := h.s.StateJSON()
	if !strings.Contains(string(dump), `"company_details"`) {
		t.Fatalf("company details missing from the state dump: %s", dump)
	}
	h.ok("update_company_details", `{}`)
}

func TestOtherErrors(t *testing.T) {
	cases := []struct {
		name, action, body string
		status             int
		typ, msg           string
	}{
		{"channels params", "list_channels", `{"channel_type":"code"}`, 400, "validation", "`channel_type` is not a supported parameter"},
		{"source params", "get_product_source", `{"x":1}`, 400, "validation", "`x` is not a supported parameter"},
		{"plan", "check_product_limits_for_plan", `{}`, 400, "validation", "`plan` is required"},
		{"plan enum", "check_product_limits_for_plan", `{"plan":"business"}`, 400, "validation", "`plan` must be one of: starter, team, enterprise, enterpriseplus"},
		{"reactivate id", "reactivate_email", `{}`, 400, "validation", "`agent_id` is required"},
		{"reactivate missing", "reactivate_email", `{"agent_id":"nobody@example.com"}`, 404, "not_found", "Agent nobody@example.com not found"},
		{"company type", "update_company_details", `{"city":7}`, 400, "validation", "`city` must be a string"},
		{"company enrich", "update_company_details", `{"enrich":"yes"}`, 400, "validation", "`enrich` must be a boolean"},
		{"company unknown", "update_company_details", `{"vat":"1"}`, 400, "validation", "`vat` is not a supported parameter"},
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

// "The number of active agents, including bots".
func TestCheckProductLimitsCountsBots(t *testing.T) {
	h := newHarness(t)
	h.ok("create_bot", `{"name":"Helper","owner_client_id":"c1"}`)
	assertJSON(t, h.ok("check_product_limits_for_plan", `{"plan":"starter"}`), `[{"resource":"agents","limit_balance":1}]`)
}
