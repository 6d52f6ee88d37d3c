package emulator

import (
	"strings"
	"testing"
	"time"
)

const expertBody = `{"company":"ACME","phone":"123456789","description":"Long description goes here",
 "short_description":"Short description","country":"US","website":"https://partners.livechatinc.com",
 "categories":["custom-development"],"industry_ids":[19,22],"projects":["https://example.com"]}`

func TestPartnerExpertProfile(t *testing.T) {
	h := newHarness(t, withPartner)
	h.pfail(404, "Expert profile not found", pget("/v2/partners/experts/profile"))
	h.pfail(404, "Expert profile not found", preq{method: "PUT", path: "/v2/partners/experts/profile", json: expertBody})
	h.pfail(404, "Expert profile not found", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 400, 400), ctype: "image/png"})
	if out := h.pok(201, preq{method: "POST", path: "/v2/partners/experts/profile", json: expertBody}); out != nil {
		t.Fatalf("201 with body %v", out)
	}
	h.pfail(409, "exists already", preq{method: "POST", path: "/v2/partners/experts/profile", json: expertBody})
	assertJSON(t, h.pok(200, pget("/v2/partners/experts/profile")), `{"expert_id":"expert-acme","partner_id":"emulator-partner",
	 "status":"verified","company":"ACME","phone":"123456789","logo":"","description":"Long description goes here",
	 "short_description":"Short description","country":"US","website":"https://partners.livechatinc.com",
	 "categories":["custom-development"],"languages":[],"projects":["https://example.com"],"industry_ids":[19,22]}`)

	outsourcing := `{"company":"ACME Updated","phone":"987654321","description":"Updated long description",
	 "short_description":"Updated short one","country":"PL","website":"https://acme.example","twitter":"https://twitter.com/acme",
	 "categories":["chat-agent-outsourcing","training"],"industry_ids":[19],"projects":[],"agents":"6-15","languages":["EN","PL"],
	 "hour_rate":50,"project_rate":500}`
	h.pok(204, preq{method: "PUT", path: "/v2/partners/experts/profile", json: outsourcing})
	got := h.pok(200, pget("/v2/partners/experts/profile"))
	if field(t, got, "agents") != "6-15" || field(t, got, "hour_rate") != 50.0 || field(t, got, "twitter") != "https://twitter.com/acme" ||
		field(t, got, "expert_id") != "expert-acme" {
		t.Fatalf("updated profile %v", got)
	}

	// The logo: PNG or JPEG, 350 to 1000 px per side, Content-Type matching.
	logo := h.pok(200, preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 400, 400), ctype: "image/png"})
	url := field(t, logo, "result").(string)
	if !strings.HasPrefix(url, "https://cdn.livechat-emulator.invalid/experts/emulator-partner/") || !strings.HasSuffix(url, ".png") {
		t.Fatalf("logo %v", logo)
	}
	if ep, _ := h.s.ExpertProfile(); ep.Logo != url {
		t.Fatalf("profile logo %q", ep.Logo)
	}
	h.pfail(400, "at least 350x350 px", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 349, 400), ctype: "image/png"})
	h.pfail(400, "at most 1000x1000 px", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 400, 1001), ctype: "image/png"})
	h.pfail(400, "matching its Content-Type", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 400, 400), ctype: "image/jpeg"})
	h.pfail(400, "must be image/png or image/jpeg", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: pngImage(t, 400, 400), ctype: "image/gif"})
	h.pfail(400, "must be a .jpg or .png image", preq{method: "POST", path: "/v2/partners/experts/profile/logo", raw: []byte("not an image"), ctype: "image/png"})

	// Stats and history follow the profile; comments come from fixtures.
	if err := h.s.LoadFixture([]byte(`{"partner":{"expert_comments":[{"comment":"Great","author":"Joe","creation_timestamp":"2018-03-06 10:21:50","website":"https://example.com"},
	 {"comment":"Good","author":"Jane","creation_timestamp":"2018-03-07 10:21:50","website":""}]}}`)); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/experts/comments")), "result"), "author"), `["Jane","Joe"]`)
	h.clock.Advance(40 * 24 * time.Hour)
	hist := field(t, h.pok(200, pget("/v2/partners/experts/history")), "result").([]any)
	if len(hist) != 2 || field(t, hist[0], "date") != "2024-06" || field(t, hist[1], "date") != "2024-05" {
		t.Fatalf("history %v", hist)
	}
	stats := h.pok(200, pget("/v2/partners/experts/stats"))
	msgs := float64(pMonthViews(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))/10 + pMonthViews(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))/10)
	if field(t, stats, "position") != 1.0 || field(t, stats, "comments") != 2.0 || field(t, stats, "messages") != msgs {
		t.Fatalf("stats %v", stats)
	}
}

