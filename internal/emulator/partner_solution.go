package emulator

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Partner API v2, "Solution Partner": organizations, licenses, operators, subscriptions,
// invoices, transfers, license reports, leads and the summary.

const (
	pMinClientName     = 5
	maxStatusPageLimit = 15
	organizationsLimit = 15
)

var (
	solutionProducts  = []string{"livechat", "chatbot", "helpdesk"}
	pDataCenters      = []string{"us-south1", "eu-west3"}
	pPaymentOrigins   = []string{"client", "partner"}
	pLicenseStatuses  = []string{"paid", "trial", "expired"}
	pPlans            = []string{"starter", "team", "business"}
	pOperatorProducts = []string{"livechat", "helpdesk"}
	pOperatorRoles    = map[string][]string{
		"livechat": {"administrator", "agent"},
		"helpdesk": {"administrator", "agent", "viewer"},
	}
	pMonetizationTypes = []string{"flat_fee", "rev_share"}
	pProductNames      = map[string]string{"livechat": "LiveChat", "chatbot": "ChatBot", "helpdesk": "HelpDesk"}
	// Monthly list price per seat, in cents; an annual cycle costs 10 months.
	pPlanSeatCents = map[string]int64{"starter": 2000, "team": 4100, "business": 5900}
)

// pDataCenterRegion maps an organization's data center to the region of its licenses.
func pDataCenterRegion(dc string) string {
	if dc == "eu-west3" {
		return "fra"
	}
	return "dal"
}

// pLicenseStatus: a renewing subscription is paid; otherwise trial (never paid) or paid (closed but
// not yet at the end of the paid cycle) until end_timestamp, then expired.
func pLicenseStatus(l *SolutionLicense, now time.Time) string {
	if l.Subscribed {
		return "paid"
	}
	end, err := time.Parse(partnerTimeFormat, l.EndAt)
	if err == nil && now.Before(end) {
		if l.Converted {
			return "paid"
		}
		return "trial"
	}
	return "expired"
}

func pNewLicenseID(product string, n int) string {
	switch product {
	case "helpdesk":
		return fmt.Sprintf("HD-%09d", 123450000+n)
	case "chatbot":
		h := sha1.Sum([]byte("livechat-emulator/chatbot-license/" + pItoa(n)))
		return fmt.Sprintf("%x", h[:8])[:15]
	}
	return strconv.Itoa(104130000 + n)
}

func pCycleCents(plan, cycle string, seats int) int64 {
	c := pPlanSeatCents[plan] * int64(seats)
	if cycle == "annual" {
		c *= 10
	}
	return c
}

func pCycleEnd(from time.Time, cycle string) time.Time {
	if cycle == "annual" {
		return from.AddDate(1, 0, 0)
	}
	return from.AddDate(0, 1, 0)
}

// Organizations.

func createOrganization(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("organization_name", "client_name", "client_email", "data_center", "identifier"); e != nil {
		return presult{}, e
	}
	req, e := pRequiredStrings(a, "organization_name", "client_name", "client_email")
	if e != nil {
		return presult{}, e
	}
	if e := pEmailArg("client_email", req["client_email"]); e != nil {
		return presult{}, e
	}
	dc, e := pEnumArg(a, "data_center", false, pDataCenters[0], pDataCenters)
	if e != nil {
		return presult{}, e
	}
	ident, _, e := a.str("identifier", false)
	if e != nil {
		return presult{}, e
	}
	if ident != "" {
		for _, o := range c.st.orgs.list(authoritative) {
			if o.Identifier == ident {
				return presult{}, pConflict("An organization with the identifier " + ident + " already exists")
			}
		}
	}
	c.st.next.Org++
	o := &Organization{
		ID: pStableID(fmt.Sprintf("organization/%d/%s", c.st.next.Org, req["organization_name"])), Name: req["organization_name"],
		ClientName: req["client_name"], ClientEmail: req["client_email"], DataCenter: dc, Identifier: ident,
		CreatedAt: c.now.UTC().Format(time.RFC3339),
	}
	c.st.orgs.create(o.ID, o, c.now, c.delay)
	return pOK(map[string]any{"id": o.ID}), nil
}

