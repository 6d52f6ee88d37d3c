package partner

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Campaign joins what the API tells about an affiliate campaign in two places: Search Campaigns
// (id, landing page, state, region) and Get Campaigns (tracking URLs, trial, discount). They are
// matched by the slug derived from the name and by creation time: the two methods' examples
// write the slug differently ("pp-..." in Search Campaigns, "pp_..." in Get Campaigns), so the
// answered slugs are not compared with each other. Slug is Get Campaigns' when joined.
type Campaign struct {
	ID                int64
	Product           string
	Name              string
	Slug              string
	Link              string // landing_page_url
	URL               string
	ShortURL          string
	TrialDuration     int64
	Discount          string
	CreationTimestamp string
	Active            bool
	Region            string
	IsDefault         bool
	Offer             string
}

// CampaignCreate is the Create Campaign request: product goes in the query, the rest is a form.
type CampaignCreate struct {
	Product       string
	Name          string
	Link          string
	TrialDuration int64
	CouponID      *int64
}

// CampaignCreated is the Create Campaign answer (it carries no id).
type CampaignCreated struct {
	Product           string `json:"product"`
	Name              string `json:"name"`
	Slug              string `json:"slug" answer:"required"`
	URL               string `json:"url"`
	ShortURL          string `json:"short_url"`
	CreationTimestamp string `json:"creation_timestamp"`
	TrialDuration     int64  `json:"trial_duration"`
	Discount          string `json:"discount"`
}

// CampaignSearch are the Search Campaigns parameters.
type CampaignSearch struct {
	Page      int
	State     string // active or archived
	Product   string // livechat, chatbot, helpdesk or all ("" = all)
	Filters   []Filter
	SortBy    string
	SortOrder string
}

// CampaignSearchResult is one Search Campaigns page.
type CampaignSearchResult struct {
	Value   float64             `json:"value"`
	Results []CampaignSearchHit `json:"results" answer:"required"`
	Total   int                 `json:"total"`
	Limit   int                 `json:"limit"`
}

// CampaignSearchHit is one campaign of a Search Campaigns page.
type CampaignSearchHit struct {
	ID             int64   `json:"id"`
	Name           string  `json:"name"`
	Product        string  `json:"product"`
	CreatedAt      string  `json:"created_at"`
	LandingPageURL string  `json:"landing_page_url"`
	Slug           string  `json:"slug"`
	IsDefault      bool    `json:"is_default"`
	Region         string  `json:"region"`
	Offer          *string `json:"offer"`
}

// CampaignListed is one campaign of Get Campaigns.
type CampaignListed struct {
	Active            bool   `json:"active"`
	Product           string `json:"product"`
	Name              string `json:"name"`
	Slug              string `json:"slug"`
	URL               string `json:"url"`
	ShortURL          string `json:"short_url"`
	CreationTimestamp string `json:"creation_timestamp"`
	TrialDuration     int64  `json:"trial_duration"`
	Discount          string `json:"discount"`
}

// CreateCampaign creates a campaign and returns it with its id. The answer has no id, so the new
// campaign is looked up by its slug (unique among active campaigns: the API answers 409 for a
// second one) with Search Campaigns. Whether the slug is taken is noted first: after an ambiguous
// failure only an active campaign with the slug that was not there before is adopted, and a
// re-send's 409 proves the first attempt went through only when the slug was free.
func (c *Client) CreateCampaign(ctx context.Context, in CampaignCreate) (*CampaignCreated, error) {
	slug := CampaignSlug(in.Name)
	var beforeID int64 // the active campaign with the slug before the first attempt; 0: none
	switch hit, err := c.FindActiveCampaignBySlug(ctx, slug); {
	case err == nil:
		beforeID = hit.ID
	case !client.IsNotFound(err):
		return nil, err
	}
	defer c.invalidateCampaigns()
	form := url.Values{"name": {in.Name}, "link": {in.Link}, "trial_duration": {strconv.FormatInt(in.TrialDuration, 10)}}
	if in.CouponID != nil {
		form.Set("coupon_id", strconv.FormatInt(*in.CouponID, 10))
	}
	var out CampaignCreated
	req := request(http.MethodPost, "/affiliates/campaigns", url.Values{"product": {in.Product}})
	req.Form = form
	req.Operation = "create_campaign"
	req.Creates = true
	req.AlreadyExistsProves = beforeID == 0
	req.Recover = func(ctx context.Context) (bool, error) {
		hit, err := c.FindActiveCampaignBySlug(ctx, slug)
		if client.IsNotFound(err) || err == nil && hit.ID == beforeID {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		out = CampaignCreated{Product: hit.Product, Name: hit.Name, Slug: CampaignSlug(in.Name), CreationTimestamp: hit.CreatedAt}
		return true, nil
	}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	if out.Slug == "" { // a re-sent create answered 409: the first attempt made it
		out.Slug = slug
	}
	return &out, nil
}

// CampaignSlug is the slug the API derives from a campaign name: "pp_" and the name in lower case
// with every run of other characters than ASCII letters and digits turned into one "-".
func CampaignSlug(name string) string {
	out := []byte{}
	dash := false
	for _, r := range name {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			out = append(out, byte(r))
			dash = false
		default:
			dash = true
		}
	}
	if len(out) == 0 {
		return "pp_campaign"
	}
	return "pp_" + string(out)
}

