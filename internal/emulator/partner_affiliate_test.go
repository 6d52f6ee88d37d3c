package emulator

import (
	"net/url"
	"testing"
	"time"
)

func createCampaignReq(product string, kv ...string) preq {
	return preq{method: "POST", path: "/v2/partners/affiliates/campaigns?product=" + product, form: formOf(kv...)}
}

func TestPartnerCampaignLifecycle(t *testing.T) {
	h := newHarness(t, withPartner)
	out := h.pok(200, createCampaignReq("livechat", "name", "New campaign", "link", "https://www.livechat.com/features/", "trial_duration", "30", "coupon_id", "2"))
	assertJSON(t, out, `{"product":"livechat","name":"New campaign","slug":"pp_new-campaign",
	 "url":"https://www.livechat.com/features/?a=emulator-partner&utm_campaign=pp_new-campaign&utm_source=PP",
	 "short_url":"`+campaignShortURL(&Campaign{ID: 1})+`","creation_timestamp":"2024-05-06 07:08:09","trial_duration":30,"discount":"$25 discount"}`)
	h.clock.Advance(time.Second)
	h.pok(200, createCampaignReq("chatbot", "name", "Bot launch!", "link", "https://www.chatbot.com/", "trial_duration", "14"))

	// The create answer has no id: Search Campaigns by slug finds it.
	filters := url.QueryEscape(`[{"field":"slug","value":"pp_new-campaign","operator":"equals"}]`)
	found := h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&filters="+filters))
	assertJSON(t, found, `{"value":0,"total":1,"limit":15,"results":[{"id":1,"name":"New campaign","product":"livechat",
	 "created_at":"2024-05-06 07:08:09","landing_page_url":"https://www.livechat.com/features/","slug":"pp_new-campaign",
	 "is_default":false,"region":"dal","offer":"$25 discount"}]}`)
	// Sorting and the example's odd query ("filters=[]&&...").
	all := h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&product=all&state=active&filters=[]&&sort_order=desc&sort_by=creation_timestamp"))
	assertJSON(t, ids(t, field(t, all, "results"), "id"), `[2,1]`)
	asc := h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&sort_order=asc"))
	assertJSON(t, ids(t, field(t, asc, "results"), "id"), `[1,2]`)
	chat := h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&product=chatbot"))
	assertJSON(t, ids(t, field(t, chat, "results"), "slug"), `["pp_bot-launch"]`)
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=2&state=active")), "results"), `[]`)

	// Get Campaigns shows active ones with url, short_url and discount.
	list := field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns")), "result").([]any)
	if len(list) != 2 || field(t, list[0], "active") != true || field(t, list[0], "discount") != "$25 discount" {
		t.Fatalf("get_campaigns %v", list)
	}
	if _, has := list[1].(map[string]any)["discount"]; has {
		t.Fatalf("a campaign without coupon has a discount: %v", list[1])
	}
	// An active campaign's slug is taken; a disabled one's is free again.
	h.pfail(409, "pp_new-campaign already exists", createCampaignReq("helpdesk", "name", "new  CAMPAIGN", "link", "https://www.helpdesk.com/", "trial_duration", "14"))
	if out := h.pok(204, preq{method: "DELETE", path: "/v2/partners/affiliates/campaigns/1"}); out != nil {
		t.Fatalf("204 with body %v", out)
	}
	h.pok(204, preq{method: "DELETE", path: "/v2/partners/affiliates/campaigns/1"}) // disabling twice changes nothing
	if c, _ := h.s.Campaign(1); c.Active || c.DisabledAt != "2024-05-06 07:08:10" {
		t.Fatalf("campaign %+v", c)
	}
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns?state=disabled")), "result"), "slug"), `["pp_new-campaign"]`)
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=archived")), "results"), "id"), `[1]`)
	h.pok(200, createCampaignReq("livechat", "name", "New campaign", "link", "https://www.livechat.com/", "trial_duration", "14"))
	h.pfail(404, "Campaign 99 not found", preq{method: "DELETE", path: "/v2/partners/affiliates/campaigns/99"})
}

