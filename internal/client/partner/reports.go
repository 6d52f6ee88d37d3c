package partner

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// ReportQuery are the parameters of the Partner API's reports and metrics; empty fields are not
// sent. Which of them a kind uses is in ReportKinds and MetricKinds.
type ReportQuery struct {
	From, To      time.Time
	Aggregation   string
	Product       string
	Program       string
	LicenseStatus string
	BillingCycle  string
	CampaignID    int64
	Limit         int64
	Filters       []Filter
}

// Kind describes one report or metric endpoint: its path (%d is the campaign id), the layout of
// its dates and the parameters it takes besides the dates.
type Kind struct {
	Path       string
	DateLayout string
	// Params it accepts: "aggregation", "product", "program", "license_status", "billing_cycle",
	// "campaign_id", "limit", "filters".
	Params []string
	// DatesOptional: date_from/date_to may be left out.
	DatesOptional bool
}

// Has reports whether the kind takes parameter p.
func (k Kind) Has(p string) bool {
	for _, x := range k.Params {
		if x == p {
			return true
		}
	}
	return false
}

// ReportKinds are the aggregated reports ({"items":[{"date_range","total"}]}).
var ReportKinds = map[string]Kind{
	"commission":                   {Path: "/reports/commission", DateLayout: DateTimeFormat, Params: []string{"aggregation", "filters"}},
	"partners_referred_commission": {Path: "/partners-referred/reports/commission", DateLayout: DateTimeFormat, Params: []string{"aggregation", "product", "program"}},
	"trials":                       {Path: "/affiliates/reports/trials", DateLayout: DateTimeFormat, Params: []string{"aggregation", "product"}},
	"earnings":                     {Path: "/affiliates/reports/earnings", DateLayout: DateTimeFormat, Params: []string{"aggregation", "product"}},
	"conversions":                  {Path: "/affiliates/reports/conversions", DateLayout: DateTimeFormat, Params: []string{"aggregation", "product"}},
	"clicks":                       {Path: "/affiliates/reports/clicks", DateLayout: DateTimeFormat, Params: []string{"aggregation", "product"}},
	"solution_licenses":            {Path: "/solutions/reports/license", DateLayout: DateTimeFormat, Params: []string{"aggregation", "license_status"}},
	"campaign_earnings":            {Path: "/affiliates/campaigns/%d/reports/earnings", DateLayout: DateFormat, Params: []string{"aggregation", "billing_cycle", "campaign_id"}},
}

// MetricKinds are the single-value metrics ({"value": n}).
var MetricKinds = map[string]Kind{
	"commission":                            {Path: "/metrics/commission", DateLayout: DateTimeFormat, Params: []string{"product", "program"}, DatesOptional: true},
	"referred_partners_commission":          {Path: "/partners-referred/metrics/commission", DateLayout: DateTimeFormat, Params: []string{"product", "program"}, DatesOptional: true},
	"trials":                                {Path: "/affiliates/metrics/trials", DateLayout: DateTimeFormat},
	"earnings":                              {Path: "/affiliates/metrics/earnings", DateLayout: DateTimeFormat, Params: []string{"product"}},
	"conversions":                           {Path: "/affiliates/metrics/conversions", DateLayout: DateTimeFormat, Params: []string{"product"}},
	"clicks":                                {Path: "/affiliates/metrics/clicks", DateLayout: DateTimeFormat, Params: []string{"product"}},
	"campaign_earnings":                     {Path: "/affiliates/campaigns/%d/metrics/earnings", DateLayout: DateFormat, Params: []string{"billing_cycle", "campaign_id"}},
	"best_performing_campaigns_clicks":      {Path: "/affiliates/campaigns/best-performing/metrics/clicks", DateLayout: DateTimeFormat, Params: []string{"limit"}},
	"best_performing_campaigns_trials":      {Path: "/affiliates/campaigns/best-performing/metrics/trials", DateLayout: DateTimeFormat, Params: []string{"limit"}},
	"best_performing_campaigns_conversions": {Path: "/affiliates/campaigns/best-performing/metrics/conversions", DateLayout: DateTimeFormat, Params: []string{"limit"}},
	"best_performing_campaigns_earnings":    {Path: "/affiliates/campaigns/best-performing/metrics/earnings", DateLayout: DateTimeFormat, Params: []string{"limit"}},
}

