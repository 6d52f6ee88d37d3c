package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPartnerAuthentication(t *testing.T) {
	h := newHarness(t, withPartner)
	h.pfail(401, "Authentication error", preq{method: "GET", path: "/v2/partners", token: "-"})
	h.pfail(401, "Authentication error", preq{method: "GET", path: "/v2/partners", token: "wrong"})
	// The license API's access token is no partner token.
	h.pfail(401, "Authentication error", preq{method: "GET", path: "/v2/partners", token: testToken})
	// Tokens made with Create API Token authenticate until revoked.
	tok := h.pok(200, preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "CI token")})
	secret := field(t, tok, "token").(string)
	h.pok(200, preq{method: "GET", path: "/v2/partners", token: secret})
	h.pok(204, preq{method: "DELETE", path: "/v2/partners/tokens/1"})
	h.pfail(401, "Authentication error", preq{method: "GET", path: "/v2/partners", token: secret})
}

func TestPartnerRouting(t *testing.T) {
	h := newHarness(t, withPartner)
	h.pfail(404, "No API at /v2/partners/nothing", pget("/v2/partners/nothing"))
	code, out, _ := h.partner(preq{method: "PATCH", path: "/v2/partners/billing"})
	if code != http.StatusMethodNotAllowed || !strings.Contains(errorOf(t, out)["message"].(string), "GET or PUT") {
		t.Fatalf("PATCH billing: %d %v", code, out)
	}
	assertJSON(t, h.pok(200, pget("/v2/partners/status")), `{"status":"ok"}`)
	// Unknown query parameters are refused, the "&&" of the Search Campaigns example is not.
	h.pfail(400, "`foo` is not a supported parameter", pget("/v2/partners/coupons?foo=1"))
}

func TestPartnerProfile(t *testing.T) {
	h := newHarness(t, withPartner)
	assertJSON(t, h.pok(200, pget("/v2/partners")), `{"partner_id":"emulator-partner","login":"partner@example.com",
	 "first_name":"","last_name":"","contact_name":"","contact_email":"","solution_status":"accepted",
	 "properties":{"sales_kit_popup_closed":false,"pitch_deck_downloaded":false,"tier2_popup_closed":false,"payment_origin_popup_closed":false}}`)
	if out := h.pok(204, preq{method: "PUT", path: "/v2/partners/profile",
		json: `{"first_name":"Joe","last_name":"Doe","contact_name":"Jane Doe","contact_email":"jane@email.com","send_newsletter":true}`}); out != nil {
		t.Fatalf("204 with a body: %v", out)
	}
	got := h.pok(200, pget("/v2/partners"))
	if field(t, got, "first_name") != "Joe" || field(t, got, "contact_email") != "jane@email.com" {
		t.Fatalf("profile %v", got)
	}
	if p := h.s.PartnerProfile(); !p.SendNewsletter || p.SendNotifications {
		t.Fatalf("opt-ins %+v", p)
	}
	cases := []struct{ body, status, msg string }{
		{`{"last_name":"Doe","contact_name":"J","contact_email":"j@x.com"}`, "400", "`first_name` is required"},
		{`{"first_name":"J","last_name":"Doe","contact_name":"J","contact_email":"nope"}`, "400", "`contact_email` must be an e-mail address"},
		{`{"first_name":"J","last_name":"D","contact_name":"J","contact_email":"j@x.com","send_newsletter":"yes"}`, "400", "`send_newsletter` must be a boolean"},
		{`{"first_name":"J","last_name":"D","contact_name":"J","contact_email":"j@x.com","login":"x"}`, "400", "`login` is not a supported parameter"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, preq{method: "PUT", path: "/v2/partners/profile", json: c.body})
	}
	// The documented encoding is JSON.
	h.pfail(400, "application/json", preq{method: "PUT", path: "/v2/partners/profile", form: formOf("first_name", "J")})
}

