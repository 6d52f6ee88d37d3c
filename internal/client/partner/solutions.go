package partner

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// OrganizationCreate is the Create Organization request.
type OrganizationCreate struct {
	OrganizationName string `json:"organization_name"`
	ClientName       string `json:"client_name"`
	ClientEmail      string `json:"client_email"`
	DataCenter       string `json:"data_center,omitempty"`
	Identifier       string `json:"identifier,omitempty"`
}

// CreateOrganization creates a client organization and returns its id. The API has no way to
// list organizations, so an ambiguous failure cannot be resolved by a lookup. Without an
// identifier it is reported (client.AmbiguousError) rather than risking a second organization.
// With one, the create is sent again: the identifier is unique (409 for a second organization),
// so a re-send cannot make a duplicate, and its answer is the id when the first attempt was not
// applied. A re-send answered 409 cannot tell the first attempt's organization from someone
// else's with that identifier, and no read gives its id: that is an AmbiguousError too.
func (c *Client) CreateOrganization(ctx context.Context, in OrganizationCreate) (string, error) {
	var out struct {
		ID string `json:"id" answer:"required"`
	}
	req := request(http.MethodPost, "/solutions/organizations", nil)
	req.JSON = in
	req.Operation = "create_organization"
	req.Creates = true
	unclear := false
	if in.Identifier != "" {
		req.Recover = func(context.Context) (bool, error) {
			unclear = true
			return false, nil // nothing to look up: the identifier makes the re-send safe
		}
	}
	err := c.do(ctx, req, &out)
	if unclear && client.IsAlreadyExists(err) {
		return "", &client.AmbiguousError{Err: fmt.Errorf("%w; an earlier attempt was cut off, so this organization may be the one it created, and the API cannot list organizations to tell", err)}
	}
	return out.ID, err
}

// OrganizationProduct is one product of an organization's details.
type OrganizationProduct struct {
	Product string `json:"product"`
}

// Organization is Get Organization Details.
type Organization struct {
	OrganizationID string                `json:"organization_id" answer:"required"`
	Name           string                `json:"name"`
	DataCenter     string                `json:"data_center"`
	Products       []OrganizationProduct `json:"products"`
	CreatedAt      string                `json:"created_at"`
}

