package emulator

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Partner API v2, "Affiliate Partner": campaigns, affiliate licenses, performance, referred
// partners, links, and the affiliate reports and metrics (see partner_reports.go for the model).

const (
	minCampaignName   = 5
	maxCampaignName   = 100
	pMinTrialDuration = 14
	pMaxTrialDuration = 30
	campaignPageSize  = 15
	defaultBestLimit  = 5
)

var (
	campaignProducts  = []string{"livechat", "chatbot", "helpdesk", "partner_program"}
	pProductHomepages = map[string]string{
		"livechat": "https://www.livechat.com/", "chatbot": "https://www.chatbot.com/",
		"helpdesk": "https://www.helpdesk.com/", "partner_program": "https://partners.livechat.com/",
	}
	pSearchProducts      = []string{"livechat", "chatbot", "helpdesk", "all"}
	pSearchStates        = []string{"active", "archived"}
	campaignFilterFields = []string{"id", "name", "slug", "product"}
	campaignFilterOps    = []string{"equals", "contains"}
	pMetricProducts      = []string{"livechat", "chatbot", "helpdesk"}
)

// campaignSlug is the URL-friendly campaign name with the pp_ prefix ("New campaign" ->
// "pp_new-campaign").
func campaignSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) && r < unicode.MaxASCII || unicode.IsDigit(r) && r < unicode.MaxASCII {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "pp_campaign"
	}
	return "pp_" + b.String()
}

func pShortCode(seed string) string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	h := sha1.Sum([]byte("livechat-emulator/short/" + seed))
	n := binary.BigEndian.Uint64(h[:8])
	out := make([]byte, 5)
	for i := range out {
		out[i] = alphabet[n%uint64(len(alphabet))]
		n /= uint64(len(alphabet))
	}
	return string(out)
}

func (p *partnerStore) partnerID() string { return p.profile.get(partnerSelf).PartnerID }

// campaignURL is the tracking link of a campaign: its landing page with the partner and campaign.
func (p *partnerStore) campaignURL(c *Campaign) string {
	sep := "?"
	if strings.Contains(c.Link, "?") {
		sep = "&"
	}
	return c.Link + sep + "a=" + url.QueryEscape(p.partnerID()) + "&utm_campaign=" + url.QueryEscape(c.Slug) + "&utm_source=PP"
}

func campaignShortURL(c *Campaign) string {
	return "https://lc.chat/" + pShortCode("campaign/"+pItoa(c.ID))
}

// campaignOut is the shape of Create Campaign and Get Campaigns.
func (p *partnerStore) campaignOut(c *Campaign, withActive bool) map[string]any {
	out := map[string]any{
		"product": c.Product, "name": c.Name, "slug": c.Slug, "url": p.campaignURL(c),
		"short_url": campaignShortURL(c), "creation_timestamp": c.CreatedAt, "trial_duration": c.TrialDuration,
	}
	if c.Discount != "" {
		out["discount"] = c.Discount
	}
	if withActive {
		out["active"] = c.Active
	}
	return out
}

func pValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func createCampaign(c *pcall, a pargs) (presult, *apiError) {
	q := c.queryArgs()
	if e := q.only("product"); e != nil {
		return presult{}, e
	}
	if e := a.only("name", "link", "trial_duration", "coupon_id"); e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(q, "product", true, "", campaignProducts)
	if e != nil {
		return presult{}, e
	}
	name, _, e := a.str("name", true)
	if e != nil {
		return presult{}, e
	}
	if n := pRunes(name); n < minCampaignName || n > maxCampaignName {
		return presult{}, pBadRequest("`name` must have %d to %d characters", minCampaignName, maxCampaignName)
	}
	link, _, e := a.str("link", true)
	if e != nil {
		return presult{}, e
	}
	if !pValidURL(link) {
		return presult{}, pBadRequest("`link` must be an http(s) URL")
	}
	trial, _, e := a.integer("trial_duration", true)
	if e != nil {
		return presult{}, e
	}
	if trial < pMinTrialDuration || trial > pMaxTrialDuration {
		return presult{}, pBadRequest("`trial_duration` must be between %d and %d", pMinTrialDuration, pMaxTrialDuration)
	}
	couponID, hasCoupon, e := a.integer("coupon_id", false)
	if e != nil {
		return presult{}, e
	}
	discount := ""
	if hasCoupon {
		cp, ok := c.st.coupon(couponID)
		if !ok {
			return presult{}, pBadRequest("`coupon_id` %d is not one of your active coupons", couponID)
		}
		discount = cp.Label
	}
	slug := campaignSlug(name)
	for _, other := range c.st.campaigns.list(authoritative) {
		if other.Active && other.Slug == slug {
			return presult{}, pConflict(fmt.Sprintf("An active campaign with the slug %s already exists", slug))
		}
	}
	c.st.next.Campaign++
	cp := &Campaign{
		ID: c.st.next.Campaign, Product: product, Name: name, Slug: slug, Link: link, TrialDuration: trial,
		CouponID: couponID, Discount: discount, CreatedAt: c.now.UTC().Format(partnerTimeFormat), Active: true,
		Region: defaultRegion,
	}
	c.st.campaigns.create(cp.ID, cp, c.now, c.delay)
	return pOK(c.st.campaignOut(cp, false)), nil
}

