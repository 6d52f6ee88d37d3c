package emulator

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Partner API v2, "Account": profile, stats, coupons, earnings, commission reports and metrics,
// billing, balance, withdrawals and API tokens.

var (
	pBillingTypes = []string{"business", "individual"}
	pCountryCode  = regexp.MustCompile(`^[A-Z]{2}$`)
)

func pItoa(i int) string { return strconv.Itoa(i) }

func pRunes(s string) int { return utf8.RuneCountInString(s) }

func (p *partnerStore) profileIn(v view) *PartnerProfile { return p.profile.in(partnerSelf, v) }
func (p *partnerStore) billingIn(v view) *PartnerBilling { return p.billing.in(partnerSelf, v) }

func pGetProfile(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	pr := c.st.profileIn(c.view())
	return pOK(map[string]any{
		"partner_id": pr.PartnerID, "login": pr.Login, "first_name": pr.FirstName, "last_name": pr.LastName,
		"contact_name": pr.ContactName, "contact_email": pr.ContactEmail, "solution_status": pr.SolutionStatus,
		"properties": pr.Properties,
	}), nil
}

func pRequiredStrings(a pargs, keys ...string) (map[string]string, *apiError) {
	out := map[string]string{}
	for _, k := range keys {
		v, _, e := a.str(k, true)
		if e != nil {
			return nil, e
		}
		out[k] = v
	}
	return out, nil
}

func pOptionalStrings(a pargs, keys ...string) (map[string]string, *apiError) {
	out := map[string]string{}
	for _, k := range keys {
		v, _, e := a.str(k, false)
		if e != nil {
			return nil, e
		}
		out[k] = v
	}
	return out, nil
}

func pEmailArg(k, v string) *apiError {
	if !validEmail(v) {
		return pBadRequest("`%s` must be an e-mail address", k)
	}
	return nil
}

func pUpdateProfile(c *pcall, a pargs) (presult, *apiError) {
	opts := []string{"send_monthly_summary", "send_reseller_weekly_summary", "send_newsletter", "send_notifications"}
	if e := a.only(append([]string{"first_name", "last_name", "contact_name", "contact_email"}, opts...)...); e != nil {
		return presult{}, e
	}
	req, e := pRequiredStrings(a, "first_name", "last_name", "contact_name", "contact_email")
	if e != nil {
		return presult{}, e
	}
	if e := pEmailArg("contact_email", req["contact_email"]); e != nil {
		return presult{}, e
	}
	pr := c.st.profile.editable(partnerSelf)
	pr.FirstName, pr.LastName, pr.ContactName, pr.ContactEmail = req["first_name"], req["last_name"], req["contact_name"], req["contact_email"]
	flags := []*bool{&pr.SendMonthlySummary, &pr.SendResellerWeeklySummary, &pr.SendNewsletter, &pr.SendNotifications}
	for i, k := range opts {
		b, ok, e := a.boolean(k, false)
		if e != nil {
			return presult{}, e
		}
		if ok {
			*flags[i] = b
		}
	}
	c.st.profile.update(partnerSelf, pr, c.now, c.delay)
	return pNoContent(), nil
}

func pGetBilling(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	b := c.st.billingIn(c.view())
	out := map[string]any{
		"company": b.Company, "vat": b.VAT, "address": b.Address, "city": b.City, "zip_code": b.ZipCode,
		"country": b.Country, "paypal": b.PayPal, "type": b.Type,
	}
	if b.State != "" {
		out["state"] = b.State
	}
	return pOK(out), nil
}

func pUpdateBilling(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("type", "company", "address", "city", "country", "paypal", "zip_code", "vat", "state"); e != nil {
		return presult{}, e
	}
	req, e := pRequiredStrings(a, "type", "company", "address", "city", "country", "paypal")
	if e != nil {
		return presult{}, e
	}
	opt, e := pOptionalStrings(a, "zip_code", "vat", "state")
	if e != nil {
		return presult{}, e
	}
	if e := pOneOf("type", req["type"], pBillingTypes); e != nil {
		return presult{}, e
	}
	if !pCountryCode.MatchString(req["country"]) {
		return presult{}, pBadRequest("`country` must be a two-letter ISO 3166-1 country code in capitals, e.g. US")
	}
	if e := pEmailArg("paypal", req["paypal"]); e != nil {
		return presult{}, e
	}
	b := &PartnerBilling{
		Type: req["type"], Company: req["company"], Address: req["address"], City: req["city"],
		Country: req["country"], PayPal: req["paypal"], ZipCode: opt["zip_code"], VAT: opt["vat"], State: opt["state"],
	}
	c.st.billing.update(partnerSelf, b, c.now, c.delay)
	return pNoContent(), nil
}

