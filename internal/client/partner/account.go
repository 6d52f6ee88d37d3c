package partner

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Profile is Get Profile.
type Profile struct {
	PartnerID      string          `json:"partner_id" answer:"required"`
	Login          string          `json:"login"`
	FirstName      string          `json:"first_name"`
	LastName       string          `json:"last_name"`
	ContactName    string          `json:"contact_name"`
	ContactEmail   string          `json:"contact_email"`
	SolutionStatus string          `json:"solution_status"`
	Properties     map[string]bool `json:"properties"`
}

// GetProfile returns the partner's profile.
func (c *Client) GetProfile(ctx context.Context) (*Profile, error) {
	var out Profile
	if err := c.get(ctx, "", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ProfileUpdate is the Update Profile request; nil opt-ins are not sent.
type ProfileUpdate struct {
	FirstName                 string `json:"first_name"`
	LastName                  string `json:"last_name"`
	ContactName               string `json:"contact_name"`
	ContactEmail              string `json:"contact_email"`
	SendMonthlySummary        *bool  `json:"send_monthly_summary,omitempty"`
	SendResellerWeeklySummary *bool  `json:"send_reseller_weekly_summary,omitempty"`
	SendNewsletter            *bool  `json:"send_newsletter,omitempty"`
	SendNotifications         *bool  `json:"send_notifications,omitempty"`
}

// UpdateProfile updates the partner's profile.
func (c *Client) UpdateProfile(ctx context.Context, in ProfileUpdate) error {
	return c.sendJSON(ctx, http.MethodPut, "/profile", nil, in, nil)
}

// Billing is Get Billing and the Update Billing request.
type Billing struct {
	Type    string `json:"type"`
	Company string `json:"company"`
	VAT     string `json:"vat,omitempty"`
	Address string `json:"address"`
	City    string `json:"city"`
	ZipCode string `json:"zip_code,omitempty"`
	Country string `json:"country"`
	// The Get Billing example shows no state: nil when an answer leaves it out (and, in a
	// request, when not sent).
	State  *string `json:"state,omitempty"`
	PayPal string  `json:"paypal"`
}

// GetBilling returns the partner's billing information.
func (c *Client) GetBilling(ctx context.Context) (*Billing, error) {
	var out Billing
	if err := c.get(ctx, "/billing", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateBilling replaces the partner's billing information.
func (c *Client) UpdateBilling(ctx context.Context, in Billing) error {
	return c.sendJSON(ctx, http.MethodPut, "/billing", nil, in, nil)
}

// APIToken is a Partner API token.
type APIToken struct {
	ID                int64  `json:"id" answer:"required"`
	Token             string `json:"token" answer:"required"`
	CreationTimestamp string `json:"creation_timestamp"`
	Label             string `json:"label"`
}

// CreateAPIToken creates a token (form-encoded, as documented). Labels are not unique, so the
// tokens that exist before the call are noted first: after an ambiguous failure, only a token with
// the label and an id not seen before is adopted as the one this call created.
func (c *Client) CreateAPIToken(ctx context.Context, label string) (*APIToken, error) {
	defer c.core.Invalidate(cacheKindTokens)
	existing, err := c.ListAPITokens(ctx, true)
	if err != nil {
		return nil, err
	}
	before := client.IDsOf(existing, func(t *APIToken) string { return tokenID(t.ID) })
	var out APIToken
	req := request(http.MethodPost, "/tokens", nil)
	req.Form = url.Values{"label": {label}}
	req.Operation = "create_api_token"
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		now, err := c.ListAPITokens(ctx, true)
		if err != nil {
			return false, err
		}
		got, err := client.AdoptListed(c.core, cacheKindTokens, before, now, func(t *APIToken) (string, bool) { return tokenID(t.ID), t.Label == label },
			fmt.Sprintf("Partner API tokens labelled %q", label))
		if got != nil {
			out = *got
		}
		return got != nil, err
	}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	c.core.Claim(cacheKindTokens, tokenID(out.ID))
	return &out, nil
}

func tokenID(id int64) string { return strconv.FormatInt(id, 10) }

// ListAPITokens lists the active tokens. fresh=false may answer from the run's read cache.
func (c *Client) ListAPITokens(ctx context.Context, fresh bool) ([]APIToken, error) {
	return client.Cached(ctx, c.core, cacheKindTokens, fresh, c.fetchAPITokens)
}

// ListAPITokensAfter is the token list from a fetch that began at or after since, and when that
// fetch began, as ListActiveCampaignsAfter is for campaigns: the waits of concurrent token writes
// share one list per poll.
func (c *Client) ListAPITokensAfter(ctx context.Context, since time.Time) ([]APIToken, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindTokens, since, c.fetchAPITokens)
}

func (c *Client) fetchAPITokens(ctx context.Context) ([]APIToken, error) {
	var out struct {
		Result []APIToken `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/tokens", nil, &out)
	return out.Result, err
}

// GetAPIToken finds an active token by id.
func (c *Client) GetAPIToken(ctx context.Context, id int64, fresh bool) (*APIToken, error) {
	list, err := c.ListAPITokens(ctx, fresh)
	if err != nil {
		return nil, err
	}
	if t := client.Find(list, func(t *APIToken) bool { return t.ID == id }); t != nil {
		return t, nil
	}
	return nil, notFound("get_api_tokens", fmt.Sprintf("API token %d", id))
}

// RevokeAPIToken revokes a token.
func (c *Client) RevokeAPIToken(ctx context.Context, id int64) error {
	defer c.core.Invalidate(cacheKindTokens)
	return c.do(ctx, request(http.MethodDelete, fmt.Sprintf("/tokens/%d", id), nil), nil)
}

// Coupon is one active coupon.
type Coupon struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// GetCoupons lists the partner's active coupons (read once per run).
func (c *Client) GetCoupons(ctx context.Context) ([]Coupon, error) {
	return client.Cached(ctx, c.core, cacheKindCoupons, false, func(ctx context.Context) ([]Coupon, error) {
		var out struct {
			Result []Coupon `json:"result" answer:"required"`
		}
		err := c.get(ctx, "/coupons", nil, &out)
		return out.Result, err
	})
}

// ProductLicenses are the license counts of one product in Get Stats.
type ProductLicenses struct {
	Trials           int64 `json:"trials"`
	TrialsCC         int64 `json:"trials_cc"`
	Paid             int64 `json:"paid"`
	PartnersReferred int64 `json:"partners_referred"`
}

// Stats is Get Stats: program -> product -> counts.
type Stats map[string]map[string]ProductLicenses

// GetStats returns the license counts per program and product.
func (c *Client) GetStats(ctx context.Context) (Stats, error) {
	var out Stats
	err := c.get(ctx, "/stats", nil, &out)
	return out, err
}

// Commission is a commission total and its last 30 days.
type Commission struct {
	Discount             float64 `json:"discount"`
	CommissionTotal      float64 `json:"commission_total"`
	CommissionLast30Days float64 `json:"commission_last_30_days"`
}

// Earnings is Get Earnings. Affiliate and Solution hold the program totals under "" and the
// products under their names.
type Earnings struct {
	Balance              float64               `json:"balance"`
	Blocked              float64               `json:"blocked"`
	CommissionTotal      float64               `json:"commission_total"`
	CommissionLast30Days float64               `json:"commission_last_30_days"`
	Withdrawals          float64               `json:"withdrawals"`
	Pending              float64               `json:"pending"`
	Affiliate            map[string]Commission `json:"-"`
	Solution             map[string]Commission `json:"-"`
}

// GetEarnings returns the partner's earnings.
func (c *Client) GetEarnings(ctx context.Context) (*Earnings, error) {
	var raw struct {
		Earnings
		Affiliate map[string]any `json:"affiliate"`
		Solution  map[string]any `json:"solution"`
	}
	if err := c.get(ctx, "/earnings", nil, &raw); err != nil {
		return nil, err
	}
	out := raw.Earnings
	out.Affiliate, out.Solution = splitCommission(raw.Affiliate), splitCommission(raw.Solution)
	return &out, nil
}

// splitCommission reads {"commission_total": n, "commission_last_30_days": n, "<product>": {...}}.
func splitCommission(m map[string]any) map[string]Commission {
	out := map[string]Commission{}
	num := func(v any) float64 { f, _ := v.(float64); return f }
	total := Commission{}
	for k, v := range m {
		switch k {
		case "commission_total":
			total.CommissionTotal = num(v)
		case "commission_last_30_days":
			total.CommissionLast30Days = num(v)
		case "discount":
			total.Discount = num(v)
		default:
			if p, ok := v.(map[string]any); ok {
				out[k] = Commission{Discount: num(p["discount"]), CommissionTotal: num(p["commission_total"]), CommissionLast30Days: num(p["commission_last_30_days"])}
			}
		}
	}
	out[""] = total
	return out
}

// Balance is Get Balance; total comes as a string in the API.
type Balance struct {
	Pending   float64 `json:"pending"`
	Withdrawn float64 `json:"withdrawn"`
	Available float64 `json:"available"`
	Total     string  `json:"total"`
}

// GetBalance returns the partner's balance.
func (c *Client) GetBalance(ctx context.Context) (*Balance, error) {
	var out Balance
	if err := c.get(ctx, "/balance", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Withdrawal is one withdrawal request.
type Withdrawal struct {
	WithdrawalID     int64   `json:"withdrawal_id"`
	RequestTimestamp string  `json:"request_timestamp"`
	ActionTimestamp  string  `json:"action_timestamp"`
	Status           string  `json:"status"`
	Amount           float64 `json:"amount"`
	InvoiceID        string  `json:"invoice_id"`
	PayPal           string  `json:"paypal"`
}

// RequestWithdrawal asks for the available balance to be paid out (Request Withdrawal). A
// withdrawal is a new object with no natural key: the withdrawals that exist before the call are
// noted first, and after an ambiguous failure one not seen before is the one this call made.
func (c *Client) RequestWithdrawal(ctx context.Context) (*Withdrawal, error) {
	before, err := c.GetWithdrawals(ctx, DateRange{})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, w := range before {
		seen[w.WithdrawalID] = true
	}
	var out Withdrawal
	req := request(http.MethodPost, "/withdrawals", nil)
	req.Operation = "request_withdrawal"
	req.Creates = true
	req.RecoverWaits = true
	req.Recover = func(ctx context.Context) (bool, error) {
		now, err := c.GetWithdrawals(ctx, DateRange{})
		if err != nil {
			return false, err
		}
		for _, w := range now {
			if !seen[w.WithdrawalID] {
				out = w
				return true, nil
			}
		}
		return false, nil
	}
	if err := c.do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetWithdrawals lists withdrawals requested within r (dates YYYY-MM-DD).
func (c *Client) GetWithdrawals(ctx context.Context, r DateRange) ([]Withdrawal, error) {
	var out struct {
		Result []Withdrawal `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/withdrawals", r.query(nil, DateFormat), &out)
	return out.Result, err
}