func TestPartnerBilling(t *testing.T) {
	h := newHarness(t, withPartner)
	assertJSON(t, h.pok(200, pget("/v2/partners/billing")),
		`{"company":"","vat":"","address":"","city":"","zip_code":"","country":"","paypal":"","type":""}`)
	h.pok(204, preq{method: "PUT", path: "/v2/partners/billing", json: `{"type":"business","company":"Awesome Company",
	 "address":"Wall Street 123","city":"New York","country":"US","paypal":"paypal@email.com","zip_code":"10005","vat":"123","state":"NY"}`})
	assertJSON(t, h.pok(200, pget("/v2/partners/billing")), `{"company":"Awesome Company","vat":"123","address":"Wall Street 123",
	 "city":"New York","zip_code":"10005","country":"US","paypal":"paypal@email.com","type":"business","state":"NY"}`)
	// PUT replaces: optional fields left out are cleared.
	h.pok(204, preq{method: "PUT", path: "/v2/partners/billing", json: `{"type":"individual","company":"Jane Doe",
	 "address":"Main St 1","city":"Berlin","country":"DE","paypal":"jane@example.com"}`})
	if b := h.s.PartnerBilling(); b.VAT != "" || b.State != "" || b.Type != "individual" {
		t.Fatalf("billing %+v", b)
	}
	valid := `"company":"C","address":"A","city":"C","country":"US","paypal":"p@x.com"`
	cases := []struct{ body, msg string }{
		{`{` + valid + `}`, "`type` is required"},
		{`{"type":"corp",` + valid + `}`, "`type` must be one of: business, individual"},
		{`{"type":"business","company":"C","address":"A","city":"C","country":"usa","paypal":"p@x.com"}`, "`country` must be a two-letter"},
		{`{"type":"business","company":"C","address":"A","city":"C","country":"US","paypal":"paypal"}`, "`paypal` must be an e-mail"},
		{`{"type":"business","company":"C","address":"A","city":"C","country":"US"}`, "`paypal` is required"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, preq{method: "PUT", path: "/v2/partners/billing", json: c.body})
	}
}

func TestPartnerAPITokens(t *testing.T) {
	h := newHarness(t, withPartner)
	first := h.pok(200, preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "My first API token")})
	if field(t, first, "id") != 1.0 || field(t, first, "label") != "My first API token" ||
		field(t, first, "creation_timestamp") != "2024-05-06 07:08:09" || len(field(t, first, "token").(string)) < 20 {
		t.Fatalf("token %v", first)
	}
	h.clock.Advance(time.Hour)
	h.pok(200, preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "Token for my service")})
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/tokens")), "result"), "id"), `[2,1]`)
	h.pfail(400, "`label` must have at least 3 characters", preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "ab")})
	h.pfail(400, "`label` is required", preq{method: "POST", path: "/v2/partners/tokens", form: formOf()})
	h.pfail(400, "application/x-www-form-urlencoded", preq{method: "POST", path: "/v2/partners/tokens", json: `{"label":"abc"}`})
	h.pok(204, preq{method: "DELETE", path: "/v2/partners/tokens/1"})
	h.pfail(404, "API token 1 not found", preq{method: "DELETE", path: "/v2/partners/tokens/1"})
	h.pfail(404, "API token x not found", preq{method: "DELETE", path: "/v2/partners/tokens/x"})
	if _, ok := h.s.PartnerAPIToken(1); ok {
		t.Fatal("revoked token still stored")
	}
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/tokens")), "result"), "id"), `[2]`)
}

