package emulator

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"time"
)

// Reports, metrics and summaries of the Partner API. The emulator has no visitors, so affiliate
// activity is synthetic but deterministic: every campaign produces, for every day from its creation
// until it is disabled (and never after "now"), a number of clicks, trials, conversions and
// earnings computed from its id and the day (pCampaignDay). Solution figures come from the real
// solution licenses and their invoices. Every report, metric and summary is a sum of these, so the
// figures agree with each other and with the requested date range and aggregation.

const (
	pDateTimeLayout = "2006-01-02T15:04:05Z07:00" // "YYYY-MM-DDTHH:mm:ssZ"
	pDateLayout     = "2006-01-02"                // "YYYY-MM-DD"
	pDay            = 24 * time.Hour
	// pMaxReportSpan is the "up to last 12 months" of the affiliate reports.
	pMaxReportSpan = 366 * pDay
	// Commission and discount percent of solution licenses.
	solutionCommissionPercent = 20
	solutionDiscountPercent   = 20
	// Commission of an affiliate trial that converts, in cents, per product.
	referredCommissionCents = 1250 // per partner referred by a partner_program campaign
)

var (
	pAggregations      = []string{"day", "week", "month"}
	pReportProducts    = []string{"livechat", "chatbot", "helpdesk", "all"}
	pPrograms          = []string{"affiliate", "solution", "all"}
	pBillingCycles     = []string{"monthly", "annual"}
	pConversionCents   = map[string]int64{"livechat": 4100, "chatbot": 2600, "helpdesk": 1750, "partner_program": 3000}
	pAffiliateProducts = []string{"livechat", "chatbot", "helpdesk", "partner_program"}
)

// activity is what one campaign produced on one day.
type affActivity struct {
	clicks, trials, conversions, referred int64
	earningsCents                         int64
}

func (a *affActivity) add(b affActivity) {
	a.clicks += b.clicks
	a.trials += b.trials
	a.conversions += b.conversions
	a.referred += b.referred
	a.earningsCents += b.earningsCents
}

func pDayIndex(t time.Time) int64 { return t.UTC().Unix() / int64(pDay/time.Second) }

func pDayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// pCampaignDay is the synthetic activity of campaign c on the day starting at d.
func pCampaignDay(c *Campaign, d time.Time) affActivity {
	di := pDayIndex(d)
	clicks := 4 + (int64(c.ID)*7+di*3)%9
	trials := clicks / 3
	conv := trials / 2
	a := affActivity{clicks: clicks, trials: trials, conversions: conv, earningsCents: conv * pConversionCents[c.Product]}
	if c.Product == "partner_program" {
		a.referred = conv
	}
	return a
}

// pCampaignDays lists the days (UTC midnights) on which c was active within [from, to] and not
// after now.
func pCampaignDays(c *Campaign, from, to, now time.Time) []time.Time {
	pCreated, err := time.Parse(partnerTimeFormat, c.CreatedAt)
	if err != nil {
		return nil
	}
	end := now
	if !c.Active && c.DisabledAt != "" {
		if t, err := time.Parse(partnerTimeFormat, c.DisabledAt); err == nil && t.Before(end) {
			end = t
		}
	}
	if to.Before(end) {
		end = to
	}
	start := pDayStart(pCreated)
	if f := pDayStart(from); f.After(start) {
		start = f
	}
	var out []time.Time
	for d := start; !d.After(end); d = d.Add(pDay) {
		out = append(out, d)
	}
	return out
}

// pCampaignActivity sums c's activity over [from, to].
func pCampaignActivity(c *Campaign, from, to, now time.Time) affActivity {
	var a affActivity
	for _, d := range pCampaignDays(c, from, to, now) {
		a.add(pCampaignDay(c, d))
	}
	return a
}

var (
	pBeginning = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	pEndOfTime = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

// campaignsFor lists the campaigns (active and disabled) of product ("" or "all": every product).
func (p *partnerStore) campaignsFor(v view, product string) []*Campaign {
	var out []*Campaign
	for _, c := range p.campaigns.list(v) {
		if product == "" || product == "all" || c.Product == product {
			out = append(out, c)
		}
	}
	return out
}

// affiliateActivity sums the activity of every campaign of product over [from, to].
func (p *partnerStore) affiliateActivity(v view, product string, from, to, now time.Time) affActivity {
	var a affActivity
	for _, c := range p.campaignsFor(v, product) {
		a.add(pCampaignActivity(c, from, to, now))
	}
	return a
}

// money turns cents into the API's decimal amounts.
func pMoney(cents int64) float64 { return float64(cents) / 100 }

func pRoundCents(x float64) int64 { return int64(math.Round(x)) }

// Solution licenses: invoices give commission (client-paid licenses) or discount (partner-paid).

type pSolutionMoney struct{ commissionCents, discountCents int64 }

func (p *partnerStore) solutionMoney(v view, product string, from, to time.Time) pSolutionMoney {
	var out pSolutionMoney
	for _, l := range p.licenses.list(v) {
		if product != "" && product != "all" && l.Product != product {
			continue
		}
		for _, inv := range l.Invoices {
			t, err := time.Parse(partnerTimeFormat, inv.Date)
			if err != nil || t.Before(from) || t.After(to) {
				continue
			}
			cents := pRoundCents(inv.Amount * 100)
			if l.PaymentOrigin == "partner" {
				out.discountCents += cents * solutionDiscountPercent / 100
			} else {
				out.commissionCents += cents * solutionCommissionPercent / 100
			}
		}
	}
	return out
}

// Date parameters.

func pParseDate(a pargs, k string, required bool, layouts ...string) (time.Time, bool, *apiError) {
	v, ok, e := a.str(k, required)
	if !ok {
		return time.Time{}, false, e
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, v); err == nil {
			if l == pDateLayout && strings.HasSuffix(k, "_to") {
				t = t.Add(pDay - time.Second) // a date "up to" includes that whole pDay
			}
			return t.UTC(), true, nil
		}
	}
	want := "YYYY-MM-DDTHH:mm:ssZ"
	if len(layouts) == 1 && layouts[0] == pDateLayout {
		want = "YYYY-MM-DD"
	} else if len(layouts) > 1 {
		want = "YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ"
	}
	return time.Time{}, false, pBadRequest("`%s` must be a date in the format %s", k, want)
}

