package provider

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// partnerFixture is a partner with history: campaigns since 2023, an organization with licenses
// (17 paid ones, more than one page of 15), leads, comments, a withdrawal and an Expert profile.
func partnerFixture() string {
	var lic []string
	for i := 0; i < 17; i++ {
		lic = append(lic, fmt.Sprintf(`{"license":"9000%02d","product":"livechat","organization_id":"11111111-2222-5333-8444-555555555555",
		 "client_name":"Client %02d","client_email":"owner@acme.example","payment_origin":"client","trial_duration":14,
		 "creation_timestamp":"2023-03-%02d 10:00:00","end_timestamp":"2099-01-01 00:00:00","conversion_timestamp":"2023-04-01 00:00:00",
		 "cc_added":true,"converted":true,"subscribed":true,"plan":"team","billing_cycle":"monthly","seats":3,
		 "operators":[{"email":"op@acme.example","role":"agent"}],
		 "invoices":[{"invoice_no":%d,"date":"2023-04-01 00:00:00","plan":"team","seats":3,"billing_cycle":"monthly","amount":123,"status":"paid"}]}`, i, i, i+1, i+1))
	}
	lic = append(lic, `{"license":"HD-000000001","product":"helpdesk","organization_id":"11111111-2222-5333-8444-555555555555",
	 "client_name":"Trial Client","client_email":"owner@acme.example","payment_origin":"partner","trial_duration":14,
	 "creation_timestamp":"2023-05-01 10:00:00","end_timestamp":"2023-05-15 10:00:00"}`)
	return `{"partner":{
	 "profile":{"partner_id":"fixture-partner","login":"fixture@partner.example","first_name":"Fix","last_name":"Ture","contact_name":"Fix Ture",
	   "contact_email":"fix@partner.example","solution_status":"accepted","properties":{"sales_kit_popup_closed":true}},
	 "billing":{"type":"business","company":"Fixture Ltd","vat":"PL123","address":"Main 1","city":"Warsaw","zip_code":"00-001","country":"PL","state":"","paypal":"pay@partner.example"},
	 "campaigns":[
	   {"id":1,"product":"livechat","name":"Newsletter","creation_timestamp":"2023-01-01 00:00:00","active":true,"link":"https://www.livechat.com/","trial_duration":30,"coupon_id":1,"discount":"30% off first payment"},
	   {"id":2,"product":"chatbot","name":"AI Campaign","creation_timestamp":"2023-01-10 12:00:00","active":true,"link":"https://www.chatbot.com/"},
	   {"id":3,"product":"partner_program","name":"Ad campaign","creation_timestamp":"2023-01-01 00:00:00","active":false,"disabled_timestamp":"2023-06-01 00:00:00","link":"https://partners.livechat.com/"}],
	 "organizations":[{"id":"11111111-2222-5333-8444-555555555555","organization_name":"ACME Inc.","client_name":"Anna Owner","client_email":"owner@acme.example","data_center":"eu-west3","created_at":"2023-02-01T08:00:00Z"}],
	 "solution_licenses":[` + strings.Join(lic, ",") + `],
	 "leads":[{"lead_id":"7","partner_name":"Fix","partner_email":"fix@partner.example","company_name":"Lead Co","contact_email":"boss@lead.example",
	   "domain":"lead.example","first_name":"Bo","last_name":"Ss","region":"US","monetization_type":"rev_share","status":"new","updated_at":"2023-09-18 11:17:35",
	   "history":[{"name":"lead_was_created","created_at":"2023-09-18 11:17:35"}]}],
	 "expert_profile":{"expert_id":"expert-fixture","status":"verified","company":"Fixture Experts","phone":"1","description":"Long description here",
	   "short_description":"Short description","country":"PL","website":"https://fixture.example","categories":["training"],"languages":[],
	   "projects":[],"industry_ids":[19],"created_at":"2023-01-01 00:00:00"},
	 "expert_comments":[{"comment":"Great","author":"Joe","creation_timestamp":"2023-03-06 10:21:50","website":"https://example.com"}],
	 "withdrawals":[{"withdrawal_id":1,"request_timestamp":"2023-06-02 12:00:00","action_timestamp":"2023-06-03 12:00:00","status":"paid","amount":10.5,"invoice_id":"2023/1/fixture-partner","paypal":"pay@partner.example"}],
	 "counters":{"campaign":3,"license":100,"lead":7,"withdrawal":1,"invoice":17}}}`
}