func getCampaigns(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("state"); e != nil {
		return presult{}, e
	}
	state, e := pEnumArg(a, "state", false, "active", []string{"active", "disabled"})
	if e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, cp := range c.st.campaigns.list(c.view()) {
		if cp.Active == (state == "active") {
			out = append(out, c.st.campaignOut(cp, true))
		}
	}
	return pOK(map[string]any{"result": out}), nil
}

func pMatchFilter(f pFilter, value string) bool {
	if f.Operator == "contains" {
		return strings.Contains(strings.ToLower(value), strings.ToLower(f.Value))
	}
	return value == f.Value
}

func searchCampaigns(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("page", "state", "product", "filters", "sort_by", "sort_order"); e != nil {
		return presult{}, e
	}
	page, _, e := a.integer("page", true)
	if e != nil {
		return presult{}, e
	}
	if page < 1 {
		return presult{}, pBadRequest("`page` must be 1 or more")
	}
	state, e := pEnumArg(a, "state", true, "", pSearchStates)
	if e != nil {
		return presult{}, e
	}
	product, e := pEnumArg(a, "product", false, "all", pSearchProducts)
	if e != nil {
		return presult{}, e
	}
	filters, e := pParseFilters(a, campaignFilterFields, campaignFilterOps)
	if e != nil {
		return presult{}, e
	}
	if _, e := pEnumArg(a, "sort_by", false, "creation_timestamp", []string{"creation_timestamp"}); e != nil {
		return presult{}, e
	}
	order, e := pEnumArg(a, "sort_order", false, "desc", []string{"desc", "asc"})
	if e != nil {
		return presult{}, e
	}
	var matched []*Campaign
	for _, cp := range c.st.campaignsFor(c.view(), product) {
		if cp.Active != (state == "active") {
			continue
		}
		ok := true
		for _, f := range filters {
			var v string
			switch f.Field {
			case "id":
				v = pItoa(cp.ID)
			case "name":
				v = cp.Name
			case "slug":
				v = cp.Slug
			case "product":
				v = cp.Product
			}
			ok = ok && pMatchFilter(f, v)
		}
		if ok {
			matched = append(matched, cp)
		}
	}
	sort.SliceStable(matched, func(i, j int) bool {
		if matched[i].CreatedAt != matched[j].CreatedAt {
			return (matched[i].CreatedAt < matched[j].CreatedAt) == (order == "asc")
		}
		return (matched[i].ID < matched[j].ID) == (order == "asc")
	})
	var earnings int64
	results := []map[string]any{}
	for i, cp := range matched {
		earnings += pCampaignActivity(cp, pBeginning, c.now, c.now).earningsCents
		if i < (page-1)*campaignPageSize || i >= page*campaignPageSize {
			continue
		}
		var offer any
		if cp.Discount != "" {
			offer = cp.Discount
		}
		results = append(results, map[string]any{
			"id": cp.ID, "name": cp.Name, "product": cp.Product, "created_at": cp.CreatedAt,
			"landing_page_url": cp.Link, "slug": cp.Slug, "is_default": false, "region": cp.Region, "offer": offer,
		})
	}
	return pOK(map[string]any{"value": pMoney(earnings), "results": results, "total": len(matched), "limit": campaignPageSize}), nil
}