// pDateRange reads date_from and date_to; absent ones default to the whole history up to now.
func pDateRange(a pargs, required bool, now time.Time, layouts ...string) (time.Time, time.Time, *apiError) {
	from, okFrom, e := pParseDate(a, "date_from", required, layouts...)
	if e != nil {
		return from, from, e
	}
	to, okTo, e := pParseDate(a, "date_to", required, layouts...)
	if e != nil {
		return from, to, e
	}
	if !okFrom {
		from = pBeginning
	}
	if !okTo {
		to = now
	}
	if to.Before(from) {
		return from, to, pBadRequest("`date_from` must not be after `date_to`")
	}
	return from, to, nil
}

func pEnumArg(a pargs, k string, required bool, def string, allowed []string) (string, *apiError) {
	v, ok, e := a.str(k, required)
	if e != nil {
		return "", e
	}
	if !ok {
		return def, nil
	}
	if e := pOneOf(k, v, allowed); e != nil {
		return "", e
	}
	return v, nil
}

// bucket is one period of an aggregated report.
type reportBucket struct{ from, to time.Time }

// buckets splits [from, to] into whole days, weeks (Monday to Sunday) or calendar months; the
// first and last buckets are whole periods, as in the reference's examples.
func reportBuckets(from, to time.Time, aggregation string) []reportBucket {
	start := pDayStart(from)
	switch aggregation {
	case "week":
		start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
	case "month":
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	var out []reportBucket
	for b := start; !b.After(to); {
		var next time.Time
		switch aggregation {
		case "day":
			next = b.AddDate(0, 0, 1)
		case "week":
			next = b.AddDate(0, 0, 7)
		default:
			next = b.AddDate(0, 1, 0)
		}
		out = append(out, reportBucket{b, next.Add(-time.Second)})
		b = next
	}
	return out
}

// pReportItems builds {"items":[{"date_range":{"from","to"},"total"}]}; total sums value over the
// part of each bucket that lies within [from, to].
func pReportItems(from, to time.Time, aggregation string, value func(from, to time.Time) float64) map[string]any {
	items := []map[string]any{}
	for _, b := range reportBuckets(from, to, aggregation) {
		f, t := b.from, b.to
		if f.Before(from) {
			f = from
		}
		if t.After(to) {
			t = to
		}
		items = append(items, map[string]any{
			"date_range": map[string]string{"from": b.from.Format(partnerTimeFormat), "to": b.to.Format(partnerTimeFormat)},
			"total":      value(f, t),
		})
	}
	return map[string]any{"items": items}
}

// pFilter is one element of a `filters` parameter.
type pFilter struct {
	Field    string `json:"field"`
	Value    string `json:"value"`
	Operator string `json:"operator"`
}

// pParseFilters reads a URL-encoded JSON array of {field, value, operator}.
func pParseFilters(a pargs, fields, operators []string) ([]pFilter, *apiError) {
	v, ok, e := a.str("filters", false)
	if !ok || strings.TrimSpace(v) == "" {
		return nil, e
	}
	var raw []map[string]any
	if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return nil, pBadRequest("`filters` must be a JSON array of objects with field, value and operator")
	}
	out := make([]pFilter, 0, len(raw))
	for i, m := range raw {
		var f pFilter
		for k, x := range m {
			var s string
			switch t := x.(type) {
			case string:
				s = t
			case float64:
				s = strings.TrimSuffix(strings.TrimRight(strings.TrimRight(pJSONNumber(t), "0"), "."), ".")
			case bool:
				s = map[bool]string{true: "yes", false: "no"}[t]
			default:
				return nil, pBadRequest("`filters[%d].%s` must be a string", i, k)
			}
			switch k {
			case "field":
				f.Field = s
			case "value":
				f.Value = s
			case "operator":
				f.Operator = s
			default:
				return nil, pBadRequest("`filters[%d].%s` is not a supported key", i, k)
			}
		}
		if e := pOneOf("filters["+pItoa(i)+"].field", f.Field, fields); e != nil {
			return nil, e
		}
		if e := pOneOf("filters["+pItoa(i)+"].operator", f.Operator, operators); e != nil {
			return nil, e
		}
		out = append(out, f)
	}
	return out, nil
}

func pJSONNumber(f float64) string { b, _ := json.Marshal(f); return string(b) }

// pRankCampaigns orders campaigns by value over [from, to], highest first (ties: lower id first).
func pRankCampaigns(cs []*Campaign, value func(*Campaign) float64) []*Campaign {
	out := append([]*Campaign{}, cs...)
	sort.SliceStable(out, func(i, j int) bool {
		vi, vj := value(out[i]), value(out[j])
		if vi != vj {
			return vi > vj
		}
		return out[i].ID < out[j].ID
	})
	return out
}