// pathObject opens a call about the object its path names, with the API's checks in the API's
// order: the request may carry only the named arguments, then find looks the object up in view v
// (reads see what has propagated, writes what was written).
func pathObject[T any](a pargs, v view, find func(view) (T, *apiError), args ...string) (T, *apiError) {
	if e := a.only(args...); e != nil {
		var none T
		return none, e
	}
	return find(v)
}

func (c *pcall) orgArg(v view) (*Organization, *apiError) {
	o := c.st.orgs.in(c.vars["organization_id"], v)
	if o == nil {
		return nil, pNotFound("Organization " + c.vars["organization_id"])
	}
	return o, nil
}

func (p *partnerStore) orgLicenses(v view, orgID string) []*SolutionLicense {
	var out []*SolutionLicense
	for _, l := range p.licenses.list(v) {
		if l.OrganizationID == orgID {
			out = append(out, l)
		}
	}
	return out
}

func getOrganizationDetails(c *pcall, a pargs) (presult, *apiError) {
	o, e := pathObject(a, c.view(), c.orgArg)
	if e != nil {
		return presult{}, e
	}
	var names []string
	for _, l := range c.st.orgLicenses(c.view(), o.ID) {
		if n := pProductNames[l.Product]; !contains(names, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	products := []map[string]string{}
	for _, n := range names {
		products = append(products, map[string]string{"product": n})
	}
	return pOK(map[string]any{
		"organization_id": o.ID, "name": o.Name, "data_center": o.DataCenter, "products": products, "created_at": o.CreatedAt,
	}), nil
}

func getOrganizationLicenses(c *pcall, a pargs) (presult, *apiError) {
	o, e := pathObject(a, c.view(), c.orgArg)
	if e != nil {
		return presult{}, e
	}
	licenses := []map[string]string{}
	var arr int64
	for _, l := range c.st.orgLicenses(c.view(), o.ID) {
		licenses = append(licenses, map[string]string{"external_license_id": l.ID, "product": l.Product})
		if l.Subscribed {
			c := pCycleCents(l.Plan, l.BillingCycle, l.Seats)
			if l.BillingCycle == "monthly" {
				c *= 12
			}
			arr += c
		}
	}
	return pOK(map[string]any{"total": 1, "limit": organizationsLimit, "results": []map[string]any{{
		"organization_id": o.ID, "organization_name": o.Name, "client_name": o.ClientName,
		"client_email": o.ClientEmail, "arr": pMoney(arr), "licenses": licenses,
	}}}), nil
}

// Licenses.

func (p *partnerStore) licenseOut(l *SolutionLicense, now time.Time) map[string]any {
	st := pLicenseStatus(l, now)
	return map[string]any{
		"license": l.ID, "product": l.Product, "creation_timestamp": l.CreatedAt, "end_timestamp": l.EndAt,
		"client_name": l.ClientName, "client_email": l.ClientEmail, "cc_added": l.CCAdded, "paid": st == "paid",
		"payment_origin": l.PaymentOrigin, "status": st,
	}
}

func createLicense(c *pcall, a pargs) (presult, *apiError) {
	q := c.queryArgs()
	if e := q.only("product"); e != nil {
		return presult{}, e
	}
	if e := a.only("client_name", "client_email", "payment_origin", "trial_duration", "coupon_id", "purchase_order"); e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(q, "product", true, "", solutionProducts)
	if e != nil {
		return presult{}, e
	}
	req, e := pRequiredStrings(a, "client_name", "client_email", "payment_origin")
	if e != nil {
		return presult{}, e
	}
	if pRunes(req["client_name"]) < pMinClientName {
		return presult{}, pBadRequest("`client_name` must have at least %d characters", pMinClientName)
	}
	if e := pOneOf("payment_origin", req["payment_origin"], pPaymentOrigins); e != nil {
		return presult{}, e
	}
	trial, _, e := a.integer("trial_duration", true)
	if e != nil {
		return presult{}, e
	}
	if trial < pMinTrialDuration || trial > pMaxTrialDuration {
		return presult{}, pBadRequest("`trial_duration` must be between %d and %d", pMinTrialDuration, pMaxTrialDuration)
	}
	coupon, _, e := a.integer("coupon_id", false)
	if e != nil {
		return presult{}, e
	}
	po, _, e := a.str("purchase_order", false)
	if e != nil {
		return presult{}, e
	}
	// The organization must exist and have propagated (it is referred to, not written).
	orgID := c.vars["organization_id"]
	if !c.st.orgs.referencable(orgID, c.now) {
		return presult{}, pNotFound("Organization " + orgID)
	}
	org := c.st.orgs.get(orgID)
	if !strings.EqualFold(req["client_email"], org.ClientEmail) {
		return presult{}, pBadRequest("`client_email` must match the organization owner's e-mail (%s)", org.ClientEmail)
	}
	for _, l := range c.st.orgLicenses(authoritative, orgID) {
		if l.Product == product {
			return presult{}, pConflict(fmt.Sprintf("The organization already has a %s license (%s)", product, l.ID))
		}
	}
	var id string
	for {
		c.st.next.License++
		id = pNewLicenseID(product, c.st.next.License)
		if c.st.licenses.get(id) == nil {
			break
		}
	}
	l := &SolutionLicense{
		ID: id, Product: product, OrganizationID: orgID, ClientName: req["client_name"], ClientEmail: req["client_email"],
		PurchaseOrder: po, PaymentOrigin: req["payment_origin"], TrialDuration: trial, CouponID: coupon,
		CreatedAt: c.now.UTC().Format(partnerTimeFormat), EndAt: c.now.UTC().Add(time.Duration(trial) * pDay).Format(partnerTimeFormat),
		Operators: []LicenseOperator{}, Invoices: []Invoice{}, Owner: req["client_email"],
	}
	c.st.licenses.create(id, l, c.now, c.delay)
	return pOK(c.st.licenseOut(l, c.now)), nil
}

// licenseArg is the license named by {product}/{license_id} in the path, in view v.
func (c *pcall) licenseArg(v view, allowed []string) (*SolutionLicense, *apiError) {
	product := c.vars["product"]
	if e := pOneOf("product", product, allowed); e != nil {
		return nil, e
	}
	l := c.st.licenses.in(c.vars["license_id"], v)
	if l == nil || l.Product != product {
		return nil, pNotFound(fmt.Sprintf("License %s/%s", product, c.vars["license_id"]))
	}
	return l, nil
}

// solutionLicense is the license its path names, of any product a Solution Partner sells.
func (c *pcall) solutionLicense(v view) (*SolutionLicense, *apiError) {
	return c.licenseArg(v, solutionProducts)
}

func getSolutionLicenses(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, pEndOfTime, pDateTimeLayout)
	if e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, l := range c.st.licenses.list(c.view()) {
		if pCreatedIn(l, from, to) {
			out = append(out, c.st.licenseOut(l, c.now))
		}
	}
	return pOK(map[string]any{"result": out}), nil
}

func pCreatedIn(l *SolutionLicense, from, to time.Time) bool {
	t, err := time.Parse(partnerTimeFormat, l.CreatedAt)
	return err == nil && !t.Before(from) && !t.After(to)
}

func getSolutionLicensesByStatus(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "limit", "next_cursor"); e != nil {
		return presult{}, e
	}
	status := c.vars["status"]
	if e := pOneOf("status", status, pLicenseStatuses); e != nil {
		return presult{}, e
	}
	// The format says YYYY-MM-DDTHH:mm:ssZ, the example sends YYYY-MM-DD: both are accepted.
	from, to, e := pDateRange(a, true, c.now, pDateTimeLayout, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	limit, ok, e := a.integer("limit", false)
	if e != nil {
		return presult{}, e
	}
	if !ok {
		limit = maxStatusPageLimit
	}
	if limit < 1 || limit > maxStatusPageLimit {
		return presult{}, pBadRequest("`limit` must be between 1 and %d", maxStatusPageLimit)
	}
	offset := 0
	if cur, ok, _ := a.str("next_cursor", false); ok && cur != "" {
		b, err := base64.StdEncoding.DecodeString(cur)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "offset:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(b), "offset:") || n < 0 {
			return presult{}, pBadRequest("`next_cursor` is not a cursor this method returned")
		}
		offset = n
	}
	var matched []*SolutionLicense
	for _, l := range c.st.licenses.list(c.view()) {
		if pCreatedIn(l, from, to) && pLicenseStatus(l, c.now) == status {
			matched = append(matched, l)
		}
	}
	results := []map[string]any{}
	for i := offset; i < len(matched) && i < offset+limit; i++ {
		l := matched[i]
		results = append(results, map[string]any{
			"license_id": l.ID, "status": status, "product": l.Product, "client_name": l.ClientName,
			"client_email": l.ClientEmail, "payment_origin": l.PaymentOrigin, "creation_timestamp": l.CreatedAt,
			"conversion_timestamp": l.ConversionAt, "expiration_timestamp": l.EndAt,
		})
	}
	next := ""
	if offset+limit < len(matched) {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + pItoa(offset+limit)))
	}
	return pOK(map[string]any{"results": results, "next_cursor": next}), nil
}