// disableCampaign disables (archives) a campaign; disabling a disabled campaign changes nothing.
func disableCampaign(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	cp, e := c.campaignArg(authoritative)
	if e != nil {
		return presult{}, e
	}
	if cp.Active {
		ed := c.st.campaigns.editable(cp.ID)
		ed.Active = false
		ed.DisabledAt = c.now.UTC().Format(partnerTimeFormat)
		c.st.campaigns.update(cp.ID, ed, c.now, c.delay)
	}
	return pNoContent(), nil
}

// campaignArg is the campaign named by the {campaign_id} path segment, as seen in v.
func (c *pcall) campaignArg(v view) (*Campaign, *apiError) {
	id, err := strconv.Atoi(c.vars["campaign_id"])
	if err != nil {
		return nil, pNotFound("Campaign " + c.vars["campaign_id"])
	}
	cp := c.st.campaigns.in(id, v)
	if cp == nil {
		return nil, pNotFound("Campaign " + c.vars["campaign_id"])
	}
	return cp, nil
}

// Campaign metrics.

// pCycleEarnings splits a campaign's earnings by billing cycle: every third day's conversions
// are annual, the others monthly.
func pCycleEarnings(cp *Campaign, from, to, now time.Time, cycle string) int64 {
	var cents int64
	for _, d := range pCampaignDays(cp, from, to, now) {
		act := pCampaignDay(cp, d)
		var annual int64
		if (pDayIndex(d)+int64(cp.ID))%3 == 0 {
			annual = act.conversions
		}
		switch cycle {
		case "annual":
			cents += annual * pConversionCents[cp.Product]
		case "monthly":
			cents += (act.conversions - annual) * pConversionCents[cp.Product]
		default:
			cents += act.earningsCents
		}
	}
	return cents
}

func campaignEarningsMetric(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "billing_cycle"); e != nil {
		return presult{}, e
	}
	cp, e := c.campaignArg(c.view())
	if e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, true, c.now, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	cycle, e := pEnumArg(a, "billing_cycle", false, "", pBillingCycles)
	if e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"value": pMoney(pCycleEarnings(cp, from, to, c.now, cycle))}), nil
}

func campaignEarningsReport(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to", "billing_cycle", "aggregation"); e != nil {
		return presult{}, e
	}
	cp, e := c.campaignArg(c.view())
	if e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, true, c.now, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	cycle, e := pEnumArg(a, "billing_cycle", true, "", pBillingCycles)
	if e != nil {
		return presult{}, e
	}
	agg, e := pEnumArg(a, "aggregation", true, "", pAggregations)
	if e != nil {
		return presult{}, e
	}
	return pOK(pReportItems(from, to, agg, func(f, t time.Time) float64 {
		return pMoney(pCycleEarnings(cp, f, t, c.now, cycle))
	})), nil
}

func campaignSummary(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	cp, e := c.campaignArg(c.view())
	if e != nil {
		return presult{}, e
	}
	act := pCampaignActivity(cp, pBeginning, c.now, c.now)
	return pOK(map[string]any{"click": act.clicks, "trial": act.trials, "paid": act.conversions, "earnings": pMoney(act.earningsCents)}), nil
}

// pMetricValue is the value of one affiliate measure in an activity.
func pMetricValue(kind string, act affActivity) float64 {
	switch kind {
	case "clicks":
		return float64(act.clicks)
	case "trials":
		return float64(act.trials)
	case "conversions":
		return float64(act.conversions)
	}
	return pMoney(act.earningsCents)
}

// pBestPerforming reads limit and the date range of a best-performing method (everything is
// required except for the earnings report, whose defaults are 5 campaigns over the last 30 days).
func pBestPerforming(c *pcall, a pargs, kind string, optional bool) ([]*Campaign, time.Time, time.Time, *apiError) {
	if e := a.only("limit", "date_from", "date_to"); e != nil {
		return nil, time.Time{}, time.Time{}, e
	}
	limit, ok, e := a.integer("limit", !optional)
	if e != nil {
		return nil, time.Time{}, time.Time{}, e
	}
	if !ok {
		limit = defaultBestLimit
	}
	if limit < 1 {
		return nil, time.Time{}, time.Time{}, pBadRequest("`limit` must be 1 or more")
	}
	from, to, e := pDateRange(a, !optional, c.now, pDateTimeLayout)
	if e != nil {
		return nil, from, to, e
	}
	if _, given, _ := a.str("date_from", false); optional && !given {
		from = c.now.Add(-30 * pDay)
	}
	ranked := pRankCampaigns(c.st.campaignsFor(c.view(), "all"), func(cp *Campaign) float64 {
		return pMetricValue(kind, pCampaignActivity(cp, from, to, c.now))
	})
	if len(ranked) > limit {
		ranked = ranked[:limit]
	}
	return ranked, from, to, nil
}