func TestPartnerCampaignErrors(t *testing.T) {
	h := newHarness(t, withPartner)
	ok := []string{"link", "https://www.livechat.com/", "trial_duration", "14"}
	cases := []struct {
		req preq
		msg string
	}{
		{preq{method: "POST", path: "/v2/partners/affiliates/campaigns", form: formOf(append([]string{"name", "Valid name"}, ok...)...)}, "`product` is required"},
		{createCampaignReq("intercom", append([]string{"name", "Valid name"}, ok...)...), "`product` must be one of: livechat, chatbot, helpdesk, partner_program"},
		{createCampaignReq("livechat", ok...), "`name` is required"},
		{createCampaignReq("livechat", append([]string{"name", "four"}, ok...)...), "`name` must have 5 to 100 characters"},
		{createCampaignReq("livechat", append([]string{"name", string(make([]byte, 101))}, ok...)...), "`name` must have 5 to 100 characters"},
		{createCampaignReq("livechat", "name", "Valid name", "trial_duration", "14"), "`link` is required"},
		{createCampaignReq("livechat", "name", "Valid name", "link", "www.livechat.com", "trial_duration", "14"), "`link` must be an http(s) URL"},
		{createCampaignReq("livechat", "name", "Valid name", "link", "https://x.com/"), "`trial_duration` is required"},
		{createCampaignReq("livechat", "name", "Valid name", "link", "https://x.com/", "trial_duration", "13"), "`trial_duration` must be between 14 and 30"},
		{createCampaignReq("livechat", "name", "Valid name", "link", "https://x.com/", "trial_duration", "31"), "`trial_duration` must be between 14 and 30"},
		{createCampaignReq("livechat", "name", "Valid name", "link", "https://x.com/", "trial_duration", "x"), "`trial_duration` must be an integer"},
		{createCampaignReq("livechat", append([]string{"name", "Valid name", "coupon_id", "7"}, ok...)...), "`coupon_id` 7 is not one of your active coupons"},
		{createCampaignReq("livechat", append([]string{"name", "Valid name", "slug", "x"}, ok...)...), "`slug` is not a supported parameter"},
		{preq{method: "POST", path: "/v2/partners/affiliates/campaigns?product=livechat", json: `{"name":"Valid name"}`}, "application/x-www-form-urlencoded"},
		{pget("/v2/partners/affiliates/campaigns?state=archived"), "`state` must be one of: active, disabled"},
		{pget("/v2/partners/affiliates/campaigns/search?state=active"), "`page` is required"},
		{pget("/v2/partners/affiliates/campaigns/search?page=0&state=active"), "`page` must be 1 or more"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1"), "`state` is required"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1&state=disabled"), "`state` must be one of: active, archived"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&product=partner_program"), "`product` must be one of"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&sort_by=name"), "`sort_by` must be one of: creation_timestamp"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&sort_order=up"), "`sort_order` must be one of: desc, asc"},
		{pget("/v2/partners/affiliates/campaigns/search?page=1&state=active&filters=" + url.QueryEscape(`[{"field":"slug","value":"x","operator":"like"}]`)), "`filters[0].operator` must be one of: equals, contains"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, c.req)
	}
}

// The propagation delay: a new campaign is not listed, and a disabled one still is, until the
// delay has passed.
func TestPartnerCampaignPropagation(t *testing.T) {
	h := newHarness(t, withPartner, withDelay)
	h.pok(200, createCampaignReq("livechat", "name", "Slow campaign", "link", "https://www.livechat.com/", "trial_duration", "14"))
	assertJSON(t, h.pok(200, pget("/v2/partners/affiliates/campaigns")), `{"result":[]}`)
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active")), "total"), `0`)
	h.clock.Advance(delay)
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active")), "total"), `1`)
	h.pok(204, preq{method: "DELETE", path: "/v2/partners/affiliates/campaigns/1"})
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active")), "total"), `1`)
	h.clock.Advance(delay)
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active")), "total"), `0`)
}