func (p *partnerStore) licenseMoney(l *SolutionLicense) (commission, discount int64) {
	for _, inv := range l.Invoices {
		cents := pRoundCents(inv.Amount * 100)
		if l.PaymentOrigin == "partner" {
			discount += cents * solutionDiscountPercent / 100
		} else {
			commission += cents * solutionCommissionPercent / 100
		}
	}
	return
}

func (p *partnerStore) licenseDetails(l *SolutionLicense, now time.Time) map[string]any {
	commission, discount := p.licenseMoney(l)
	discountPercent, commissionPercent := 0, solutionCommissionPercent
	if l.PaymentOrigin == "partner" {
		discountPercent, commissionPercent = solutionDiscountPercent, 0
	}
	dc := defaultRegion
	if o := p.orgs.get(l.OrganizationID); o != nil {
		dc = pDataCenterRegion(o.DataCenter)
	}
	invited := []map[string]string{}
	for _, op := range l.Operators {
		invited = append(invited, map[string]string{"email": op.Email})
	}
	st := pLicenseStatus(l, now)
	return map[string]any{
		"license": l.ID, "client_name": l.ClientName, "client_email": l.ClientEmail, "purchase_order": l.PurchaseOrder,
		"payment_origin": l.PaymentOrigin, "creation_timestamp": l.CreatedAt, "end_timestamp": l.EndAt,
		"conversations": 0, "conversations_last_30_days": 0, "cc_added": l.CCAdded, "paid": st == "paid",
		"ql": l.CCAdded || l.Converted, "seats": l.Seats, "plan": l.Plan, "billing_cycle": l.BillingCycle,
		"total_discount": pMoney(discount), "discount_percent": discountPercent, "total_commission": pMoney(commission),
		"commission_percent": commissionPercent, "data_center": dc, "status": st, "invited_agents": invited,
	}
}