func bestPerformingReport(kind string) partnerHandler {
	return func(c *pcall, a pargs) (presult, *apiError) {
		ranked, from, to, e := pBestPerforming(c, a, kind, kind == "earnings")
		if e != nil {
			return presult{}, e
		}
		items := []map[string]any{}
		for _, cp := range ranked {
			items = append(items, map[string]any{
				"id": cp.ID, "name": cp.Name, "product": cp.Product,
				"value": pMetricValue(kind, pCampaignActivity(cp, from, to, c.now)),
			})
		}
		return pOK(map[string]any{"items": items}), nil
	}
}

func bestPerformingMetric(kind string) partnerHandler {
	return func(c *pcall, a pargs) (presult, *apiError) {
		ranked, from, to, e := pBestPerforming(c, a, kind, false)
		if e != nil {
			return presult{}, e
		}
		var total affActivity
		for _, cp := range ranked {
			total.add(pCampaignActivity(cp, from, to, c.now))
		}
		return pOK(map[string]any{"value": pMetricValue(kind, total)}), nil
	}
}

// affiliateMetric serves /affiliates/metrics/{kind}; the trials metric has no product parameter.
func affiliateMetric(kind string) partnerHandler {
	return func(c *pcall, a pargs) (presult, *apiError) {
		keys := []string{"date_from", "date_to", "product"}
		if kind == "trials" {
			keys = keys[:2]
		}
		if e := a.only(keys...); e != nil {
			return presult{}, e
		}
		from, to, e := pDateRange(a, true, c.now, pDateTimeLayout)
		if e != nil {
			return presult{}, e
		}
		product := "all"
		if kind != "trials" {
			if product, e = pEnumArg(a, "product", false, "all", pMetricProducts); e != nil {
				return presult{}, e
			}
		}
		return pOK(map[string]any{"value": pMetricValue(kind, c.st.affiliateActivity(c.view(), product, from, to, c.now))}), nil
	}
}

// affiliateReport serves /affiliates/reports/{kind} (up to 12 months).
func affiliateReport(kind string) partnerHandler {
	return func(c *pcall, a pargs) (presult, *apiError) {
		if e := a.only("date_from", "date_to", "aggregation", "product"); e != nil {
			return presult{}, e
		}
		from, to, e := pDateRange(a, true, c.now, pDateTimeLayout)
		if e != nil {
			return presult{}, e
		}
		if to.Sub(from) > pMaxReportSpan {
			return presult{}, pBadRequest("The report covers up to 12 months: `date_from` and `date_to` may be at most 366 days apart")
		}
		agg, e := pEnumArg(a, "aggregation", true, "", pAggregations)
		if e != nil {
			return presult{}, e
		}
		product, e := pEnumArg(a, "product", false, "all", pReportProducts)
		if e != nil {
			return presult{}, e
		}
		v := c.view()
		return pOK(pReportItems(from, to, agg, func(f, t time.Time) float64 {
			return pMetricValue(kind, c.st.affiliateActivity(v, product, f, t, c.now))
		})), nil
	}
}

// Affiliate licenses: the synthetic trials of the campaigns.

type affiliateLicense struct {
	product                            string
	created, end                       time.Time
	active, ql, ccAdded, paid, blocked bool
	earningsCents                      int64
	campaign                           *Campaign
}

func (p *partnerStore) affiliateLicenses(v view, from, to, now time.Time) []affiliateLicense {
	var out []affiliateLicense
	for _, cp := range p.campaignsFor(v, "all") {
		for _, d := range pCampaignDays(cp, from, to, now) {
			act := pCampaignDay(cp, d)
			for i := int64(0); i < act.trials; i++ {
				created := d.Add(9*time.Hour + time.Duration(i)*53*time.Minute)
				if created.After(now) || created.Before(from) || created.After(to) {
					continue
				}
				paid := i < act.conversions
				l := affiliateLicense{
					product: cp.Product, created: created, paid: paid, ccAdded: paid || i == act.trials-1,
					ql: paid || i%2 == 0, campaign: cp,
					end: created.Add(time.Duration(cp.TrialDuration) * pDay),
				}
				if paid {
					l.end = l.end.AddDate(0, 1, 0)
					l.earningsCents = pConversionCents[cp.Product]
				}
				l.active = now.Before(l.end)
				out = append(out, l)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].created.After(out[j].created) })
	return out
}