func TestPartnerExpertValidation(t *testing.T) {
	h := newHarness(t, withPartner)
	repl := func(old, new string) string { return strings.Replace(expertBody, old, new, 1) }
	cases := []struct{ body, msg string }{
		{repl(`"company":"ACME"`, `"company":"ACM"`), "`company` must have at least 4 characters"},
		{repl(`"Long description goes here"`, `"Too short"`), "`description` must have at least 10 characters"},
		{repl(`"Short description"`, `"Short"`), "`short_description` must have at least 10 characters"},
		{repl(`"country":"US"`, `"country":"us"`), "`country` must be a two-letter"},
		{repl(`"https://partners.livechatinc.com"`, `"partners"`), "`website` must be an http(s) URL"},
		{repl(`["custom-development"]`, `["api-and-integrations"]`), "`categories[0]` must be one of: chat-agent-outsourcing, custom-development"},
		{repl(`["custom-development"]`, `[]`), "`categories` must list at least one category"},
		{repl(`[19,22]`, `[19,20]`), "`industry_ids[1]` must be one of: 1, 4, 7"},
		{repl(`[19,22]`, `[]`), "`industry_ids` must list at least one industry"},
		{repl(`["https://example.com"]`, `["example"]`), "`projects[0]` must be an http(s) URL"},
		{repl(`"phone":"123456789",`, ``), "`phone` is required"},
		{repl(`["custom-development"]`, `["chat-agent-outsourcing"]`), "`agents` is required when `categories` includes chat-agent-outsourcing"},
		{repl(`["custom-development"]`, `["chat-agent-outsourcing"],"agents":"1-5"`), "`languages` is required when `categories` includes chat-agent-outsourcing"},
		{repl(`"country":"US"`, `"country":"US","agents":"5+"`), "`agents` must be one of: 1-5, 6-15, 16-30, 31-50, 51+"},
		{repl(`"country":"US"`, `"country":"US","languages":["en"]`), "`languages[0]` must be a two-letter language code"},
		{repl(`"country":"US"`, `"country":"US","hour_rate":-1`), "`hour_rate` must be 0 or more"},
		{repl(`"country":"US"`, `"country":"US","facebook":"fb"`), "`facebook` must be an http(s) URL"},
		{repl(`"country":"US"`, `"country":"US","logo":"x"`), "`logo` is not a supported parameter"},
	}
	for _, c := range cases {
		h.pfail(400, c.msg, preq{method: "POST", path: "/v2/partners/experts/profile", json: c.body})
	}
	assertJSON(t, h.pok(200, pget("/v2/partners/experts/stats")), `{"position":0,"comments":0,"messages":0}`)
	assertJSON(t, h.pok(200, pget("/v2/partners/experts/history")), `{"result":[]}`)
}

func TestPartnerStateRoundTripAndKinds(t *testing.T) {
	h := newHarness(t, withPartner)
	h.pok(200, createCampaignReq("livechat", "name", "New campaign", "link", "https://www.livechat.com/", "trial_duration", "20", "coupon_id", "1"))
	org := field(t, h.pok(200, preq{method: "POST", path: "/v2/partners/solutions/organizations", json: acmeOrg}), "id").(string)
	lic := field(t, h.pok(200, createLicenseReq(org, "livechat", johnLicense)), "license").(string)
	h.pok(201, preq{method: "POST", path: "/v2/partners/solutions/licenses/livechat/" + lic + "/subscription", json: `{"token":"t","plan":"team","billing_cycle":"annual","seats":3}`})
	h.pok(201, preq{method: "POST", path: "/v2/partners/experts/profile", json: expertBody})
	h.pok(200, preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "CI token")})
	h.pok(204, preq{method: "PUT", path: "/v2/partners/billing", json: `{"type":"business","company":"C","address":"A","city":"C","country":"US","paypal":"p@x.com"}`})
	saved, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	other := newHarness(t, withPartner)
	if err := other.s.LoadState(saved); err != nil {
		t.Fatal(err)
	}
	again, _ := other.s.StateJSON()
	if string(again) != string(saved) {
		t.Fatalf("round trip differs:\n%s\nvs\n%s", again, saved)
	}
	// Counters continue after a load.
	other.pok(200, createCampaignReq("chatbot", "name", "Second one", "link", "https://www.chatbot.com/", "trial_duration", "14"))
	if _, ok := other.s.Campaign(2); !ok {
		t.Fatal("campaign ids did not continue")
	}
	// Out-of-band deletes.
	for _, k := range []struct{ kind, id string }{{"campaign", "1"}, {"solution_license", lic}, {"expert_profile", "self"}, {"partner_api_token", "1"}} {
		if err := h.s.DeleteObject(k.kind, k.id); err != nil {
			t.Fatalf("%s %s: %v", k.kind, k.id, err)
		}
		if err := h.s.DeleteObject(k.kind, k.id); err == nil {
			t.Fatalf("%s %s deleted twice", k.kind, k.id)
		}
	}
	if err := h.s.DeleteObject("solution_organization", org); err != nil {
		t.Fatal(err)
	}
	if _, ok := h.s.SolutionOrganization(org); ok {
		t.Fatal("organization still there")
	}
	h.pfail(404, "not found", pget("/v2/partners/experts/profile"))
	// A bad partner state is refused.
	if err := other.s.LoadState([]byte(`{"groups":[{"id":0,"name":"General"}],"partner":{"campaigns":[{"id":1,"product":"x","name":"n"}]}}`)); err == nil ||
		!strings.Contains(err.Error(), "bad product") {
		t.Fatalf("bad state accepted: %v", err)
	}
	// Reset gives a fresh partner.
	h.s.Reset()
	if h.s.PartnerBilling() != (PartnerBilling{}) {
		t.Fatal("reset kept the billing")
	}
}