func TestPartnerCouponsStatsEarnings(t *testing.T) {
	h := newHarness(t, withPartner)
	assertJSON(t, h.pok(200, pget("/v2/partners/coupons")), `{"result":[{"id":1,"label":"30% off first payment"},{"id":2,"label":"$25 discount"}]}`)
	// A fresh partner has nothing.
	stats := h.pok(200, pget("/v2/partners/stats"))
	assertJSON(t, field(t, field(t, stats, "solution"), "livechat"), `{"trials":0,"trials_cc":0,"paid":0}`)
	assertJSON(t, field(t, field(t, stats, "affiliate"), "partner_program"), `{"trials":0,"trials_cc":0,"paid":0,"partners_referred":0}`)
	assertJSON(t, h.pok(200, pget("/v2/partners/balance")), `{"pending":0,"withdrawn":0,"available":0,"total":"0.00"}`)
	earn := h.pok(200, pget("/v2/partners/earnings"))
	if field(t, earn, "commission_total") != 0.0 || field(t, field(t, field(t, earn, "solution"), "chatbot"), "discount") != 0.0 {
		t.Fatalf("earnings %v", earn)
	}
	// A campaign created 60 days ago has earned; the last 30 days are pending.
	h.clock.Advance(-60 * 24 * time.Hour)
	h.pok(200, preq{method: "POST", path: "/v2/partners/affiliates/campaigns?product=livechat",
		form: formOf("name", "Old campaign", "link", "https://www.livechat.com/", "trial_duration", "14")})
	h.clock.Advance(60 * 24 * time.Hour)
	earn = h.pok(200, pget("/v2/partners/earnings"))
	bal := h.pok(200, pget("/v2/partners/balance"))
	total := field(t, earn, "commission_total").(float64)
	if total <= 0 || field(t, field(t, earn, "affiliate"), "commission_total") != total {
		t.Fatalf("earnings %v", earn)
	}
	if field(t, bal, "pending") != field(t, earn, "pending") || field(t, bal, "available") != field(t, earn, "balance") {
		t.Fatalf("balance %v vs earnings %v", bal, earn)
	}
	if s := field(t, field(t, h.pok(200, pget("/v2/partners/stats")), "affiliate"), "livechat").(map[string]any); s["paid"].(float64) == 0 {
		t.Fatalf("stats %v", s)
	}
}

func TestPartnerWithdrawals(t *testing.T) {
	h := newHarness(t, withPartner)
	h.pfail(409, "Set the billing information", preq{method: "POST", path: "/v2/partners/withdrawals"})
	h.pok(204, preq{method: "PUT", path: "/v2/partners/billing", json: `{"type":"business","company":"C","address":"A","city":"C","country":"US","paypal":"joe@doe.com"}`})
	h.pfail(409, "no available balance", preq{method: "POST", path: "/v2/partners/withdrawals"})
	h.clock.Advance(-90 * 24 * time.Hour)
	h.pok(200, preq{method: "POST", path: "/v2/partners/affiliates/campaigns?product=chatbot",
		form: formOf("name", "Bot campaign", "link", "https://www.chatbot.com/", "trial_duration", "14")})
	h.clock.Advance(90 * 24 * time.Hour)
	avail := field(t, h.pok(200, pget("/v2/partners/balance")), "available").(float64)
	w := h.pok(200, preq{method: "POST", path: "/v2/partners/withdrawals"})
	if field(t, w, "amount") != avail || field(t, w, "status") != "pending" || field(t, w, "paypal") != "joe@doe.com" ||
		field(t, w, "invoice_id") != "2024/1/emulator-partner" || field(t, w, "action_timestamp") != "" {
		t.Fatalf("withdrawal %v (available %v)", w, avail)
	}
	bal := h.pok(200, pget("/v2/partners/balance"))
	if field(t, bal, "available") != 0.0 || field(t, bal, "withdrawn") != avail {
		t.Fatalf("balance after withdrawal %v", bal)
	}
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/withdrawals?date_from=2024-05-06&date_to=2024-05-06")), "result"), "withdrawal_id"), `[1]`)
	assertJSON(t, h.pok(200, pget("/v2/partners/withdrawals?date_from=2024-05-07")), `{"result":[]}`)
	h.pfail(400, "`date_from` must be a date in the format YYYY-MM-DD", pget("/v2/partners/withdrawals?date_from=2024-05-07T00:00:00Z"))
	h.pfail(400, "`date_from` must not be after `date_to`", pget("/v2/partners/withdrawals?date_from=2024-05-07&date_to=2024-05-01"))
}