func pGetCoupons(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"result": append([]Coupon{}, c.st.coupons...)}), nil
}

func (p *partnerStore) coupon(id int) (Coupon, bool) {
	for _, c := range p.coupons {
		if c.ID == id {
			return c, true
		}
	}
	return Coupon{}, false
}

// API tokens.

func pTokenOut(t *PartnerToken) map[string]any {
	return map[string]any{"id": t.ID, "token": t.Token, "creation_timestamp": t.CreatedAt, "label": t.Label}
}

func createAPIToken(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("label"); e != nil {
		return presult{}, e
	}
	label, _, e := a.str("label", true)
	if e != nil {
		return presult{}, e
	}
	if pRunes(strings.TrimSpace(label)) < 3 {
		return presult{}, pBadRequest("`label` must have at least 3 characters")
	}
	c.st.next.Token++
	t := &PartnerToken{ID: c.st.next.Token, Token: randomToken(), Label: label, CreatedAt: c.now.UTC().Format(partnerTimeFormat)}
	c.st.tokens.create(t.ID, t, c.now, c.delay)
	return pOK(pTokenOut(t)), nil
}

func getAPITokens(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	list := c.st.tokens.list(c.view())
	out := make([]map[string]any, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- { // newest first, as in the example
		out = append(out, pTokenOut(list[i]))
	}
	return pOK(map[string]any{"result": out}), nil
}

func revokeAPIToken(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	id, err := strconv.Atoi(c.vars["id"])
	if err != nil || c.st.tokens.get(id) == nil {
		return presult{}, pNotFound("API token " + c.vars["id"])
	}
	c.st.tokens.delete(id, c.now, c.delay)
	return pNoContent(), nil
}

// Withdrawals.

func pWithdrawalOut(w *Withdrawal) map[string]any {
	return map[string]any{
		"withdrawal_id": w.ID, "request_timestamp": w.RequestAt, "action_timestamp": w.ActionAt,
		"status": w.Status, "amount": w.Amount, "invoice_id": w.InvoiceID, "paypal": w.PayPal,
	}
}

func requestWithdrawal(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	b := c.st.billing.get(partnerSelf)
	if b.PayPal == "" {
		return presult{}, pConflict("Set the billing information (Update Billing) before requesting a withdrawal")
	}
	bal := c.st.balance(authoritative, c.now)
	if bal.availableCents <= 0 {
		return presult{}, pConflict("There is no available balance to withdraw")
	}
	c.st.next.Withdrawal++
	w := &Withdrawal{
		ID: c.st.next.Withdrawal, RequestAt: c.now.UTC().Format(partnerTimeFormat), Status: "pending",
		Amount: pMoney(bal.availableCents), PayPal: b.PayPal,
		InvoiceID: fmt.Sprintf("%d/%d/%s", c.now.Year(), c.st.next.Withdrawal, c.st.profile.get(partnerSelf).PartnerID),
	}
	c.st.withdrawals.create(w.ID, w, c.now, c.delay)
	return pOK(pWithdrawalOut(w)), nil
}

func getWithdrawals(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, pEndOfTime, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	list := c.st.withdrawals.list(c.view())
	out := []map[string]any{}
	for i := len(list) - 1; i >= 0; i-- {
		t, err := time.Parse(partnerTimeFormat, list[i].RequestAt)
		if err == nil && (t.Before(from) || t.After(to)) {
			continue
		}
		out = append(out, pWithdrawalOut(list[i]))
	}
	return pOK(map[string]any{"result": out}), nil
}

// Money: earnings, balance, commission.

type pBalance struct{ pendingCents, withdrawnCents, availableCents, totalCents int64 }

// commissionCents is everything the partner earned in [from, to]: affiliate earnings (of product,
// or all) and, for the solution program, the commission of client-paid licenses.
func (p *partnerStore) commissionCents(v view, product, program string, from, to, now time.Time) int64 {
	var total int64
	if program == "" || program == "all" || program == "affiliate" {
		total += p.affiliateActivity(v, product, from, to, now).earningsCents
	}
	if (program == "" || program == "all" || program == "solution") && product != "partner_program" {
		total += p.solutionMoney(v, product, from, to).commissionCents
	}
	return total
}

// balance: commission of the last 30 days is pending; withdrawals (pending or paid) are withdrawn;
// the rest is available.
func (p *partnerStore) balance(v view, now time.Time) pBalance {
	total := p.commissionCents(v, "all", "all", pBeginning, now, now)
	pending := p.commissionCents(v, "all", "all", now.Add(-30*pDay), now, now)
	var withdrawn int64
	for _, w := range p.withdrawals.list(v) {
		withdrawn += pRoundCents(w.Amount * 100)
	}
	avail := total - pending - withdrawn
	if avail < 0 {
		avail = 0
	}
	return pBalance{pendingCents: pending, withdrawnCents: withdrawn, availableCents: avail, totalCents: pending + withdrawn + avail}
}

func pGetBalance(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	b := c.st.balance(c.view(), c.now)
	return pOK(map[string]any{
		"pending": pMoney(b.pendingCents), "withdrawn": pMoney(b.withdrawnCents),
		"available": pMoney(b.availableCents), "total": fmt.Sprintf("%.2f", pMoney(b.totalCents)),
	}), nil
}

func pGetEarnings(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	v, now := c.view(), c.now
	last30 := now.Add(-30 * pDay)
	pair := func(total, recent int64) map[string]any {
		return map[string]any{"commission_total": pMoney(total), "commission_last_30_days": pMoney(recent)}
	}
	aff := map[string]any{}
	var affTotal, affRecent int64
	for _, prod := range []string{"livechat", "chatbot", "helpdesk", "partner_program"} {
		t := c.st.affiliateActivity(v, prod, pBeginning, now, now).earningsCents
		r := c.st.affiliateActivity(v, prod, last30, now, now).earningsCents
		affTotal, affRecent = affTotal+t, affRecent+r
		aff[prod] = pair(t, r)
	}
	for k, x := range pair(affTotal, affRecent) {
		aff[k] = x
	}
	sol := map[string]any{}
	var solTotal, solRecent int64
	for _, prod := range solutionProducts {
		all := c.st.solutionMoney(v, prod, pBeginning, now)
		recent := c.st.solutionMoney(v, prod, last30, now)
		solTotal, solRecent = solTotal+all.commissionCents, solRecent+recent.commissionCents
		m := pair(all.commissionCents, recent.commissionCents)
		m["discount"] = pMoney(all.discountCents)
		sol[prod] = m
	}
	for k, x := range pair(solTotal, solRecent) {
		sol[k] = x
	}
	b := c.st.balance(v, now)
	return pOK(map[string]any{
		"balance": pMoney(b.availableCents), "blocked": 0, "commission_total": pMoney(affTotal + solTotal),
		"commission_last_30_days": pMoney(affRecent + solRecent), "withdrawals": pMoney(b.withdrawnCents),
		"pending": pMoney(b.pendingCents), "affiliate": aff, "solution": sol,
	}), nil
}

// pGetStats counts licenses per program and product: affiliate licenses are the synthetic trials of
// the campaigns, solution licenses the real ones.
func pGetStats(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	v := c.view()
	aff := map[string]any{}
	for _, prod := range pAffiliateProducts {
		var trials, trialsCC, paid int64
		for _, l := range c.st.affiliateLicenses(v, pBeginning, c.now, c.now) {
			if l.product != prod {
				continue
			}
			switch {
			case l.paid:
				paid++
			case l.ccAdded && l.active:
				trialsCC++
			case l.active:
				trials++
			}
		}
		m := map[string]any{"trials": trials, "trials_cc": trialsCC, "paid": paid}
		if prod == "partner_program" {
			m["partners_referred"] = c.st.affiliateActivity(v, prod, pBeginning, c.now, c.now).referred
		}
		aff[prod] = m
	}
	sol := map[string]any{}
	for _, prod := range solutionProducts {
		var trials, trialsCC, paid int
		for _, l := range c.st.licenses.list(v) {
			if l.Product != prod {
				continue
			}
			switch pLicenseStatus(l, c.now) {
			case "paid":
				paid++
			case "trial":
				if l.CCAdded {
					trialsCC++
				} else {
					trials++
				}
			}
		}
		sol[prod] = map[string]any{"trials": trials, "trials_cc": trialsCC, "paid": paid}
	}
	return pOK(map[string]any{"affiliate": aff, "solution": sol}), nil
}

var (
	pCommissionFilterFields = []string{"product", "program"}
	pFilterOperators        = []string{"equals"}
)

// getCommissionReport: commission per period; filters may narrow it to a product or program.
func getCommissionReport(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "filters", "aggregation"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, true, c.now, pDateTimeLayout)
	if e != nil {
		return presult{}, e
	}
	agg, e := pEnumArg(a, "aggregation", true, "", pAggregations)
	if e != nil {
		return presult{}, e
	}
	filters, e := pParseFilters(a, pCommissionFilterFields, pFilterOperators)
	if e != nil {
		return presult{}, e
	}
	product, program := "all", "all"
	for _, f := range filters {
		switch f.Field {
		case "product":
			if e := pOneOf("filters.value", f.Value, append(append([]string{}, pAffiliateProducts...), "all")); e != nil {
				return presult{}, e
			}
			product = f.Value
		case "program":
			if e := pOneOf("filters.value", f.Value, pPrograms); e != nil {
				return presult{}, e
			}
			program = f.Value
		}
	}
	v := c.view()
	return pOK(pReportItems(from, to, agg, func(f, t time.Time) float64 {
		return pMoney(c.st.commissionCents(v, product, program, f, t, c.now))
	})), nil
}