func getAffiliateLicenses(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, c.now, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, l := range c.st.affiliateLicenses(c.view(), from, to, c.now) {
		out = append(out, map[string]any{
			"product": l.product, "creation_timestamp": l.created.Format(partnerTimeFormat),
			"end_timestamp": l.end.Format(partnerTimeFormat), "active": l.active, "ql": l.ql,
			"cc_added": l.ccAdded, "paid": l.paid, "commission_percent": solutionCommissionPercent,
			"earnings": pMoney(l.earningsCents), "blocked": l.blocked, "campaign_name": l.campaign.Name,
			"utm_campaign": l.campaign.Slug, "utm_medium": "", "utm_content": "", "utm_term": "",
		})
	}
	return pOK(map[string]any{"result": out}), nil
}

func getAffiliateSummary(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	var trials, paid, expired int
	for _, l := range c.st.affiliateLicenses(c.view(), pBeginning, c.now, c.now) {
		switch {
		case l.paid:
			paid++
		case l.active:
			trials++
		default:
			expired++
		}
	}
	return pOK(map[string]any{"trials": trials, "paid": paid, "expired": expired}), nil
}

func getPerformance(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only("date_from", "date_to"); e != nil {
		return presult{}, e
	}
	from, to, e := pDateRange(a, false, c.now, pDateLayout)
	if e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, cp := range c.st.campaignsFor(c.view(), "all") {
		act := pCampaignActivity(cp, from, to, c.now)
		if act.clicks == 0 {
			continue
		}
		row := map[string]any{
			"product": cp.Product, "campaign_name": cp.Name, "utm_campaign": cp.Slug, "utm_medium": "",
			"utm_content": "", "utm_term": "", "clicks": act.clicks, "trials": act.trials,
			"qls": act.trials - act.trials/2, "paid": act.conversions, "partners_referred": act.referred,
			"commission": pMoney(act.earningsCents),
		}
		if cp.Product == "partner_program" {
			row["trials"], row["qls"], row["paid"] = 0, 0, 0
		}
		out = append(out, row)
	}
	return pOK(map[string]any{"result": out}), nil
}

func getPartnersReferred(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, cp := range c.st.campaignsFor(c.view(), "partner_program") {
		for _, d := range pCampaignDays(cp, pBeginning, c.now, c.now) {
			act := pCampaignDay(cp, d)
			for j := int64(0); j < act.referred; j++ {
				seed := fmt.Sprintf("referred/%d/%d/%d", cp.ID, pDayIndex(d), j)
				h := sha1.Sum([]byte(seed))
				n := int64(h[0])
				activeTrials, ccTrials, activePaid := n%5, n%3, n%2
				out = append(out, map[string]any{
					"partner_id": pShortCode(seed) + "R", "creation_timestamp": d.Add(11*time.Hour + time.Duration(j)*time.Hour).Format(partnerTimeFormat),
					"active_trials": activeTrials, "active_trials_cc_added": ccTrials, "total_trials": activeTrials + ccTrials + 2,
					"active_paid": activePaid, "total_paid": activePaid, "commission": pMoney(referredCommissionCents),
					"campaign_name": cp.Name, "utm_campaign": cp.Slug, "utm_medium": "", "utm_content": "", "utm_term": "",
				})
			}
		}
	}
	return pOK(map[string]any{"result": out}), nil
}

func getAffiliateLinks(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	out := map[string]any{}
	for _, prod := range []string{"livechat", "chatbot", "partner_program"} {
		out[prod] = map[string]string{
			"url":       pProductHomepages[prod] + "?a=" + url.QueryEscape(c.st.partnerID()) + "&utm_source=PP",
			"short_url": "https://lc.chat/" + pShortCode("default/"+prod+"/"+c.st.partnerID()),
		}
	}
	return pOK(out), nil
}
