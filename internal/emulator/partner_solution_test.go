package emulator

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const acmeOrg = `{"organization_name":"ACME Inc.","client_name":"John Doe","client_email":"john@example.com","data_center":"eu-west3","identifier":"acme-1"}`

func createLicenseReq(org, product, body string) preq {
	return preq{method: "POST", path: "/v2/partners/solutions/organizations/" + org + "/licenses?product=" + product, json: body}
}

const johnLicense = `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"partner","trial_duration":14}`

func TestPartnerOrganizationAndLicense(t *testing.T) {
	h := newHarness(t, withPartner)
	org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg}), "id").(string)
	if len(org) != 36 {
		t.Fatalf("organization id %q is no UUID", org)
	}
	h.pfail(409, "identifier acme-1 already exists", preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg})
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/organizations/"+org)),
		`{"organization_id":"`+org+`","name":"ACME Inc.","data_center":"eu-west3","products":[],"created_at":"2024-05-06T07:08:09Z"}`)

	lic := h.pok(200, createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"partner","trial_duration":14,"purchase_order":"PO-1","coupon_id":3}`))
	id := field(t, lic, "license").(string)
	assertJSON(t, lic, `{"license":"`+id+`","product":"livechat","creation_timestamp":"2024-05-06 07:08:09","end_timestamp":"2024-05-20 07:08:09",
	 "client_name":"John Doe","client_email":"john@example.com","cc_added":false,"paid":false,"payment_origin":"partner","status":"trial"}`)
	h.pfail(409, "already has a livechat license", createLicenseReq(org, "livechat", johnLicense))
	hd := field(t, h.pok(200, createLicenseReq(org, "helpdesk", johnLicense)), "license").(string)
	if !strings.HasPrefix(hd, "HD-") {
		t.Fatalf("helpdesk license id %q", hd)
	}
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/solutions/organizations/"+org)), "products"), `[{"product":"HelpDesk"},{"product":"LiveChat"}]`)
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/organizations/"+org+"/licenses")), `{"total":1,"limit":15,"results":[{
	 "organization_id":"`+org+`","organization_name":"ACME Inc.","client_name":"John Doe","client_email":"john@example.com","arr":0,
	 "licenses":[{"external_license_id":"`+id+`","product":"livechat"},{"external_license_id":"`+hd+`","product":"helpdesk"}]}]}`)

	details := h.pok(200, pget("/v2/partners/solutions/licenses/livechat/"+id))
	assertJSON(t, details, `{"license":"`+id+`","client_name":"John Doe","client_email":"john@example.com","purchase_order":"PO-1",
	 "payment_origin":"partner","creation_timestamp":"2024-05-06 07:08:09","end_timestamp":"2024-05-20 07:08:09","conversations":0,
	 "conversations_last_30_days":0,"cc_added":false,"paid":false,"ql":false,"seats":0,"plan":"","billing_cycle":"",
	 "total_discount":0,"discount_percent":20,"total_commission":0,"commission_percent":0,"data_center":"fra","status":"trial","invited_agents":[]}`)
	h.pfail(404, "License chatbot/"+id+" not found", pget("/v2/partners/solutions/licenses/chatbot/"+id))
	h.pfail(400, "`product` must be one of", pget("/v2/partners/solutions/licenses/intercom/"+id))

	// Update License Details is form-encoded; purchase_order left out is cleared.
	h.pok(204, preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id, form: formOf("client_name", "Jane Doe")})
	if l, _ := h.s.SolutionLicense(id); l.ClientName != "Jane Doe" || l.PurchaseOrder != "" {
		t.Fatalf("license %+v", l)
	}
	h.pfail(400, "`client_name` must have at least 5 characters", preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id, form: formOf("client_name", "Jo")})
	h.pfail(400, "application/x-www-form-urlencoded", preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id, json: `{"client_name":"Jane Doe"}`})

	// Operators: per-operator status codes.
	res := h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/licenses/livechat/" + id + "/operators",
		json: `{"operators":[{"email":"joe@example.com","role":"agent"},{"email":"jane@example.com","role":"viewer"},{"email":"joe@example.com","role":"administrator"}]}`})
	assertJSON(t, res, `{"result":[{"operator":"joe@example.com","status_code":200},{"operator":"jane@example.com","status_code":400},{"operator":"joe@example.com","status_code":409}]}`)
	h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/licenses/helpdesk/" + hd + "/operators", json: `{"operators":[{"email":"v@example.com","role":"viewer"}]}`})
	assertJSON(t, field(t, h.pok(200, pget("/v2/partners/solutions/licenses/livechat/"+id)), "invited_agents"), `[{"email":"joe@example.com"}]`)
	h.pfail(400, "`product` must be one of: livechat, helpdesk", preq{method: "POST", path: "/v2/partners/solutions/licenses/chatbot/x/operators", json: `{"operators":[]}`})
	h.pfail(400, "`operators` must list at least one user", preq{method: "POST", path: "/v2/partners/solutions/licenses/livechat/" + id + "/operators", json: `{"operators":[]}`})
	h.pfail(400, "`operators[0].role` is required", preq{method: "POST", path: "/v2/partners/solutions/licenses/livechat/" + id + "/operators", json: `{"operators":[{"email":"a@b.c"}]}`})

	// Transfer to an operator.
	h.pfail(400, "`new_owner` must be one of the license's operators", preq{method: "POST", path: "/v2/partners/solutions/licenses/helpdesk/" + hd + "/transfer", form: formOf("new_owner", "x@example.com")})
	tr := h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/licenses/helpdesk/" + hd + "/transfer", form: formOf("new_owner", "v@example.com")})
	if field(t, tr, "payment_origin") != "client" || field(t, tr, "recurrent") != false || field(t, tr, "expired") != false {
		t.Fatalf("transfer %v", tr)
	}
}

func TestPartnerLicenseErrors(t *testing.T) {
	h := newHarness(t, withPartner)
	org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg}), "id").(string)
	cases := []struct {
		req preq
		msg string
	}{
		{preq{method: "POST", path: "/v2/partners/solutions/organizations", json: `{"organization_name":"A","client_name":"B"}`}, "`client_email` is required"},
		{preq{method: "POST", path: "/v2/partners/solutions/organizations", json: `{"organization_name":"A","client_name":"B","client_email":"c@d.e","data_center":"us-east1"}`}, "`data_center` must be one of: us-south1, eu-west3"},
		{createLicenseReq(org, "livechat", `{"client_name":"John","client_email":"john@example.com","payment_origin":"partner","trial_duration":14}`), "`client_name` must have at least 5 characters"},
		{createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"other@example.com","payment_origin":"partner","trial_duration":14}`), "must match the organization owner's e-mail (john@example.com)"},
		{createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"reseller","trial_duration":14}`), "`payment_origin` must be one of: client, partner"},
		{createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"client","trial_duration":31}`), "`trial_duration` must be between 14 and 30"},
		{createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"client"}`), "`trial_duration` is required"},
		{createLicenseReq(org, "desk", johnLicense), "`product` must be one of: livechat, chatbot, helpdesk"},
		{preq{method: "POST", path: "/v2/partners/solutions/organizations/" + org + "/licenses", json: johnLicense}, "`product` is required"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, c.req)
	}
	h.pfail(404, "Organization nope not found", createLicenseReq("nope", "livechat", johnLicense))
	h.pfail(404, "Organization nope not found", pget("/v2/partners/solutions/organizations/nope"))
	h.pfail(404, "Organization nope not found", pget("/v2/partners/solutions/organizations/nope/licenses"))
	h.pfail(404, "License livechat/1 not found", pget("/v2/partners/solutions/licenses/livechat/1"))
}

// A license in an organization created a moment ago fails with 404 until the organization has
// propagated; the license itself is then invisible to reads for one delay.
func TestPartnerLicensePropagation(t *testing.T) {
	h := newHarness(t, withPartner, withDelay)
	org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg}), "id").(string)
	h.pfail(404, "Organization "+org+" not found", pget("/v2/partners/solutions/organizations/"+org))
	h.pfail(404, "Organization "+org+" not found", createLicenseReq(org, "livechat", johnLicense))
	h.clock.Advance(delay)
	id := field(t, h.pok(200, createLicenseReq(org, "livechat", johnLicense)), "license").(string)
	h.pfail(404, "not found", pget("/v2/partners/solutions/licenses/livechat/"+id))
	// Writes to the license itself act on the authoritative state at once.
	h.pok(204, preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id, form: formOf("client_name", "Johnny Doe")})
	h.clock.Advance(delay)
	if got := field(t, h.pok(200, pget("/v2/partners/solutions/licenses/livechat/"+id)), "client_name"); got != "Johnny Doe" {
		t.Fatalf("client_name %v", got)
	}
}

func TestPartnerSubscription(t *testing.T) {
	h := newHarness(t, withPartner)
	org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg}), "id").(string)
	id := field(t, h.pok(200, createLicenseReq(org, "livechat", `{"client_name":"John Doe","client_email":"john@example.com","payment_origin":"client","trial_duration":14}`)), "license").(string)
	sub := "/v2/partners/solutions/licenses/livechat/" + id + "/subscription"
	h.pfail(409, "no active subscription", preq{method: "PUT", path: sub, json: `{"plan":"team","billing_cycle":"monthly","seats":5}`})
	cases := []struct{ body, msg string }{
		{`{"plan":"team","billing_cycle":"monthly","seats":5}`, "`token` is required"},
		{`{"token":"tok","plan":"pro","billing_cycle":"monthly","seats":5}`, "`plan` must be one of: starter, team, business"},
		{`{"token":"tok","plan":"team","billing_cycle":"weekly","seats":5}`, "`billing_cycle` must be one of: monthly, annual"},
		{`{"token":"tok","plan":"team","billing_cycle":"monthly","seats":0}`, "`seats` must be 1 or more"},
		{`{"token":"tok","plan":"team","billing_cycle":"monthly"}`, "`seats` is required"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, preq{method: "POST", path: sub, json: c.body})
	}
	if out := h.pok(201, preq{method: "POST", path: sub, json: `{"token":"C12ibIjbXbqSAhKjxQWERTY","plan":"team","billing_cycle":"monthly","seats":5}`}); out != nil {
		t.Fatalf("201 with body %v", out)
	}
	h.pfail(409, "already has a subscription", preq{method: "POST", path: sub, json: `{"token":"t","plan":"team","billing_cycle":"monthly","seats":5}`})
	d := h.pok(200, pget("/v2/partners/solutions/licenses/livechat/"+id))
	if field(t, d, "status") != "paid" || field(t, d, "paid") != true || field(t, d, "cc_added") != true || field(t, d, "seats") != 5.0 ||
		field(t, d, "plan") != "team" || field(t, d, "end_timestamp") != "2024-06-06 07:08:09" {
		t.Fatalf("details %v", d)
	}
	h.pok(204, preq{method: "PUT", path: sub, json: `{"plan":"business","billing_cycle":"annual","seats":10}`})
	inv := field(t, h.pok(200, pget("/v2/partners/solutions/licenses/"+id+"/invoices")), "result").([]any)
	assertJSON(t, inv, `[{"invoice_no":2,"date":"2024-05-06 07:08:09","plan":"business","seats":10,"billing_cycle":"annual","amount":5900,"status":"paid"},
	 {"invoice_no":1,"date":"2024-05-06 07:08:09","plan":"team","seats":5,"billing_cycle":"monthly","amount":205,"status":"paid"}]`)
	code, _, body := h.partner(pget("/v2/partners/solutions/licenses/" + id + "/invoices/1"))
	if code != 200 || !bytes.HasPrefix(body.Bytes(), []byte("%PDF-1.4")) {
		t.Fatalf("invoice PDF: %d %q", code, body.String()[:20])
	}
	h.pfail(404, "Invoice 9 not found", pget("/v2/partners/solutions/licenses/"+id+"/invoices/9"))
	// The client pays: 20% commission of the invoices.
	if c := field(t, h.pok(200, pget("/v2/partners/solutions/licenses/livechat/"+id)), "total_commission"); c != 1221.0 {
		t.Fatalf("total_commission %v", c)
	}
	h.pok(204, preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id + "/billing", json: `{"token":"new-token"}`})
	h.pfail(400, "`token` is required", preq{method: "PUT", path: "/v2/partners/solutions/licenses/livechat/" + id + "/billing", json: `{}`})

	// Close: the password is checked; expire=false keeps the license paid to the end of the cycle.
	h.pfail(403, "password is wrong", preq{method: http.MethodDelete, path: sub, json: `{"password":"guess"}`})
	h.pfail(400, "`password` is required", preq{method: http.MethodDelete, path: sub, json: `{"expire":true}`})
	h.pok(204, preq{method: http.MethodDelete, path: sub, json: `{"password":"` + DefaultPartnerPassword + `","expire":false}`})
	if st, _ := h.s.SolutionLicenseStatus(id); st != "paid" {
		t.Fatalf("status after close %q", st)
	}
	h.pfail(409, "no active subscription", preq{method: http.MethodDelete, path: sub, json: `{"password":"` + DefaultPartnerPassword + `"}`})
	h.pok(201, preq{method: "POST", path: sub, json: `{"token":"t","plan":"starter","billing_cycle":"monthly","seats":1}`})
	h.pok(204, preq{method: http.MethodDelete, path: sub, json: `{"password":"` + DefaultPartnerPassword + `","expire":true}`})
	if st, _ := h.s.SolutionLicenseStatus(id); st != "expired" {
		t.Fatalf("status after close with expire %q", st)
	}
}

func TestPartnerSolutionLists(t *testing.T) {
	h := newHarness(t, withPartner)
	var ids []string
	for i := 0; i < 4; i++ {
		org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations",
			json: `{"organization_name":"Org","client_name":"Client Name","client_email":"c@example.com"}`}), "id").(string)
		ids = append(ids, field(t, h.pok(200, createLicenseReq(org, "chatbot", `{"client_name":"Client Name","client_email":"c@example.com","payment_origin":"client","trial_duration":14}`)), "license").(string))
		h.clock.Advance(time.Hour)
	}
	all := field(t, h.pok(200, pget("/v2/partners/solutions/licenses")), "result").([]any)
	if len(all) != 4 || field(t, all[0], "status") != "trial" {
		t.Fatalf("licenses %v", all)
	}
	if n := len(field(t, h.pok(200, pget("/v2/partners/solutions/licenses?date_from=2024-05-06T08:00:00Z")), "result").([]any)); n != 3 {
		t.Fatalf("from 08:00: %d", n)
	}
	// By status, paginated with next_cursor; both date formats are accepted.
	page := h.pok(200, pget("/v2/partners/solutions/licenses/trial?date_from=2024-05-01&date_to=2024-05-31&limit=3"))
	if len(field(t, page, "results").([]any)) != 3 || field(t, page, "next_cursor") == "" {
		t.Fatalf("page 1 %v", page)
	}
	page2 := h.pok(200, pget("/v2/partners/solutions/licenses/trial?date_from=2024-05-01T00:00:00Z&date_to=2024-05-31T00:00:00Z&limit=3&next_cursor="+url.QueryEscape(field(t, page, "next_cursor").(string))))
	assertJSON(t, ids2(t, page2), `["`+ids[3]+`"]`)
	if field(t, page2, "next_cursor") != "" {
		t.Fatalf("last page %v", page2)
	}
	h.pfail(400, "`limit` must be between 1 and 15", pget("/v2/partners/solutions/licenses/trial?date_from=2024-05-01&date_to=2024-05-31&limit=16"))
	h.pfail(400, "`next_cursor` is not a cursor", pget("/v2/partners/solutions/licenses/trial?date_from=2024-05-01&date_to=2024-05-31&next_cursor=zzz"))
	h.pfail(400, "`status` must be one of: paid, trial, expired", pget("/v2/partners/solutions/licenses/active?date_from=2024-05-01&date_to=2024-05-31"))
	h.pfail(400, "`date_from` is required", pget("/v2/partners/solutions/licenses/paid"))

	// Metrics, report, summary, CSV after the trials end.
	h.clock.Advance(15 * 24 * time.Hour)
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/licenses/count?date_from=2024-05-01&date_to=2024-05-31")), `{"trials":0,"paid":0,"expired":4}`)
	rep := h.pok(200, pget("/v2/partners/solutions/reports/license?date_from=2024-05-01T00:00:00Z&date_to=2024-05-31T23:59:59Z&aggregation=month&license_status=expired"))
	assertJSON(t, rep, `{"items":[{"date_range":{"from":"2024-05-01 00:00:00","to":"2024-05-31 23:59:59"},"total":4}]}`)
	h.pfail(400, "`license_status` must be one of: trial, paid, expired", pget("/v2/partners/solutions/reports/license?date_from=2024-05-01T00:00:00Z&date_to=2024-05-31T23:59:59Z&aggregation=month&license_status=x"))
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/summary")), `{"trials":"0","paid":"0","expired":"4","commission":"0.00","discount":"0.00"}`)
	_, _, body := h.partner(pget("/v2/partners/solutions/licenses/search/csv?filters=" + url.QueryEscape(`[{"field":"license_product","operator":"equals","value":"ChatBot"},{"field":"credit_card","operator":"exists","value":"no"}]`)))
	lines := strings.Split(strings.TrimSpace(body.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "License ID,Managed by,Status") || !strings.Contains(lines[1], ",client,expired,Client Name,c@example.com,,") {
		t.Fatalf("csv %q", body.String())
	}
	_, _, body = h.partner(pget("/v2/partners/solutions/licenses/search/csv?filters=" + url.QueryEscape(`[{"field":"license_product","operator":"equals","value":"LiveChat"}]`)))
	if n := len(strings.Split(strings.TrimSpace(body.String()), "\n")); n != 1 {
		t.Fatalf("csv filtered to LiveChat has %d lines", n)
	}
	h.pfail(400, "`filters[0].field` must be one of", pget("/v2/partners/solutions/licenses/search/csv?filters="+url.QueryEscape(`[{"field":"x","operator":"equals","value":"y"}]`)))
}

func ids2(t *testing.T, page any) any { return ids(t, field(t, page, "results"), "license_id") }

func TestPartnerLeads(t *testing.T) {
	h := newHarness(t, withPartner)
	lead := `{"partner_name":"John Doe","partner_email":"john@partner.com","company_name":"ACME Inc.","contact_email":"contact@acme.com",
	 "domain":"www.acme.com","first_name":"Jane","last_name":"Smith","accepts_requirements":true,"monetization_type":"flat_fee","region":"US"}`
	assertJSON(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/leads", json: lead}), `{"lead_id":"1"}`)
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/leads")), `{"result":[{"lead_id":"1","company_name":"ACME Inc.","contact_email":"contact@acme.com","status":"new"}]}`)
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/leads/1")), `{"partner_id":"emulator-partner","external_lead_id":"1","status":"new",
	 "fee_amount":0,"company_name":"ACME Inc.","contact_email":"contact@acme.com","domain":"www.acme.com","first_name":"Jane",
	 "last_name":"Smith","region":"US","job_title":"","phone_number":"","description":"","updated_at":"2024-05-06 07:08:09"}`)
	assertJSON(t, h.pok(200, pget("/v2/partners/solutions/leads/1/history")), `{"result":[{"name":"lead_was_created","created_at":"2024-05-06 07:08:09"}]}`)
	h.pfail(404, "Lead 2 not found", pget("/v2/partners/solutions/leads/2"))
	h.pfail(404, "Lead 2 not found", pget("/v2/partners/solutions/leads/2/history"))
	bad := []struct{ body, msg string }{
		{strings.Replace(lead, `"accepts_requirements":true`, `"accepts_requirements":false`, 1), "`accepts_requirements` must be true"},
		{strings.Replace(lead, `"flat_fee"`, `"bounty"`, 1), "`monetization_type` must be one of: flat_fee, rev_share"},
		{strings.Replace(lead, `"contact@acme.com"`, `"acme"`, 1), "`contact_email` must be an e-mail address"},
		{strings.Replace(lead, `"domain":"www.acme.com",`, ``, 1), "`domain` is required"},
		{strings.Replace(lead, `"region":"US"`, `"region":"USA"`, 1), "`region` must be a two-letter country code"},
	}
	for _, b := range bad {
		h.pfail(400, b.msg, preq{method: "POST", path: "/v2/partners/solutions/leads", json: b.body})
	}
}