func getCommissionMetric(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "product", "program"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, c.now, pDateTimeLayout)
	if e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(a, "product", false, "all", pReportProducts)
	if e != nil {
		return presult{}, e
	}
	program, e := pEnumArg(a, "program", false, "all", pPrograms)
	if e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"value": pMoney(c.st.commissionCents(c.view(), product, program, from, to, c.now))}), nil
}

// Commission from referred partners: a fixed amount per partner referred by a partner_program
// campaign. It is affiliate commission; product filters other than partner_program and all give 0.
func (p *partnerStore) referredCents(v view, product, program string, from, to, now time.Time) int64 {
	if program == "solution" || (product != "all" && product != "partner_program") {
		return 0
	}
	return p.affiliateActivity(v, "partner_program", from, to, now).referred * referredCommissionCents
}

func getReferredCommissionReport(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "aggregation", "product", "program"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, true, c.now, pDateTimeLayout)
	if e != nil {
		return presult{}, e
	}
	agg, e := pEnumArg(a, "aggregation", true, "", pAggregations)
	if e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(a, "product", false, "all", pReportProducts)
	if e != nil {
		return presult{}, e
	}
	program, e := pEnumArg(a, "program", false, "all", pPrograms)
	if e != nil {
		return presult{}, e
	}
	v := c.view()
	// Referred partners come from partner_program campaigns; a product filter of the referring
	// partner's licenses does not apply to them, so any product but "all" gives 0.
	return pOK(pReportItems(from, to, agg, func(f, t time.Time) float64 {
		return pMoney(c.st.referredCents(v, product, program, f, t, c.now))
	})), nil
}

func getReferredCommissionMetric(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "product", "program"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, c.now, pDateTimeLayout)
	if e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(a, "product", false, "all", append(append([]string{}, pAffiliateProducts...), "all"))
	if e != nil {
		return presult{}, e
	}
	program, e := pEnumArg(a, "program", false, "all", pPrograms)
	if e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"value": pMoney(c.st.referredCents(c.view(), product, program, from, to, c.now))}), nil
}