func getLicenseDetails(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, c.view(), c.solutionLicense)
	if e != nil {
		return presult{}, e
	}
	return pOK(c.st.licenseDetails(l, c.now)), nil
}

func updateLicenseDetails(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "client_name", "purchase_order")
	if e != nil {
		return presult{}, e
	}
	name, _, e := a.str("client_name", true)
	if e != nil {
		return presult{}, e
	}
	if pRunes(name) < pMinClientName {
		return presult{}, pBadRequest("`client_name` must have at least %d characters", pMinClientName)
	}
	po, _, e := a.str("purchase_order", false)
	if e != nil {
		return presult{}, e
	}
	ed := c.st.licenses.editable(l.ID)
	ed.ClientName, ed.PurchaseOrder = name, po
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	return pNoContent(), nil
}

func pInviteOperators(c *pcall, a pargs) (presult, *apiError) {
	p := jsonParams(a)
	if e := p.only("operators"); e != nil {
		return presult{}, e
	}
	l, e := c.licenseArg(authoritative, pOperatorProducts)
	if e != nil {
		return presult{}, e
	}
	items, _, e := p.objects("operators", true)
	if e != nil {
		return presult{}, e
	}
	if len(items) == 0 {
		return presult{}, pBadRequest("`operators` must list at least one user")
	}
	ed := c.st.licenses.editable(l.ID)
	result := []map[string]any{}
	changed := false
	for _, it := range items {
		if e := it.only("email", "role"); e != nil {
			return presult{}, e
		}
		email, _, e := it.str("email", true)
		if e != nil {
			return presult{}, e
		}
		role, _, e := it.str("role", true)
		if e != nil {
			return presult{}, e
		}
		status := 200
		switch {
		case !validEmail(email), !contains(pOperatorRoles[l.Product], role):
			status = 400
		default:
			for _, op := range ed.Operators {
				if strings.EqualFold(op.Email, email) {
					status = 409 // already invited
				}
			}
		}
		if status == 200 {
			ed.Operators = append(ed.Operators, LicenseOperator{Email: email, Role: role})
			changed = true
		}
		result = append(result, map[string]any{"operator": email, "status_code": status})
	}
	if changed {
		c.st.licenses.update(l.ID, ed, c.now, c.delay)
	}
	return pOK(map[string]any{"result": result}), nil
}