func TestPartnerCommissionReportAndMetric(t *testing.T) {
	h := newHarness(t, withPartner)
	fixture := `{"partner":{"campaigns":[
	  {"id":1,"product":"livechat","name":"Newsletter","creation_timestamp":"2023-01-01 00:00:00","active":true,"link":"https://www.livechat.com/"},
	  {"id":2,"product":"partner_program","name":"Ad campaign","creation_timestamp":"2023-01-01 00:00:00","active":true,"link":"https://partners.livechat.com/"}]}}`
	if err := h.s.LoadFixture([]byte(fixture)); err != nil {
		t.Fatal(err)
	}
	q := "date_from=2022-12-15T00:00:00Z&date_to=2023-02-14T23:59:59Z"
	month := h.pok(200, pget("/v2/partners/reports/commission?"+q+"&aggregation=month"))
	items := field(t, month, "items").([]any)
	if len(items) != 3 {
		t.Fatalf("items %v", items)
	}
	assertJSON(t, field(t, items[0], "date_range"), `{"from":"2022-12-01 00:00:00","to":"2022-12-31 23:59:59"}`)
	assertJSON(t, field(t, items[2], "date_range"), `{"from":"2023-02-01 00:00:00","to":"2023-02-28 23:59:59"}`)
	if field(t, items[0], "total") != 0.0 {
		t.Fatalf("December has no campaign: %v", items[0])
	}
	sum := func(rep any) float64 {
		s := 0.0
		for _, it := range field(t, rep, "items").([]any) {
			s += field(t, it, "total").(float64)
		}
		return s
	}
	metric := field(t, h.pok(200, pget("/v2/partners/metrics/commission?"+q)), "value").(float64)
	day := h.pok(200, pget("/v2/partners/reports/commission?"+q+"&aggregation=day"))
	if len(field(t, day, "items").([]any)) != 62 || !near(sum(day), metric) || !near(sum(month), metric) || metric <= 0 {
		t.Fatalf("day sum %v, month sum %v, metric %v", sum(day), sum(month), metric)
	}
	// Filters and product/program narrow it; livechat and partner_program add up to everything.
	f := `&filters=%5B%7B%22field%22%3A%22product%22%2C%22value%22%3A%22livechat%22%2C%22operator%22%3A%22equals%22%7D%5D`
	lc := sum(h.pok(200, pget("/v2/partners/reports/commission?"+q+"&aggregation=month"+f)))
	pp := field(t, h.pok(200, pget("/v2/partners/metrics/commission?"+q+"&product=all&program=affiliate")), "value").(float64)
	lcm := field(t, h.pok(200, pget("/v2/partners/metrics/commission?"+q+"&product=livechat")), "value").(float64)
	if !near(lc, lcm) || !near(pp, metric) || lc <= 0 || lc >= metric {
		t.Fatalf("livechat %v / %v, affiliate %v, all %v", lc, lcm, pp, metric)
	}
	if v := field(t, h.pok(200, pget("/v2/partners/metrics/commission?"+q+"&program=solution")), "value"); v != 0.0 {
		t.Fatalf("solution commission %v", v)
	}
	// Referred partners' commission.
	ref := sum(h.pok(200, pget("/v2/partners/partners-referred/reports/commission?"+q+"&aggregation=week")))
	refm := field(t, h.pok(200, pget("/v2/partners/partners-referred/metrics/commission?"+q)), "value").(float64)
	if !near(ref, refm) || ref <= 0 {
		t.Fatalf("referred %v vs %v", ref, refm)
	}
	errs := []struct{ path, msg string }{
		{"/v2/partners/reports/commission?date_from=2023-01-01T00:00:00Z&aggregation=day", "`date_to` is required"},
		{"/v2/partners/reports/commission?" + q, "`aggregation` is required"},
		{"/v2/partners/reports/commission?" + q + "&aggregation=year", "`aggregation` must be one of: day, week, month"},
		{"/v2/partners/reports/commission?date_from=2023-01-01&date_to=2023-01-02&aggregation=day", "`date_from` must be a date in the format YYYY-MM-DDTHH:mm:ssZ"},
		{"/v2/partners/reports/commission?" + q + "&aggregation=day&filters=nope", "`filters` must be a JSON array"},
		{"/v2/partners/reports/commission?" + q + "&aggregation=day&filters=%5B%7B%22field%22%3A%22x%22%2C%22value%22%3A%22y%22%2C%22operator%22%3A%22equals%22%7D%5D", "`filters[0].field` must be one of"},
		{"/v2/partners/metrics/commission?product=intercom", "`product` must be one of"},
		{"/v2/partners/metrics/commission?program=reseller", "`program` must be one of"},
		{"/v2/partners/partners-referred/reports/commission?" + q + "&aggregation=day&program=x", "`program` must be one of"},
		{"/v2/partners/partners-referred/metrics/commission?product=x", "`product` must be one of"},
	}
	for _, e := range errs {
		h.pfail(400, e.msg, pget(e.path))
	}
}

func near(a, b float64) bool { d := a - b; return d < 0.005 && d > -0.005 }