// SearchCampaigns returns one page of Search Campaigns.
func (c *Client) SearchCampaigns(ctx context.Context, in CampaignSearch) (*CampaignSearchResult, error) {
	q := url.Values{"page": {strconv.Itoa(max(in.Page, 1))}, "state": {in.State}}
	if in.Product != "" {
		q.Set("product", in.Product)
	}
	if len(in.Filters) > 0 {
		b, err := json.Marshal(in.Filters)
		if err != nil {
			return nil, err
		}
		q.Set("filters", string(b))
	}
	if in.SortBy != "" {
		q.Set("sort_by", in.SortBy)
	}
	if in.SortOrder != "" {
		q.Set("sort_order", in.SortOrder)
	}
	var out CampaignSearchResult
	if err := c.get(ctx, "/affiliates/campaigns/search", q, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SearchAllCampaigns follows the pages of Search Campaigns to the end.
func (c *Client) SearchAllCampaigns(ctx context.Context, in CampaignSearch) ([]CampaignSearchHit, error) {
	var all []CampaignSearchHit
	for page := 1; ; page++ {
		in.Page = page
		res, err := c.SearchCampaigns(ctx, in)
		if err != nil {
			return nil, err
		}
		all = append(all, res.Results...)
		if len(res.Results) == 0 || len(all) >= res.Total || page >= 1000 {
			return all, nil
		}
	}
}

// FindActiveCampaignBySlug finds the active campaign with that slug (fresh, never cached): the
// one whose name gives the slug, whatever form of it the answer shows.
func (c *Client) FindActiveCampaignBySlug(ctx context.Context, slug string) (*CampaignSearchHit, error) {
	res, err := c.SearchAllCampaigns(ctx, CampaignSearch{State: "active", Product: "all",
		Filters: []Filter{{Field: "slug", Value: slug, Operator: "equals"}}})
	if err != nil {
		return nil, err
	}
	if hit := client.Find(res, func(h *CampaignSearchHit) bool { return CampaignSlug(h.Name) == slug }); hit != nil {
		return hit, nil
	}
	return nil, notFound("search_campaigns", "active campaign "+slug)
}

// GetCampaigns returns Get Campaigns for state active or disabled.
func (c *Client) GetCampaigns(ctx context.Context, state string) ([]CampaignListed, error) {
	var out struct {
		Result []CampaignListed `json:"result" answer:"required"`
	}
	q := url.Values{}
	if state != "" {
		q.Set("state", state)
	}
	err := c.get(ctx, "/affiliates/campaigns", q, &out)
	return out.Result, err
}

// ListCampaigns returns every campaign, active and disabled, with the details of both list
// methods. fresh=false may answer from the run's read cache.
func (c *Client) ListCampaigns(ctx context.Context, fresh bool) ([]Campaign, error) {
	return client.Cached(ctx, c.core, cacheKindCampaigns, fresh, func(ctx context.Context) ([]Campaign, error) {
		return c.listCampaigns(ctx, campaignStates...)
	})
}

// campaignState names one state in both list methods (Search Campaigns says archived where Get
// Campaigns says disabled).
type campaignState struct{ search, list string }

var (
	activeCampaigns = campaignState{"active", "active"}
	campaignStates  = []campaignState{activeCampaigns, {"archived", "disabled"}}
)

// listCampaigns joins Search Campaigns (every page) and Get Campaigns for each state.
func (c *Client) listCampaigns(ctx context.Context, states ...campaignState) ([]Campaign, error) {
	var out []Campaign
	for _, st := range states {
		hits, err := c.SearchAllCampaigns(ctx, CampaignSearch{State: st.search, Product: "all"})
		if err != nil {
			return nil, err
		}
		listed, err := c.GetCampaigns(ctx, st.list)
		if err != nil {
			return nil, err
		}
		byKey := map[string]CampaignListed{}
		for _, l := range listed {
			byKey[CampaignSlug(l.Name)+"|"+l.CreationTimestamp] = l
		}
		for _, h := range hits {
			cp := Campaign{
				ID: h.ID, Product: h.Product, Name: h.Name, Slug: h.Slug, Link: h.LandingPageURL,
				CreationTimestamp: h.CreatedAt, Active: st.search == "active", Region: h.Region, IsDefault: h.IsDefault,
			}
			if h.Offer != nil {
				cp.Offer = *h.Offer
			}
			if l, ok := byKey[CampaignSlug(h.Name)+"|"+h.CreatedAt]; ok {
				cp.Slug, cp.URL, cp.ShortURL, cp.TrialDuration, cp.Discount = l.Slug, l.URL, l.ShortURL, l.TrialDuration, l.Discount
			}
			out = append(out, cp)
		}
	}
	return out, nil
}

// ListActiveCampaigns returns the active campaigns (Search Campaigns, every page, and Get
// Campaigns): half the calls of ListCampaigns. fresh=false may answer from the run's read cache.
func (c *Client) ListActiveCampaigns(ctx context.Context, fresh bool) ([]Campaign, error) {
	return client.Cached(ctx, c.core, cacheKindActiveCampaigns, fresh, func(ctx context.Context) ([]Campaign, error) {
		return c.listCampaigns(ctx, activeCampaigns)
	})
}

// ListActiveCampaignsAfter is ListActiveCampaigns from a fetch that began at or after since, and
// when that fetch began: each poll of a wait passes just after the fetch the poll before it saw,
// so the waits of concurrent campaign writes share one fetch per poll.
func (c *Client) ListActiveCampaignsAfter(ctx context.Context, since time.Time) ([]Campaign, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindActiveCampaigns, since, func(ctx context.Context) ([]Campaign, error) {
		return c.listCampaigns(ctx, activeCampaigns)
	})
}

// findCampaign returns the campaign id of list, or a not-found error naming what.
func findCampaign(list []Campaign, id int64, what string) (*Campaign, error) {
	if cp := client.Find(list, func(cp *Campaign) bool { return cp.ID == id }); cp != nil {
		return cp, nil
	}
	return nil, notFound("search_campaigns", fmt.Sprintf("%s %d", what, id))
}

// invalidateCampaigns drops both cached campaign lists.
func (c *Client) invalidateCampaigns() {
	c.core.Invalidate(cacheKindCampaigns, cacheKindActiveCampaigns)
}

// GetCampaign finds a campaign (active or disabled) by id through ListCampaigns.
func (c *Client) GetCampaign(ctx context.Context, id int64, fresh bool) (*Campaign, error) {
	list, err := c.ListCampaigns(ctx, fresh)
	if err != nil {
		return nil, err
	}
	return findCampaign(list, id, "campaign")
}

// DisableCampaign disables (archives) a campaign.
func (c *Client) DisableCampaign(ctx context.Context, id int64) error {
	defer c.invalidateCampaigns()
	return c.do(ctx, request(http.MethodDelete, fmt.Sprintf("/affiliates/campaigns/%d", id), nil), nil)
}

// CampaignSummary is Get Campaigns Summary.
type CampaignSummary struct {
	Click    int64   `json:"click"`
	Trial    int64   `json:"trial"`
	Paid     int64   `json:"paid"`
	Earnings float64 `json:"earnings"`
}

// GetCampaignSummary returns a campaign's all-time clicks, trials, paid licenses and earnings.
func (c *Client) GetCampaignSummary(ctx context.Context, id int64) (*CampaignSummary, error) {
	var out CampaignSummary
	if err := c.get(ctx, fmt.Sprintf("/affiliates/campaigns/%d/summary", id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCampaignEarningsMetric is Get Campaigns Earnings Metric (dates as YYYY-MM-DD; billingCycle
// may be empty).
func (c *Client) GetCampaignEarningsMetric(ctx context.Context, id int64, r DateRange, billingCycle string) (float64, error) {
	q := r.query(nil, DateFormat)
	if billingCycle != "" {
		q.Set("billing_cycle", billingCycle)
	}
	var out Value
	err := c.get(ctx, fmt.Sprintf("/affiliates/campaigns/%d/metrics/earnings", id), q, &out)
	return out.Value, err
}

// GetCampaignEarningsReport is Get Campaigns Earnings Report.
func (c *Client) GetCampaignEarningsReport(ctx context.Context, id int64, r DateRange, billingCycle, aggregation string) (*Report, error) {
	q := r.query(nil, DateFormat)
	q.Set("billing_cycle", billingCycle)
	q.Set("aggregation", aggregation)
	var out Report
	if err := c.get(ctx, fmt.Sprintf("/affiliates/campaigns/%d/reports/earnings", id), q, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