// Invoices.

func (c *pcall) licenseByID(v view) (*SolutionLicense, *apiError) {
	l := c.st.licenses.in(c.vars["license_id"], v)
	if l == nil {
		return nil, pNotFound("License " + c.vars["license_id"])
	}
	return l, nil
}

func getLicenseInvoices(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, c.view(), c.licenseByID)
	if e != nil {
		return presult{}, e
	}
	out := []Invoice{}
	for i := len(l.Invoices) - 1; i >= 0; i-- {
		out = append(out, l.Invoices[i])
	}
	return pOK(map[string]any{"result": out}), nil
}

func getLicenseInvoicePDF(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, c.view(), c.licenseByID)
	if e != nil {
		return presult{}, e
	}
	for _, inv := range l.Invoices {
		if pItoa(inv.No) == c.vars["invoice_no"] {
			text := fmt.Sprintf("Invoice %d, license %s: %s plan, %d seats, %s, %.2f USD, %s", inv.No, l.ID, inv.Plan, inv.Seats, inv.BillingCycle, inv.Amount, inv.Status)
			return presult{status: 200, raw: pMinimalPDF(text), ctype: "application/pdf"}, nil
		}
	}
	return presult{}, pNotFound("Invoice " + c.vars["invoice_no"])
}

// pMinimalPDF renders one line of text as a valid one-page PDF.
func pMinimalPDF(text string) []byte {
	text = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(text)
	content := fmt.Sprintf("BT /F1 12 Tf 50 750 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// Subscriptions.

func pSubscriptionArgs(a pargs) (string, string, int, *apiError) {
	plan, e := pEnumArg(a, "plan", true, "", pPlans)
	if e != nil {
		return "", "", 0, e
	}
	cycle, e := pEnumArg(a, "billing_cycle", true, "", pBillingCycles)
	if e != nil {
		return "", "", 0, e
	}
	seats, _, e := a.integer("seats", true)
	if e != nil {
		return "", "", 0, e
	}
	if seats < 1 {
		return "", "", 0, pBadRequest("`seats` must be 1 or more")
	}
	return plan, cycle, seats, nil
}

func (p *partnerStore) invoice(l *SolutionLicense, now time.Time) {
	p.next.Invoice++
	l.Invoices = append(l.Invoices, Invoice{
		No: p.next.Invoice, Date: now.UTC().Format(partnerTimeFormat), Plan: l.Plan, Seats: l.Seats,
		BillingCycle: l.BillingCycle, Amount: pMoney(pCycleCents(l.Plan, l.BillingCycle, l.Seats)), Status: "paid",
	})
}

func createSubscription(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "token", "plan", "billing_cycle", "seats")
	if e != nil {
		return presult{}, e
	}
	if _, _, e := a.str("token", true); e != nil {
		return presult{}, e
	}
	plan, cycle, seats, e := pSubscriptionArgs(a)
	if e != nil {
		return presult{}, e
	}
	if l.Subscribed {
		return presult{}, pConflict("The license already has a subscription; update it instead")
	}
	ed := c.st.licenses.editable(l.ID)
	ed.Subscribed, ed.Converted, ed.CCAdded = true, true, true
	ed.Plan, ed.BillingCycle, ed.Seats = plan, cycle, seats
	if ed.ConversionAt == "" {
		ed.ConversionAt = c.now.UTC().Format(partnerTimeFormat)
	}
	ed.EndAt = pCycleEnd(c.now.UTC(), cycle).Format(partnerTimeFormat)
	c.st.invoice(ed, c.now)
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	return pCreated(), nil
}

func updateSubscription(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "plan", "billing_cycle", "seats")
	if e != nil {
		return presult{}, e
	}
	plan, cycle, seats, e := pSubscriptionArgs(a)
	if e != nil {
		return presult{}, e
	}
	if !l.Subscribed {
		return presult{}, pConflict("The license has no active subscription; create one first")
	}
	if l.Plan == plan && l.BillingCycle == cycle && l.Seats == seats {
		return pNoContent(), nil
	}
	ed := c.st.licenses.editable(l.ID)
	if ed.BillingCycle != cycle {
		ed.EndAt = pCycleEnd(c.now.UTC(), cycle).Format(partnerTimeFormat)
	}
	ed.Plan, ed.BillingCycle, ed.Seats = plan, cycle, seats
	c.st.invoice(ed, c.now)
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	return pNoContent(), nil
}