func (k Kind) request(q ReportQuery) (string, url.Values, error) {
	path := k.Path
	if k.Has("campaign_id") {
		path = fmt.Sprintf(k.Path, q.CampaignID)
	}
	v := DateRange{From: q.From, To: q.To}.query(nil, k.DateLayout)
	set := func(p, val string) {
		if val != "" && k.Has(p) {
			v.Set(p, val)
		}
	}
	set("aggregation", q.Aggregation)
	set("product", q.Product)
	set("program", q.Program)
	set("license_status", q.LicenseStatus)
	set("billing_cycle", q.BillingCycle)
	if q.Limit > 0 && k.Has("limit") {
		v.Set("limit", strconv.FormatInt(q.Limit, 10))
	}
	if len(q.Filters) > 0 && k.Has("filters") {
		b, err := json.Marshal(q.Filters)
		if err != nil {
			return "", nil, err
		}
		v.Set("filters", string(b))
	}
	return path, v, nil
}

// GetReport fetches an aggregated report of a ReportKinds kind.
func (c *Client) GetReport(ctx context.Context, kind string, q ReportQuery) (*Report, error) {
	k, ok := ReportKinds[kind]
	if !ok {
		return nil, fmt.Errorf("unknown report kind %q", kind)
	}
	path, v, err := k.request(q)
	if err != nil {
		return nil, err
	}
	var out Report
	if err := c.get(ctx, path, v, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetMetric fetches a value of a MetricKinds kind.
func (c *Client) GetMetric(ctx context.Context, kind string, q ReportQuery) (float64, error) {
	k, ok := MetricKinds[kind]
	if !ok {
		return 0, fmt.Errorf("unknown metric kind %q", kind)
	}
	path, v, err := k.request(q)
	if err != nil {
		return 0, err
	}
	var out Value
	err = c.get(ctx, path, v, &out)
	return out.Value, err
}

// BestCampaign is one campaign of a best-performing campaigns report.
type BestCampaign struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Product string  `json:"product"`
}

// GetBestPerformingCampaigns ranks campaigns by measure (clicks, trials, conversions, earnings).
func (c *Client) GetBestPerformingCampaigns(ctx context.Context, measure string, limit int64, r DateRange) ([]BestCampaign, error) {
	q := r.query(nil, DateTimeFormat)
	if limit > 0 {
		q.Set("limit", strconv.FormatInt(limit, 10))
	}
	var out struct {
		Items []BestCampaign `json:"items" answer:"required"`
	}
	err := c.get(ctx, "/affiliates/campaigns/best-performing/reports/"+url.PathEscape(measure), q, &out)
	return out.Items, err
}

// AffiliateLicense is one license of Get Affiliate Licenses.
type AffiliateLicense struct {
	Product           string  `json:"product"`
	CreationTimestamp string  `json:"creation_timestamp"`
	EndTimestamp      string  `json:"end_timestamp"`
	Active            bool    `json:"active"`
	QL                bool    `json:"ql"`
	CCAdded           bool    `json:"cc_added"`
	Paid              bool    `json:"paid"`
	CommissionPercent float64 `json:"commission_percent"`
	Earnings          float64 `json:"earnings"`
	Blocked           bool    `json:"blocked"`
	CampaignName      string  `json:"campaign_name"`
	UTMCampaign       string  `json:"utm_campaign"`
	UTMMedium         string  `json:"utm_medium"`
	UTMContent        string  `json:"utm_content"`
	UTMTerm           string  `json:"utm_term"`
}

// GetAffiliateLicenses lists the affiliate licenses created within r (dates YYYY-MM-DD).
func (c *Client) GetAffiliateLicenses(ctx context.Context, r DateRange) ([]AffiliateLicense, error) {
	var out struct {
		Result []AffiliateLicense `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/affiliates/licenses", r.query(nil, DateFormat), &out)
	return out.Result, err
}

// AffiliateSummary is the Affiliate Get Summary.
type AffiliateSummary struct {
	Trials  int64 `json:"trials"`
	Paid    int64 `json:"paid"`
	Expired int64 `json:"expired"`
}

// GetAffiliateSummary counts the affiliate licenses by state.
func (c *Client) GetAffiliateSummary(ctx context.Context) (*AffiliateSummary, error) {
	var out AffiliateSummary
	if err := c.get(ctx, "/affiliates/summary", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