// GetOrganization returns an organization's details.
func (c *Client) GetOrganization(ctx context.Context, id string) (*Organization, error) {
	var out Organization
	if err := c.get(ctx, "/solutions/organizations/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// OrganizationLicense is one license of Get Organization Licenses.
type OrganizationLicense struct {
	ExternalLicenseID string `json:"external_license_id"`
	Product           string `json:"product"`
}

// OrganizationLicenses is the organization part of Get Organization Licenses.
type OrganizationLicenses struct {
	OrganizationID   string                `json:"organization_id"`
	OrganizationName string                `json:"organization_name"`
	ClientName       string                `json:"client_name"`
	ClientEmail      string                `json:"client_email"`
	ARR              float64               `json:"arr"`
	Licenses         []OrganizationLicense `json:"licenses"`
}

// GetOrganizationLicenses returns an organization with its client and licenses.
func (c *Client) GetOrganizationLicenses(ctx context.Context, id string) (*OrganizationLicenses, error) {
	var out struct {
		Results []OrganizationLicenses `json:"results" answer:"required"`
	}
	if err := c.get(ctx, "/solutions/organizations/"+url.PathEscape(id)+"/licenses", nil, &out); err != nil {
		return nil, err
	}
	if org := client.Find(out.Results, func(o *OrganizationLicenses) bool { return o.OrganizationID == id }); org != nil {
		return org, nil
	}
	return nil, notFound("get_organization_licenses", "organization "+id)
}

// LicenseCreate is the Create License request (product goes in the query).
type LicenseCreate struct {
	ClientName    string `json:"client_name"`
	ClientEmail   string `json:"client_email"`
	PaymentOrigin string `json:"payment_origin"`
	TrialDuration int64  `json:"trial_duration"`
	CouponID      *int64 `json:"coupon_id,omitempty"`
	PurchaseOrder string `json:"purchase_order,omitempty"`
}

// License is a solution license as Create License and Get Solution Licenses return it.
type License struct {
	License           string `json:"license" answer:"required"`
	Product           string `json:"product"`
	CreationTimestamp string `json:"creation_timestamp"`
	EndTimestamp      string `json:"end_timestamp"`
	ClientName        string `json:"client_name"`
	ClientEmail       string `json:"client_email"`
	CCAdded           bool   `json:"cc_added"`
	Paid              bool   `json:"paid"`
	PaymentOrigin     string `json:"payment_origin"`
	Status            string `json:"status"`
}

// CreateLicense creates a license of product in an organization. An organization has at most one
// license per product (409 for a second), which is the natural key a lookup uses after an
// ambiguous failure. The license of product the organization has before is noted first: after an
// ambiguous failure only a license that was not there is adopted, and a re-send's 409 proves the
// first attempt went through only when there was none.
//
// An empty id with no error means the create was proven applied (a re-sent create answered 409
// after an unclear first attempt) but the license does not show yet: the caller waits for
// FindLicense, as it waits out any other propagation delay.
func (c *Client) CreateLicense(ctx context.Context, orgID, product string, in LicenseCreate) (string, error) {
	beforeID, err := c.FindLicense(ctx, orgID, product)
	if err != nil && !client.IsNotFound(err) { // an organization not visible yet has no license yet
		return "", err
	}
	var out License
	req := request(http.MethodPost, "/solutions/organizations/"+url.PathEscape(orgID)+"/licenses", url.Values{"product": {product}})
	req.JSON = in
	req.Operation = "create_license"
	req.Creates = true
	req.AlreadyExistsProves = beforeID == ""
	req.Recover = func(ctx context.Context) (bool, error) {
		id, err := c.FindLicense(ctx, orgID, product)
		if client.IsNotFound(err) || err == nil && (id == "" || id == beforeID) {
			return false, nil
		}
		out.License = id
		return err == nil, err
	}
	if err := c.do(ctx, req, &out); err != nil {
		return "", err
	}
	return out.License, nil
}

// FindLicense returns the id of the organization's license of product, "" when it has none (yet).
func (c *Client) FindLicense(ctx context.Context, orgID, product string) (string, error) {
	org, err := c.GetOrganizationLicenses(ctx, orgID)
	if err != nil {
		return "", err
	}
	for _, l := range org.Licenses {
		if l.Product == product {
			return l.ExternalLicenseID, nil
		}
	}
	return "", nil
}

// InvitedAgent is one operator of a license's details.
type InvitedAgent struct {
	Email string `json:"email"`
}

// LicenseDetails is Get License Details.
type LicenseDetails struct {
	License                 string         `json:"license" answer:"required"`
	ClientName              string         `json:"client_name"`
	ClientEmail             string         `json:"client_email"`
	PurchaseOrder           string         `json:"purchase_order"`
	PaymentOrigin           string         `json:"payment_origin"`
	CreationTimestamp       string         `json:"creation_timestamp"`
	EndTimestamp            string         `json:"end_timestamp"`
	Conversations           int64          `json:"conversations"`
	ConversationsLast30Days int64          `json:"conversations_last_30_days"`
	CCAdded                 bool           `json:"cc_added"`
	Paid                    bool           `json:"paid"`
	QL                      bool           `json:"ql"`
	Seats                   int64          `json:"seats"`
	Plan                    string         `json:"plan"`
	BillingCycle            string         `json:"billing_cycle"`
	TotalDiscount           float64        `json:"total_discount"`
	DiscountPercent         float64        `json:"discount_percent"`
	TotalCommission         float64        `json:"total_commission"`
	CommissionPercent       float64        `json:"commission_percent"`
	DataCenter              string         `json:"data_center"`
	Status                  string         `json:"status"`
	InvitedAgents           []InvitedAgent `json:"invited_agents"`
}

// GetLicense returns a license's details. It serves every refresh and wait: Get Solution
// Licenses lacks purchase order, operators, plan, billing cycle, seats and data center.
func (c *Client) GetLicense(ctx context.Context, product, id string) (*LicenseDetails, error) {
	var out LicenseDetails
	if err := c.get(ctx, "/solutions/licenses/"+url.PathEscape(product)+"/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateLicense sets a license's client name and purchase order (form-encoded, as documented).
func (c *Client) UpdateLicense(ctx context.Context, product, id, clientName, purchaseOrder string) error {
	return c.sendForm(ctx, http.MethodPut, "/solutions/licenses/"+url.PathEscape(product)+"/"+url.PathEscape(id), nil,
		url.Values{"client_name": {clientName}, "purchase_order": {purchaseOrder}}, nil)
}

// Operator is a user invited to a license.
type Operator struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// OperatorResult is the outcome of one invitation.
type OperatorResult struct {
	Operator   string `json:"operator"`
	StatusCode int    `json:"status_code"`
}

// InviteOperators invites users to a license; each invitation has its own status code.
func (c *Client) InviteOperators(ctx context.Context, product, id string, ops []Operator) ([]OperatorResult, error) {
	var out struct {
		Result []OperatorResult `json:"result" answer:"required"`
	}
	err := c.sendJSON(ctx, http.MethodPost, "/solutions/licenses/"+url.PathEscape(product)+"/"+url.PathEscape(id)+"/operators", nil,
		map[string]any{"operators": ops}, &out)
	return out.Result, err
}

// Subscription is the plan of a license's subscription.
type Subscription struct {
	Plan         string `json:"plan"`
	BillingCycle string `json:"billing_cycle"`
	Seats        int64  `json:"seats"`
}

func subscriptionPath(product, id string) string {
	return "/solutions/licenses/" + url.PathEscape(product) + "/" + url.PathEscape(id) + "/subscription"
}

// CreateSubscription buys a subscription with a Recurly billing token. A license has at most one
// subscription (a second create answers 409), which is the natural key after an ambiguous failure.
// The license's details are noted first: afterwards they show the subscription as this call's only
// when the license was not paid before, or its period (end_timestamp) has changed since (a new
// subscription starts a new period); a re-sent create that answers 409 proves that the first
// attempt was applied only when the license was not paid before.
func (c *Client) CreateSubscription(ctx context.Context, product, id, token string, s Subscription) error {
	before, err := c.GetLicense(ctx, product, id)
	if client.IsNotFound(err) { // a license created a moment ago may not show yet: it has no subscription
		before, err = &LicenseDetails{}, nil
	}
	if err != nil {
		return err
	}
	req := request(http.MethodPost, subscriptionPath(product, id), nil)
	req.JSON = map[string]any{"token": token, "plan": s.Plan, "billing_cycle": s.BillingCycle, "seats": s.Seats}
	req.Operation = "create_subscription"
	req.Creates = true
	req.AlreadyExistsProves = !before.Paid
	req.Recover = func(ctx context.Context) (bool, error) {
		d, err := c.GetLicense(ctx, product, id)
		if client.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		isNew := !before.Paid || d.EndTimestamp != before.EndTimestamp
		return isNew && d.Paid && d.Plan == s.Plan && d.BillingCycle == s.BillingCycle && d.Seats == s.Seats, nil
	}
	return c.do(ctx, req, nil)
}

// UpdateSubscription changes a subscription's plan, cycle or seats.
func (c *Client) UpdateSubscription(ctx context.Context, product, id string, s Subscription) error {
	return c.sendJSON(ctx, http.MethodPut, subscriptionPath(product, id), nil, s, nil)
}

// CloseSubscription closes a subscription; expire=true ends the license at once.
func (c *Client) CloseSubscription(ctx context.Context, product, id, password string, expire bool) error {
	return c.sendJSON(ctx, http.MethodDelete, subscriptionPath(product, id), nil, map[string]any{"password": password, "expire": expire}, nil)
}

// UpdateLicenseBilling replaces a license's payment method with a new Recurly token.
func (c *Client) UpdateLicenseBilling(ctx context.Context, product, id, token string) error {
	return c.sendJSON(ctx, http.MethodPut, "/solutions/licenses/"+url.PathEscape(product)+"/"+url.PathEscape(id)+"/billing", nil,
		map[string]string{"token": token}, nil)
}

// ListLicenses is Get Solution Licenses (optionally created within r).
func (c *Client) ListLicenses(ctx context.Context, r DateRange) ([]License, error) {
	var out struct {
		Result []License `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/solutions/licenses", r.query(nil, DateTimeFormat), &out)
	return out.Result, err
}

// ListLicensesCreatedAfter is Get Solution Licenses of the licenses created since the day before
// created's, from a fetch that began at or after since, and when that fetch began: each poll of a
// wait passes just after the fetch the poll before it saw, so the waits of concurrent license
// writes share one list per poll instead of each reading its license's details. The date_from a
// day earlier keeps a license created at created in the list whatever time zone the API reads
// date_from in, and the list short however many licenses the partner has; the waits on licenses
// created on the same day share it.
func (c *Client) ListLicensesCreatedAfter(ctx context.Context, created, since time.Time) ([]License, time.Time, error) {
	from := created.UTC().Truncate(24 * time.Hour).Add(-24 * time.Hour)
	return client.CachedAfter(ctx, c.core, cacheKindNewLicenses+from.Format(DateFormat), since, func(ctx context.Context) ([]License, error) {
		return c.ListLicenses(ctx, DateRange{From: from})
	})
}

// LicenseByStatus is one license of Get Solution Licenses by Status.
type LicenseByStatus struct {
	LicenseID           string `json:"license_id"`
	Status              string `json:"status"`
	Product             string `json:"product"`
	ClientName          string `json:"client_name"`
	ClientEmail         string `json:"client_email"`
	PaymentOrigin       string `json:"payment_origin"`
	CreationTimestamp   string `json:"creation_timestamp"`
	ConversionTimestamp string `json:"conversion_timestamp"`
	ExpirationTimestamp string `json:"expiration_timestamp"`
}

// ListLicensesByStatus follows next_cursor through every page of licenses with status created
// within r (both dates are required by the API).
func (c *Client) ListLicensesByStatus(ctx context.Context, status string, r DateRange) ([]LicenseByStatus, error) {
	var all []LicenseByStatus
	cursor := ""
	for pages := 0; pages < 10000; pages++ {
		q := r.query(nil, DateTimeFormat)
		q.Set("limit", "15")
		if cursor != "" {
			q.Set("next_cursor", cursor)
		}
		var out struct {
			Results    []LicenseByStatus `json:"results" answer:"required"`
			NextCursor string            `json:"next_cursor"`
		}
		if err := c.get(ctx, "/solutions/licenses/"+url.PathEscape(status), q, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Results...)
		if out.NextCursor == "" || out.NextCursor == cursor || len(out.Results) == 0 {
			break
		}
		cursor = out.NextCursor
	}
	return all, nil
}

// Invoice is one invoice of a license.
type Invoice struct {
	InvoiceNo    int64   `json:"invoice_no"`
	Date         string  `json:"date"`
	Plan         string  `json:"plan"`
	Seats        int64   `json:"seats"`
	BillingCycle string  `json:"billing_cycle"`
	Amount       float64 `json:"amount"`
	Status       string  `json:"status"`
}

// GetLicenseInvoices lists a license's invoices, newest first.
func (c *Client) GetLicenseInvoices(ctx context.Context, id string) ([]Invoice, error) {
	var out struct {
		Result []Invoice `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/solutions/licenses/"+url.PathEscape(id)+"/invoices", nil, &out)
	return out.Result, err
}

// LicenseCounts is Get License Metrics (and the counts of Get Summary).
type LicenseCounts struct {
	Trials  int64 `json:"trials"`
	Paid    int64 `json:"paid"`
	Expired int64 `json:"expired"`
}

// GetLicenseMetrics counts the solution licenses created within r by status (dates YYYY-MM-DD).
func (c *Client) GetLicenseMetrics(ctx context.Context, r DateRange) (*LicenseCounts, error) {
	var out LicenseCounts
	if err := c.get(ctx, "/solutions/licenses/count", r.query(nil, DateFormat), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetSolutionLicensesReport is Get Solution Licenses Report.
func (c *Client) GetSolutionLicensesReport(ctx context.Context, r DateRange, aggregation, status string) (*Report, error) {
	q := r.query(nil, DateTimeFormat)
	q.Set("aggregation", aggregation)
	q.Set("license_status", status)
	var out Report
	if err := c.get(ctx, "/solutions/reports/license", q, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SolutionSummary is Get Solution Summary; the API sends every figure as a string.
type SolutionSummary struct {
	Trials     string `json:"trials"`
	Paid       string `json:"paid"`
	Expired    string `json:"expired"`
	Commission string `json:"commission"`
	Discount   string `json:"discount"`
}

// GetSolutionSummary returns the Solution Program summary.
func (c *Client) GetSolutionSummary(ctx context.Context) (*SolutionSummary, error) {
	var out SolutionSummary
	if err := c.get(ctx, "/solutions/summary", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Lead is one lead of Get Leads.
type Lead struct {
	LeadID       string `json:"lead_id"`
	CompanyName  string `json:"company_name"`
	ContactEmail string `json:"contact_email"`
	Status       string `json:"status"`
}

// GetLeads lists the partner's leads.
func (c *Client) GetLeads(ctx context.Context) ([]Lead, error) {
	var out struct {
		Result []Lead `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/solutions/leads", nil, &out)
	return out.Result, err
}

// LeadDetails is Get Lead Details.
type LeadDetails struct {
	PartnerID      string  `json:"partner_id"`
	ExternalLeadID string  `json:"external_lead_id"`
	Status         string  `json:"status"`
	FeeAmount      float64 `json:"fee_amount"`
	CompanyName    string  `json:"company_name"`
	ContactEmail   string  `json:"contact_email"`
	Domain         string  `json:"domain"`
	FirstName      string  `json:"first_name"`
	LastName       string  `json:"last_name"`
	Region         string  `json:"region"`
	JobTitle       string  `json:"job_title"`
	PhoneNumber    string  `json:"phone_number"`
	Description    string  `json:"description"`
	UpdatedAt      string  `json:"updated_at"`
}

// GetLead returns a lead's details.
func (c *Client) GetLead(ctx context.Context, id string) (*LeadDetails, error) {
	var out LeadDetails
	if err := c.get(ctx, "/solutions/leads/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// LeadEvent is one entry of a lead's history.
type LeadEvent struct {
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
}

// GetLeadHistory returns a lead's history.
func (c *Client) GetLeadHistory(ctx context.Context, id string) ([]LeadEvent, error) {
	var out struct {
		Result []LeadEvent `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/solutions/leads/"+url.PathEscape(id)+"/history", nil, &out)
	return out.Result, err
}