func closeSubscription(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "password", "expire")
	if e != nil {
		return presult{}, e
	}
	pw, _, e := a.str("password", true)
	if e != nil {
		return presult{}, e
	}
	expire, _, e := a.boolean("expire", false)
	if e != nil {
		return presult{}, e
	}
	if !equalSecret(pw, c.st.password) {
		return presult{}, pForbidden("The Partner Program password is wrong")
	}
	if !l.Subscribed {
		return presult{}, pConflict("The license has no active subscription")
	}
	ed := c.st.licenses.editable(l.ID)
	ed.Subscribed = false
	if expire {
		ed.EndAt = c.now.UTC().Format(partnerTimeFormat)
	}
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	return pNoContent(), nil
}

func updateLicenseBilling(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "token")
	if e != nil {
		return presult{}, e
	}
	if _, _, e := a.str("token", true); e != nil {
		return presult{}, e
	}
	ed := c.st.licenses.editable(l.ID)
	ed.CCAdded = true
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	return pNoContent(), nil
}

func pTransferLicense(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, authoritative, c.solutionLicense, "new_owner")
	if e != nil {
		return presult{}, e
	}
	owner, _, e := a.str("new_owner", true)
	if e != nil {
		return presult{}, e
	}
	found := false
	for _, op := range l.Operators {
		found = found || strings.EqualFold(op.Email, owner)
	}
	if !found {
		return presult{}, pBadRequest("`new_owner` must be one of the license's operators")
	}
	ed := c.st.licenses.editable(l.ID)
	ed.Owner, ed.PaymentOrigin, ed.Transferred = owner, "client", true
	c.st.licenses.update(l.ID, ed, c.now, c.delay)
	out := c.st.licenseDetails(ed, c.now)
	st := pLicenseStatus(ed, c.now)
	delete(out, "status")
	delete(out, "invited_agents")
	delete(out, "ql")
	out["recurrent"] = ed.Subscribed
	out["expired"] = st == "expired"
	out["blocked"] = false
	return pOK(out), nil
}

// License reports.

func pCountByStatus(p *partnerStore, v view, from, to, now time.Time) map[string]int {
	out := map[string]int{"trial": 0, "paid": 0, "expired": 0}
	for _, l := range p.licenses.list(v) {
		if pCreatedIn(l, from, to) {
			out[pLicenseStatus(l, now)]++
		}
	}
	return out
}

func getLicenseMetrics(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, true, c.now, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	n := pCountByStatus(c.st, c.view(), from, to, c.now)
	return pOK(map[string]any{"trials": n["trial"], "paid": n["paid"], "expired": n["expired"]}), nil
}

func getSolutionLicensesReport(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "aggregation", "license_status"); e != nil {
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
	status, e := pEnumArg(a, "license_status", true, "", []string{"trial", "paid", "expired"})
	if e != nil {
		return presult{}, e
	}
	v := c.view()
	return pOK(pReportItems(from, to, agg, func(f, t time.Time) float64 {
		return float64(pCountByStatus(c.st, v, f, t, c.now)[status])
	})), nil
}

