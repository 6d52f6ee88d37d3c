package partner

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// pathPrefix is where the Partner API v2 lives.
const pathPrefix = "/v2/partners"

// Date formats of the Partner API's parameters and answers.
const (
	// DateTimeFormat is the "YYYY-MM-DDTHH:mm:ssZ" of most date parameters.
	DateTimeFormat = "2006-01-02T15:04:05Z"
	// DateFormat is the "YYYY-MM-DD" of the other date parameters.
	DateFormat = "2006-01-02"
	// TimestampFormat is the "2018-03-06 11:30:40" of the answers' timestamps.
	TimestampFormat = "2006-01-02 15:04:05"
)

// Read-cache kinds of the list-only Partner API objects.
const (
	cacheKindCampaigns       = "partner/campaigns"
	cacheKindActiveCampaigns = "partner/campaigns/active"
	cacheKindTokens          = "partner/api_tokens"
	cacheKindCoupons         = "partner/coupons"
	cacheKindNewLicenses     = "partner/licenses/created_from/" // + date_from
)

// request builds a Partner API request; a nil body sends none.
func request(method, path string, query url.Values) client.Request {
	return client.Request{API: client.Partner, Method: method, Path: pathPrefix + path, Query: query}
}

// do is every Partner API request of this package.
func (c *Client) do(ctx context.Context, req client.Request, out any) error {
	return c.core.Do(ctx, req, out)
}

func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return c.do(ctx, request(http.MethodGet, path, query), out)
}

func (c *Client) sendJSON(ctx context.Context, method, path string, query url.Values, body, out any) error {
	req := request(method, path, query)
	req.JSON = body
	return c.do(ctx, req, out)
}

func (c *Client) sendForm(ctx context.Context, method, path string, query, form url.Values, out any) error {
	req := request(method, path, query)
	req.Form = form
	return c.do(ctx, req, out)
}

// notFound builds the error a lookup through a list returns for a missing object, so that callers
// use client.IsNotFound for every kind alike.
func notFound(op, what string) error {
	return &client.APIError{API: client.Partner, Status: http.StatusNotFound, Type: client.ErrTypeNotFound, Message: what + " not found", Operation: op}
}

// DateRange is an optional date_from/date_to filter; zero times are not sent.
type DateRange struct {
	From, To time.Time
}

// query adds the range to q in layout.
func (r DateRange) query(q url.Values, layout string) url.Values {
	if q == nil {
		q = url.Values{}
	}
	if !r.From.IsZero() {
		q.Set("date_from", r.From.UTC().Format(layout))
	}
	if !r.To.IsZero() {
		q.Set("date_to", r.To.UTC().Format(layout))
	}
	return q
}

// Value is the {"value": n} answer of the metrics.
type Value struct {
	Value float64 `json:"value" answer:"required"`
}

// ReportItem is one period of an aggregated report.
type ReportItem struct {
	DateRange struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"date_range"`
	Total float64 `json:"total"`
}

// Report is the {"items": [...]} answer of the reports.
type Report struct {
	Items []ReportItem `json:"items" answer:"required"`
}

// Filter is one element of a report's `filters` parameter.
type Filter struct {
	Field    string `json:"field"`
	Value    string `json:"value"`
	Operator string `json:"operator"`
}

func isNotFound(err error) bool { return client.IsNotFound(err) }