// resetPartnerFixture gives sequential data-source tests a known partner.
func resetPartnerFixture(t *testing.T) {
	t.Helper()
	e := emulatorOnly(t, "the test reads a partner loaded from a fixture")
	e.Reset()
	// The fixture's partner replaces the emulator's default one, which the
	// lifecycle tests expect: leave a fresh license behind.
	t.Cleanup(e.Reset)
	if err := e.LoadFixture([]byte(partnerFixture())); err != nil {
		t.Fatal(err)
	}
}

// partnerAPI reads the Partner API directly: the ground truth the data sources must show.
func partnerAPI(t *testing.T, path string, q url.Values) map[string]any {
	t.Helper()
	u := acc.url + "/v2/partners" + path
	if q != nil {
		u += "?" + q.Encode()
	}
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("LIVECHAT_PARTNER_API_TOKEN"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func num(v any) float64 { f, _ := v.(float64); return f }

func kv(name, attr string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(name, tfjsonpath.New(attr), check)
}

func kvPath(name string, p tfjsonpath.Path, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(name, p, check)
}

func TestAccPartnerDataSources_account(t *testing.T) {
	resetPartnerFixture(t)
	earn := partnerAPI(t, "/earnings", nil)
	bal := partnerAPI(t, "/balance", nil)
	stats := partnerAPI(t, "/stats", nil)
	affLC := stats["affiliate"].(map[string]any)["livechat"].(map[string]any)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "livechat_partner_profile" "p" {}
data "livechat_partner_billing" "b" {}
data "livechat_partner_stats" "s" {}
data "livechat_partner_coupons" "c" {}
data "livechat_partner_earnings" "e" {}
data "livechat_partner_withdrawals" "all" {}
data "livechat_partner_withdrawals" "none" {
  date_from = "2024-01-01"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				kv("data.livechat_partner_profile.p", "partner_id", knownvalue.StringExact("fixture-partner")),
				kv("data.livechat_partner_profile.p", "contact_email", knownvalue.StringExact("fix@partner.example")),
				kv("data.livechat_partner_profile.p", "properties", knownvalue.MapPartial(map[string]knownvalue.Check{"sales_kit_popup_closed": knownvalue.Bool(true), "pitch_deck_downloaded": knownvalue.Bool(false)})),
				kv("data.livechat_partner_billing.b", "company", knownvalue.StringExact("Fixture Ltd")),
				kv("data.livechat_partner_billing.b", "country", knownvalue.StringExact("PL")),
				kv("data.livechat_partner_stats.s", "licenses", knownvalue.ListSizeExact(7)),
				// Sorted by program and product: affiliate chatbot, helpdesk, livechat, partner_program, then solution.
				kvPath("data.livechat_partner_stats.s", tfjsonpath.New("licenses").AtSliceIndex(2), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"program": knownvalue.StringExact("affiliate"), "product": knownvalue.StringExact("livechat"),
					"trials": knownvalue.Int64Exact(int64(num(affLC["trials"]))), "trials_cc": knownvalue.Int64Exact(int64(num(affLC["trials_cc"]))),
					"paid": knownvalue.Int64Exact(int64(num(affLC["paid"]))), "partners_referred": knownvalue.Int64Exact(0),
				})),
				kvPath("data.livechat_partner_stats.s", tfjsonpath.New("licenses").AtSliceIndex(6), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"program": knownvalue.StringExact("solution"), "product": knownvalue.StringExact("livechat"), "paid": knownvalue.Int64Exact(17),
				})),
				kv("data.livechat_partner_coupons.c", "coupons", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(1), "label": knownvalue.StringExact("30% off first payment")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(2), "label": knownvalue.StringExact("$25 discount")}),
				})),
				kv("data.livechat_partner_earnings.e", "commission_total", knownvalue.Float64Exact(num(earn["commission_total"]))),
				kv("data.livechat_partner_earnings.e", "withdrawals", knownvalue.Float64Exact(10.5)),
				kv("data.livechat_partner_earnings.e", "available", knownvalue.Float64Exact(num(bal["available"]))),
				kv("data.livechat_partner_earnings.e", "total", knownvalue.StringExact(bal["total"].(string))),
				kvPath("data.livechat_partner_earnings.e", tfjsonpath.New("commissions").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"program": knownvalue.StringExact("affiliate"), "product": knownvalue.StringExact(""),
					"commission_total":        knownvalue.Float64Exact(num(earn["affiliate"].(map[string]any)["commission_total"])),
					"commission_last_30_days": knownvalue.Float64Exact(num(earn["affiliate"].(map[string]any)["commission_last_30_days"])),
					"discount":                knownvalue.Float64Exact(0),
				})),
				kv("data.livechat_partner_withdrawals.all", "withdrawals", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"withdrawal_id": knownvalue.Int64Exact(1), "request_timestamp": knownvalue.StringExact("2023-06-02 12:00:00"),
					"action_timestamp": knownvalue.StringExact("2023-06-03 12:00:00"), "status": knownvalue.StringExact("paid"),
					"amount": knownvalue.Float64Exact(10.5), "invoice_id": knownvalue.StringExact("2023/1/fixture-partner"), "paypal": knownvalue.StringExact("pay@partner.example"),
				})})),
				kv("data.livechat_partner_withdrawals.none", "withdrawals", knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccPartnerDataSources_affiliate(t *testing.T) {
	resetPartnerFixture(t)
	q := url.Values{"date_from": {"2023-01-21T00:00:00Z"}, "date_to": {"2023-02-11T23:59:59Z"}, "aggregation": {"week"}, "product": {"livechat"}}
	clicks := partnerAPI(t, "/affiliates/reports/clicks", q)["items"].([]any)
	var clickItems []knownvalue.Check
	clickSum := 0.0
	for _, it := range clicks {
		m := it.(map[string]any)
		dr := m["date_range"].(map[string]any)
		clickSum += num(m["total"])
		clickItems = append(clickItems, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"from": knownvalue.StringExact(dr["from"].(string)), "to": knownvalue.StringExact(dr["to"].(string)), "total": knownvalue.Float64Exact(num(m["total"])),
		}))
	}
	commission := partnerAPI(t, "/metrics/commission", url.Values{"date_from": {"2023-01-01T00:00:00Z"}, "date_to": {"2023-03-31T23:59:59Z"}, "product": {"chatbot"}})
	commissionRep := partnerAPI(t, "/reports/commission", url.Values{"date_from": {"2023-01-01T00:00:00Z"}, "date_to": {"2023-03-31T23:59:59Z"}, "aggregation": {"month"},
		"filters": {`[{"field":"product","value":"chatbot","operator":"equals"}]`}})["items"].([]any)
	summary := partnerAPI(t, "/affiliates/campaigns/1/summary", nil)
	earnAnnual := partnerAPI(t, "/affiliates/campaigns/1/metrics/earnings", url.Values{"date_from": {"2023-01-01"}, "date_to": {"2023-01-31"}, "billing_cycle": {"annual"}})
	best := partnerAPI(t, "/affiliates/campaigns/best-performing/reports/trials", url.Values{"limit": {"2"}, "date_from": {"2023-01-01T00:00:00Z"}, "date_to": {"2023-01-31T23:59:59Z"}})["items"].([]any)
	affSummary := partnerAPI(t, "/affiliates/summary", nil)
	affJan := partnerAPI(t, "/affiliates/licenses", url.Values{"date_from": {"2023-01-21"}, "date_to": {"2023-01-21"}})["result"].([]any)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "livechat_partner_campaigns" "active" {}