var (
	pCSVFilterFields = []string{"license_product", "license_status", "license_details", "license_created_at", "payment_origin", "credit_card"}
	pCSVFilterOps    = []string{"equals", "contains", "exists", "greater_or_equal", "lesser_or_equal"}
)

func pCSVFilterMatch(f pFilter, l *SolutionLicense, org *Organization, now time.Time) (bool, *apiError) {
	cmpText := func(v string) bool {
		if f.Operator == "contains" {
			return strings.Contains(strings.ToLower(v), strings.ToLower(f.Value))
		}
		return strings.EqualFold(v, f.Value)
	}
	switch f.Field {
	case "license_product":
		return cmpText(pProductNames[l.Product]) || cmpText(l.Product), nil
	case "license_status":
		return cmpText(pLicenseStatus(l, now)), nil
	case "payment_origin":
		return cmpText(l.PaymentOrigin), nil
	case "license_details":
		ident := ""
		if org != nil {
			ident = org.Identifier
		}
		for _, v := range []string{l.ID, l.ClientName, l.ClientEmail, ident} {
			if strings.Contains(strings.ToLower(v), strings.ToLower(f.Value)) {
				return true, nil
			}
		}
		return false, nil
	case "credit_card":
		want := strings.EqualFold(f.Value, "yes") || f.Value == "true"
		return l.CCAdded == want, nil
	case "license_created_at":
		t, err := time.Parse(pDateLayout, f.Value)
		if err != nil {
			t, err = time.Parse(pDateTimeLayout, f.Value)
		}
		if err != nil {
			return false, pBadRequest("`filters` value of license_created_at must be a date (YYYY-MM-DD)")
		}
		pCreated, _ := time.Parse(partnerTimeFormat, l.CreatedAt)
		switch f.Operator {
		case "greater_or_equal":
			return !pCreated.Before(t), nil
		case "lesser_or_equal":
			return !pCreated.After(t.Add(pDay - time.Second)), nil
		}
		return pDayStart(pCreated).Equal(pDayStart(t)), nil
	}
	return true, nil
}

func getSolutionLicensesCSV(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("filters"); e != nil {
		return presult{}, e
	}
	filters, e := pParseFilters(a, pCSVFilterFields, pCSVFilterOps)
	if e != nil {
		return presult{}, e
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"License ID", "Managed by", "Status", "Client name", "Client email", "Client identifier", "Created",
		"Product", "Credit card", "Card problem", "Commission level", "Discount level", "Total earnings", "Total savings"})
	for _, l := range c.st.licenses.list(c.view()) {
		org := c.st.orgs.get(l.OrganizationID)
		keep := true
		for _, f := range filters {
			ok, e := pCSVFilterMatch(f, l, org, c.now)
			if e != nil {
				return presult{}, e
			}
			keep = keep && ok
		}
		if !keep {
			continue
		}
		commission, discount := c.st.licenseMoney(l)
		commissionLevel, discountLevel := float64(solutionCommissionPercent), 0.0
		if l.PaymentOrigin == "partner" {
			commissionLevel, discountLevel = 0, float64(solutionDiscountPercent)
		}
		ident := ""
		if org != nil {
			ident = org.Identifier
		}
		cc := "no"
		if l.CCAdded {
			cc = "yes"
		}
		_ = w.Write([]string{l.ID, l.PaymentOrigin, pLicenseStatus(l, c.now), l.ClientName, l.ClientEmail, ident, l.CreatedAt,
			pProductNames[l.Product], cc, "", fmt.Sprintf("%.2f", commissionLevel), fmt.Sprintf("%.2f", discountLevel),
			fmt.Sprintf("%.2f", pMoney(commission)), fmt.Sprintf("%.2f", pMoney(discount))})
	}
	w.Flush()
	return presult{status: 200, raw: b.Bytes(), ctype: "text/csv; charset=utf-8"}, nil
}

func getSolutionSummary(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	n := pCountByStatus(c.st, c.view(), pBeginning, pEndOfTime, c.now)
	m := c.st.solutionMoney(c.view(), "all", pBeginning, c.now)
	return pOK(map[string]any{
		"trials": pItoa(n["trial"]), "paid": pItoa(n["paid"]), "expired": pItoa(n["expired"]),
		"commission": fmt.Sprintf("%.2f", pMoney(m.commissionCents)), "discount": fmt.Sprintf("%.2f", pMoney(m.discountCents)),
	}), nil
}