const reportFixture = `{"partner":{"campaigns":[
  {"id":1,"product":"livechat","name":"Newsletter","creation_timestamp":"2023-01-01 00:00:00","active":true,"link":"https://www.livechat.com/"},
  {"id":2,"product":"chatbot","name":"AI Campaign","creation_timestamp":"2023-01-10 12:00:00","active":false,"disabled_timestamp":"2023-01-20 00:00:00","link":"https://www.chatbot.com/"},
  {"id":3,"product":"partner_program","name":"Ad campaign","creation_timestamp":"2023-01-01 00:00:00","active":true,"link":"https://partners.livechat.com/"}],
  "counters":{"campaign":3}}}`

func TestPartnerAffiliateReports(t *testing.T) {
	h := newHarness(t, withPartner)
	if err := h.s.LoadFixture([]byte(reportFixture)); err != nil {
		t.Fatal(err)
	}
	// Campaign 1 on 2023-01-21: clicks = 4 + (1*7 + day*3) % 9 with day = days since 1970.
	d := time.Date(2023, 1, 21, 0, 0, 0, 0, time.UTC).Unix() / 86400
	clicks := float64(4 + (7+d*3)%9)
	q := "date_from=2023-01-21T00:00:00Z&date_to=2023-01-21T23:59:59Z"
	if v := field(t, h.pok(200, pget("/v2/partners/affiliates/metrics/clicks?"+q+"&product=livechat")), "value"); v != clicks {
		t.Fatalf("clicks %v, want %v", v, clicks)
	}
	sum := func(rep any) float64 {
		s := 0.0
		for _, it := range field(t, rep, "items").([]any) {
			s += field(t, it, "total").(float64)
		}
		return s
	}
	rng := "date_from=2023-01-21T00:00:00Z&date_to=2023-02-11T23:59:59Z"
	for _, kind := range []string{"trials", "earnings", "conversions", "clicks"} {
		week := h.pok(200, pget("/v2/partners/affiliates/reports/"+kind+"?"+rng+"&aggregation=week"))
		items := field(t, week, "items").([]any)
		// Weeks run Monday to Sunday, as in the Get Conversions Report example.
		assertJSON(t, field(t, items[0], "date_range"), `{"from":"2023-01-16 00:00:00","to":"2023-01-22 23:59:59"}`)
		assertJSON(t, field(t, items[3], "date_range"), `{"from":"2023-02-06 00:00:00","to":"2023-02-12 23:59:59"}`)
		metric := field(t, h.pok(200, pget("/v2/partners/affiliates/metrics/"+kind+"?"+rng)), "value").(float64)
		if !near(sum(week), metric) || metric <= 0 {
			t.Fatalf("%s: report %v, metric %v", kind, sum(week), metric)
		}
	}
	// The disabled campaign stops producing after it was disabled.
	if v := field(t, h.pok(200, pget("/v2/partners/affiliates/metrics/clicks?date_from=2023-01-21T00:00:00Z&date_to=2023-01-31T00:00:00Z&product=chatbot")), "value"); v != 0.0 {
		t.Fatalf("disabled campaign clicks %v", v)
	}
	// Campaign metrics and reports.
	cq := "date_from=2023-01-01&date_to=2023-01-31"
	total := field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/1/metrics/earnings?"+cq)), "value").(float64)
	monthly := field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/1/metrics/earnings?"+cq+"&billing_cycle=monthly")), "value").(float64)
	annual := sum(h.pok(200, pget("/v2/partners/affiliates/campaigns/1/reports/earnings?"+cq+"&billing_cycle=annual&aggregation=day")))
	if !near(monthly+annual, total) || annual <= 0 || monthly <= 0 {
		t.Fatalf("earnings %v = %v + %v?", total, monthly, annual)
	}
	summary := h.pok(200, pget("/v2/partners/affiliates/campaigns/2/summary"))
	if field(t, summary, "click").(float64) <= 0 || field(t, summary, "earnings").(float64) < 0 {
		t.Fatalf("summary %v", summary)
	}
	h.pfail(404, "Campaign 9 not found", pget("/v2/partners/affiliates/campaigns/9/summary"))
	// Best performing campaigns: ranked, limited, and the metric sums the ranked ones.
	bq := "date_from=2023-01-01T00:00:00Z&date_to=2023-01-31T23:59:59Z"
	best := field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/best-performing/reports/clicks?limit=2&"+bq)), "items").([]any)
	if len(best) != 2 || field(t, best[0], "value").(float64) < field(t, best[1], "value").(float64) {
		t.Fatalf("best %v", best)
	}
	bm := field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/best-performing/metrics/clicks?limit=2&"+bq)), "value").(float64)
	if !near(bm, field(t, best[0], "value").(float64)+field(t, best[1], "value").(float64)) {
		t.Fatalf("best metric %v vs %v", bm, best)
	}
	if n := len(field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns/best-performing/reports/earnings")), "items").([]any)); n != 3 {
		t.Fatalf("earnings report defaults: %d items", n)
	}
	// Licenses, performance, referred partners, links, summary.
	lic := field(t, h.pok(200, pget("/v2/partners/affiliates/licenses?date_from=2023-01-21&date_to=2023-01-21")), "result").([]any)
	trials := field(t, h.pok(200, pget("/v2/partners/affiliates/metrics/trials?"+q)), "value").(float64)
	if float64(len(lic)) != trials || trials == 0 {
		t.Fatalf("%d licenses, %v trials", len(lic), trials)
	}
	perf := field(t, h.pok(200, pget("/v2/partners/affiliates/performance?date_from=2023-01-21&date_to=2023-01-21")), "result").([]any)
	if len(perf) != 2 || field(t, perf[0], "clicks") != clicks || field(t, perf[1], "product") != "partner_program" || field(t, perf[1], "trials") != 0.0 {
		t.Fatalf("performance %v", perf)
	}
	if ref := field(t, h.pok(200, pget("/v2/partners/affiliates/partners-referred")), "result").([]any); len(ref) == 0 {
		t.Fatal("no referred partners")
	}
	links := h.pok(200, pget("/v2/partners/affiliates/links"))
	if field(t, field(t, links, "livechat"), "url") != "https://www.livechat.com/?a=emulator-partner&utm_source=PP" {
		t.Fatalf("links %v", links)
	}
	sm := h.pok(200, pget("/v2/partners/affiliates/summary"))
	if field(t, sm, "paid").(float64) == 0 || field(t, sm, "expired").(float64) == 0 {
		t.Fatalf("summary %v", sm)
	}
	errs := []struct{ path, msg string }{
		{"/v2/partners/affiliates/metrics/trials?date_from=2023-01-01T00:00:00Z", "`date_to` is required"},
		{"/v2/partners/affiliates/metrics/trials?" + q + "&product=livechat", "`product` is not a supported parameter"},
		{"/v2/partners/affiliates/metrics/clicks?" + q + "&product=all", "`product` must be one of: livechat, chatbot, helpdesk"},
		{"/v2/partners/affiliates/reports/clicks?date_from=2022-01-01T00:00:00Z&date_to=2023-02-01T00:00:00Z&aggregation=month", "up to 12 months"},
		{"/v2/partners/affiliates/reports/clicks?" + q + "&aggregation=month&product=partner_program", "`product` must be one of"},
		{"/v2/partners/affiliates/campaigns/1/metrics/earnings?" + q, "`date_from` must be a date in the format YYYY-MM-DD"},
		{"/v2/partners/affiliates/campaigns/1/metrics/earnings?" + cq + "&billing_cycle=weekly", "`billing_cycle` must be one of: monthly, annual"},
		{"/v2/partners/affiliates/campaigns/1/reports/earnings?" + cq + "&aggregation=day", "`billing_cycle` is required"},
		{"/v2/partners/affiliates/campaigns/best-performing/reports/clicks?" + bq, "`limit` is required"},
		{"/v2/partners/affiliates/campaigns/best-performing/metrics/trials?limit=0&" + bq, "`limit` must be 1 or more"},
		{"/v2/partners/affiliates/licenses?date_from=2023-01-01T00:00:00Z", "YYYY-MM-DD"},
	}
	for _, e := range errs {
		h.pfail(400, e.msg, pget(e.path))
	}
}