data "livechat_partner_campaigns" "archived" {
  state = "archived"
}
data "livechat_partner_campaigns" "news" {
  name_contains = "news"
  sort_order    = "asc"
}
data "livechat_partner_campaign_summary" "one" {
  campaign_id   = 1
  date_from     = "2023-01-01"
  date_to       = "2023-01-31"
  billing_cycle = "annual"
}
data "livechat_partner_best_campaigns" "trials" {
  measure   = "trials"
  limit     = 2
  date_from = "2023-01-01"
  date_to   = "2023-01-31"
}
data "livechat_partner_affiliate_licenses" "day" {
  date_from = "2023-01-21"
  date_to   = "2023-01-21"
}
data "livechat_partner_report" "clicks" {
  kind        = "clicks"
  date_from   = "2023-01-21"
  date_to     = "2023-02-11"
  aggregation = "week"
  product     = "livechat"
}
data "livechat_partner_report" "commission" {
  kind        = "commission"
  date_from   = "2023-01-01T00:00:00Z"
  date_to     = "2023-03-31T23:59:59Z"
  aggregation = "month"
  product     = "chatbot"
}
data "livechat_partner_metric" "clicks" {
  kind      = "clicks"
  date_from = "2023-01-21"
  date_to   = "2023-02-11"
  product   = "livechat"
}
data "livechat_partner_metric" "commission" {
  kind      = "commission"
  date_from = "2023-01-01"
  date_to   = "2023-03-31"
  product   = "chatbot"
}
data "livechat_partner_metric" "best" {
  kind      = "best_performing_campaigns_trials"
  limit     = 2
  date_from = "2023-01-01"
  date_to   = "2023-01-31"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				kv("data.livechat_partner_campaigns.active", "total", knownvalue.Int64Exact(2)),
				kvPath("data.livechat_partner_campaigns.active", tfjsonpath.New("campaigns").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.Int64Exact(2), "name": knownvalue.StringExact("AI Campaign"), "product": knownvalue.StringExact("chatbot"),
					"created_at": knownvalue.StringExact("2023-01-10 12:00:00"), "landing_page_url": knownvalue.StringExact("https://www.chatbot.com/"),
					// Search Campaigns' example writes slugs as "pp-...".
					"slug":       knownvalue.StringRegexp(regexp.MustCompile(`^pp[_-]ai-campaign$`)),
					"is_default": knownvalue.Bool(false), "region": knownvalue.StringExact("dal"), "offer": knownvalue.StringExact(""),
				})),
				kvPath("data.livechat_partner_campaigns.archived", tfjsonpath.New("campaigns").AtSliceIndex(0).AtMapKey("id"), knownvalue.Int64Exact(3)),
				kvPath("data.livechat_partner_campaigns.news", tfjsonpath.New("campaigns").AtSliceIndex(0).AtMapKey("offer"), knownvalue.StringExact("30% off first payment")),
				kv("data.livechat_partner_campaigns.news", "total", knownvalue.Int64Exact(1)),
				kv("data.livechat_partner_campaign_summary.one", "clicks", knownvalue.Int64Exact(int64(num(summary["click"])))),
				kv("data.livechat_partner_campaign_summary.one", "earnings", knownvalue.Float64Exact(num(summary["earnings"]))),
				kv("data.livechat_partner_campaign_summary.one", "earnings_in_range", knownvalue.Float64Exact(num(earnAnnual["value"]))),
				kv("data.livechat_partner_best_campaigns.trials", "campaigns", knownvalue.ListSizeExact(2)),
				kvPath("data.livechat_partner_best_campaigns.trials", tfjsonpath.New("campaigns").AtSliceIndex(0).AtMapKey("id"), knownvalue.Int64Exact(int64(num(best[0].(map[string]any)["id"])))),
				kv("data.livechat_partner_best_campaigns.trials", "total", knownvalue.Float64Exact(num(best[0].(map[string]any)["value"])+num(best[1].(map[string]any)["value"]))),
				kv("data.livechat_partner_affiliate_licenses.day", "licenses", knownvalue.ListSizeExact(len(affJan))),
				kv("data.livechat_partner_affiliate_licenses.day", "paid", knownvalue.Int64Exact(int64(num(affSummary["paid"])))),
				kv("data.livechat_partner_affiliate_licenses.day", "expired", knownvalue.Int64Exact(int64(num(affSummary["expired"])))),
				kv("data.livechat_partner_report.clicks", "items", knownvalue.ListExact(clickItems)),
				kv("data.livechat_partner_report.clicks", "total", knownvalue.Float64Exact(clickSum)),
				kv("data.livechat_partner_report.commission", "items", knownvalue.ListSizeExact(len(commissionRep))),
				kv("data.livechat_partner_metric.clicks", "value", knownvalue.Float64Exact(clickSum)),
				kv("data.livechat_partner_metric.commission", "value", knownvalue.Float64Exact(num(commission["value"]))),
				kv("data.livechat_partner_metric.best", "value", knownvalue.Float64Exact(num(best[0].(map[string]any)["value"])+num(best[1].(map[string]any)["value"]))),
			},
		}},
	})
}