// Leads.

func pSubmitLead(c *pcall, a pargs) (presult, *apiError) {
	opt := []string{"region", "job_title", "phone_number", "description"}
	if e := a.only(append([]string{"partner_name", "partner_email", "company_name", "contact_email", "domain", "first_name",
		"last_name", "sends_personal_introduction", "is_included_in_communication", "accepts_requirements", "monetization_type"}, opt...)...); e != nil {
		return presult{}, e
	}
	req, e := pRequiredStrings(a, "partner_name", "partner_email", "company_name", "contact_email", "domain", "first_name", "last_name")
	if e != nil {
		return presult{}, e
	}
	for _, k := range []string{"partner_email", "contact_email"} {
		if e := pEmailArg(k, req[k]); e != nil {
			return presult{}, e
		}
	}
	o, e := pOptionalStrings(a, opt...)
	if e != nil {
		return presult{}, e
	}
	if o["region"] != "" && !pCountryCode.MatchString(o["region"]) {
		return presult{}, pBadRequest("`region` must be a two-letter country code in capitals, e.g. US")
	}
	accepts, _, e := a.boolean("accepts_requirements", true)
	if e != nil {
		return presult{}, e
	}
	if !accepts {
		return presult{}, pBadRequest("`accepts_requirements` must be true: the requirements must be accepted")
	}
	mt, e := pEnumArg(a, "monetization_type", true, "", pMonetizationTypes)
	if e != nil {
		return presult{}, e
	}
	intro, _, e := a.boolean("sends_personal_introduction", false)
	if e != nil {
		return presult{}, e
	}
	comm, _, e := a.boolean("is_included_in_communication", false)
	if e != nil {
		return presult{}, e
	}
	c.st.next.Lead++
	now := c.now.UTC().Format(partnerTimeFormat)
	l := &Lead{
		ID: pItoa(c.st.next.Lead), PartnerName: req["partner_name"], PartnerEmail: req["partner_email"],
		CompanyName: req["company_name"], ContactEmail: req["contact_email"], Domain: req["domain"],
		FirstName: req["first_name"], LastName: req["last_name"], Region: o["region"], JobTitle: o["job_title"],
		PhoneNumber: o["phone_number"], Description: o["description"], SendsPersonalIntroduction: intro,
		IsIncludedInCommunication: comm, MonetizationType: mt, Status: "new", UpdatedAt: now,
		History: []LeadEvent{{Name: "lead_was_created", CreatedAt: now}},
	}
	c.st.leads.create(l.ID, l, c.now, c.delay)
	return pOK(map[string]any{"lead_id": l.ID}), nil
}

func pGetLeads(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, l := range c.st.leads.list(c.view()) {
		out = append(out, map[string]any{"lead_id": l.ID, "company_name": l.CompanyName, "contact_email": l.ContactEmail, "status": l.Status})
	}
	return pOK(map[string]any{"result": out}), nil
}

func (c *pcall) leadArg(v view) (*Lead, *apiError) {
	l := c.st.leads.in(c.vars["lead_id"], v)
	if l == nil {
		return nil, pNotFound("Lead " + c.vars["lead_id"])
	}
	return l, nil
}

func getLeadDetails(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, c.view(), c.leadArg)
	if e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{
		"partner_id": c.st.partnerID(), "external_lead_id": l.ID, "status": l.Status, "fee_amount": l.FeeAmount,
		"company_name": l.CompanyName, "contact_email": l.ContactEmail, "domain": l.Domain, "first_name": l.FirstName,
		"last_name": l.LastName, "region": l.Region, "job_title": l.JobTitle, "phone_number": l.PhoneNumber,
		"description": l.Description, "updated_at": l.UpdatedAt,
	}), nil
}

func getLeadHistory(c *pcall, a pargs) (presult, *apiError) {
	l, e := pathObject(a, c.view(), c.leadArg)
	if e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"result": append([]LeadEvent{}, l.History...)}), nil
}