func TestAccPartnerDataSources_solution(t *testing.T) {
	resetPartnerFixture(t)
	const org = "11111111-2222-5333-8444-555555555555"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "livechat_partner_solution_licenses" "all" {}
data "livechat_partner_solution_licenses" "paid" {
  status    = "paid"
  date_from = "2023-01-01"
  date_to   = "2023-12-31"
}
data "livechat_partner_solution_licenses" "expired_in_may" {
  status    = "expired"
  date_from = "2023-05-01T00:00:00Z"
  date_to   = "2023-05-31T23:59:59Z"
}
data "livechat_partner_solution_license" "one" {
  product    = "livechat"
  license_id = "900000"
}
data "livechat_partner_organization" "acme" {
  id = "` + org + `"
}
data "livechat_partner_solution_summary" "s" {
  date_from = "2023-03-01"
  date_to   = "2023-03-31"
}
data "livechat_partner_leads" "all" {}
data "livechat_partner_lead" "seven" {
  lead_id = "7"
}
data "livechat_partner_expert" "me" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				kv("data.livechat_partner_solution_licenses.all", "licenses", knownvalue.ListSizeExact(18)),
				// 17 paid licenses: two pages of Get Solution Licenses by Status, followed through next_cursor.
				kv("data.livechat_partner_solution_licenses.paid", "licenses", knownvalue.ListSizeExact(17)),
				kvPath("data.livechat_partner_solution_licenses.paid", tfjsonpath.New("licenses").AtSliceIndex(16), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"license_id": knownvalue.StringExact("900016"), "product": knownvalue.StringExact("livechat"), "status": knownvalue.StringExact("paid"),
					"client_name": knownvalue.StringExact("Client 16"), "client_email": knownvalue.StringExact("owner@acme.example"),
					"payment_origin": knownvalue.StringExact("client"), "creation_timestamp": knownvalue.StringExact("2023-03-17 10:00:00"),
					"end_timestamp": knownvalue.StringExact("2099-01-01 00:00:00"), "conversion_timestamp": knownvalue.StringExact("2023-04-01 00:00:00"),
					"cc_added": knownvalue.Bool(true), "paid": knownvalue.Bool(true),
				})),
				kv("data.livechat_partner_solution_licenses.expired_in_may", "licenses", knownvalue.ListSizeExact(1)),
				kv("data.livechat_partner_solution_license.one", "plan", knownvalue.StringExact("team")),
				kv("data.livechat_partner_solution_license.one", "seats", knownvalue.Int64Exact(3)),
				kv("data.livechat_partner_solution_license.one", "data_center", knownvalue.StringExact("fra")),
				kv("data.livechat_partner_solution_license.one", "total_commission", knownvalue.Float64Exact(24.6)),
				kv("data.livechat_partner_solution_license.one", "invited_agents", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("op@acme.example")})),
				kv("data.livechat_partner_solution_license.one", "invoices", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"invoice_no": knownvalue.Int64Exact(1), "date": knownvalue.StringExact("2023-04-01 00:00:00"), "plan": knownvalue.StringExact("team"),
					"seats": knownvalue.Int64Exact(3), "billing_cycle": knownvalue.StringExact("monthly"), "amount": knownvalue.Float64Exact(123), "status": knownvalue.StringExact("paid"),
				})})),
				kv("data.livechat_partner_organization.acme", "organization_name", knownvalue.StringExact("ACME Inc.")),
				kv("data.livechat_partner_organization.acme", "client_name", knownvalue.StringExact("Anna Owner")),
				kv("data.livechat_partner_organization.acme", "products", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("HelpDesk"), knownvalue.StringExact("LiveChat")})),
				kv("data.livechat_partner_organization.acme", "licenses", knownvalue.ListSizeExact(18)),
				kv("data.livechat_partner_organization.acme", "arr", knownvalue.Float64Exact(17*3*41*12)),
				kv("data.livechat_partner_solution_summary.s", "paid", knownvalue.Int64Exact(17)),
				kv("data.livechat_partner_solution_summary.s", "expired", knownvalue.Int64Exact(1)),
				kv("data.livechat_partner_solution_summary.s", "commission", knownvalue.StringExact("418.20")),
				kv("data.livechat_partner_solution_summary.s", "range_paid", knownvalue.Int64Exact(17)),
				kv("data.livechat_partner_solution_summary.s", "range_expired", knownvalue.Int64Exact(0)),
				kv("data.livechat_partner_leads.all", "leads", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"lead_id": knownvalue.StringExact("7"), "company_name": knownvalue.StringExact("Lead Co"),
					"contact_email": knownvalue.StringExact("boss@lead.example"), "status": knownvalue.StringExact("new"),
				})})),
				kv("data.livechat_partner_lead.seven", "domain", knownvalue.StringExact("lead.example")),
				kv("data.livechat_partner_lead.seven", "partner_id", knownvalue.StringExact("fixture-partner")),
				kv("data.livechat_partner_lead.seven", "history", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"name": knownvalue.StringExact("lead_was_created"), "created_at": knownvalue.StringExact("2023-09-18 11:17:35"),
				})})),
				kv("data.livechat_partner_expert.me", "position", knownvalue.Int64Exact(1)),
				kv("data.livechat_partner_expert.me", "comments", knownvalue.Int64Exact(1)),
				kv("data.livechat_partner_expert.me", "history", knownvalue.ListSizeExact(12)),
				kvPath("data.livechat_partner_expert.me", tfjsonpath.New("reviews").AtSliceIndex(0).AtMapKey("author"), knownvalue.StringExact("Joe")),
			},
		}},
	})
}

func TestAccPartnerDataSources_validation(t *testing.T) {
	cases := []struct{ config, err string }{
		{`data "livechat_partner_report" "x" {
  kind        = "trials"
  date_from   = "2022-01-01"
  date_to     = "2023-06-01"
  aggregation = "month"
}`, `(?s)covers up to 12 months`},
		{`data "livechat_partner_report" "x" {
  kind        = "trials"
  date_from   = "2023-01-01"
  date_to     = "2023-02-01"
  aggregation = "month"
  program     = "solution"
}`, `(?s)kind "trials" takes no program`},
		{`data "livechat_partner_report" "x" {
  kind        = "solution_licenses"
  date_from   = "2023-01-01"
  date_to     = "2023-02-01"
  aggregation = "day"
}`, `(?s)requires license_status`},
		{`data "livechat_partner_report" "x" {
  kind        = "campaign_earnings"
  date_from   = "2023-01-01"
  date_to     = "2023-02-01"
  aggregation = "year"
}`, `(?s)aggregation.*value must be one of`},
		{`data "livechat_partner_report" "x" {
  kind        = "clicks"
  date_from   = "01/02/2023"
  date_to     = "2023-02-01"
  aggregation = "day"
}`, `(?s)date_from.*must be a date YYYY-MM-DD or a UTC time`},
		{`data "livechat_partner_metric" "x" {
  kind    = "clicks"
  product = "all"
  date_from = "2023-01-01"
  date_to   = "2023-02-01"
}`, `(?s)takes product livechat, chatbot, helpdesk, not "all"`},
		{`data "livechat_partner_metric" "x" {
  kind = "best_performing_campaigns_clicks"
  date_from = "2023-01-01"
  date_to   = "2023-02-01"
}`, `(?s)requires limit`},
		{`data "livechat_partner_metric" "x" {
  kind = "earnings"
}`, `(?s)requires date_from`},
		{`data "livechat_partner_solution_licenses" "x" {
  status = "paid"
}`, `(?s)"date_from".*must be specified when "status"`},
		{`data "livechat_partner_best_campaigns" "x" {
  measure = "clicks"
}`, `(?s)needs limit, date_from\s+and\s+date_to`},
		{`data "livechat_partner_campaign_summary" "x" {
  campaign_id = 1
  date_from   = "2023-01-01"
}`, `(?s)Set both date_from and date_to`},
		{`data "livechat_partner_withdrawals" "x" {
  date_from = "2023-01-01T00:00:00Z"
}`, `(?s)must be a date YYYY-MM-DD`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: regexp.MustCompile(c.err)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}
