package configuration

import (
	"context"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// The "Other" methods of the Configuration API v3.6.

// cacheKindChannels is the read-cache key of list_channels (no method writes channels).
const cacheKindChannels = "configuration/channels"

// Channel is a communication channel of the product.
type Channel struct {
	// ChannelType is code, direct_link or integration.
	ChannelType string `json:"channel_type"`
	// ChannelSubtype is empty for code and direct_link, the client ID for integration.
	ChannelSubtype         string `json:"channel_subtype"`
	FirstActivityTimestamp string `json:"first_activity_timestamp"`
}

// ListChannels returns the summary of the product's communication channels.
func (c *Client) ListChannels(ctx context.Context) ([]Channel, error) {
	return client.Cached(ctx, c.core, cacheKindChannels, false, func(ctx context.Context) ([]Channel, error) {
		var out []Channel
		err := c.call(ctx, "list_channels", struct{}{}, &out)
		return out, err
	})
}

// ProductLimit is one resource of an organization that exceeds a plan's limit.
type ProductLimit struct {
	Resource     string `json:"resource"`
	LimitBalance int64  `json:"limit_balance"`
	// ID names the agent or group the excess belongs to, when it belongs to one.
	ID string `json:"id,omitempty"`
}

// ProductPlans are the plans check_product_limits_for_plan accepts.
var ProductPlans = []string{"starter", "team", "enterprise", "enterpriseplus"}

// CheckProductLimitsForPlan lists the resources that exceed plan's limits.
func (c *Client) CheckProductLimitsForPlan(ctx context.Context, plan string) ([]ProductLimit, error) {
	var out []ProductLimit
	err := c.call(ctx, "check_product_limits_for_plan", map[string]string{"plan": plan}, &out)
	return out, err
}

// ProductSource is the source passed when the product was activated.
type ProductSource struct {
	SourceID   string `json:"source_id"`
	SourceType string `json:"source_type"`
	SourceURL  string `json:"source_url"`
}

// GetProductSource returns the product's activation source.
func (c *Client) GetProductSource(ctx context.Context) (*ProductSource, error) {
	var out ProductSource
	if err := c.call(ctx, "get_product_source", struct{}{}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ReactivateEmail reactivates an agent's bounced e-mail address.
func (c *Client) ReactivateEmail(ctx context.Context, agentID string) error {
	return c.call(ctx, "reactivate_email", map[string]string{"agent_id": agentID}, nil)
}

// CompanyDetails is the update_company_details request; nil fields are not
// sent (the method overwrites only the fields it is given).
type CompanyDetails struct {
	Enrich       *bool   `json:"enrich,omitempty"`
	Audience     *string `json:"audience,omitempty"`
	ChatPurpose  *string `json:"chat_purpose,omitempty"`
	City         *string `json:"city,omitempty"`
	Company      *string `json:"company,omitempty"`
	CompanySize  *string `json:"company_size,omitempty"`
	Country      *string `json:"country,omitempty"`
	InvoiceEmail *string `json:"invoice_email,omitempty"`
	InvoiceName  *string `json:"invoice_name,omitempty"`
	NIP          *string `json:"nip,omitempty"`
	PostalCode   *string `json:"postal_code,omitempty"`
	State        *string `json:"state,omitempty"`
	Street       *string `json:"street,omitempty"`
	Phone        *string `json:"phone,omitempty"`
	Province     *string `json:"province,omitempty"`
	URL          *string `json:"url,omitempty"`
}

// UpdateCompanyDetails updates the license's company details.
func (c *Client) UpdateCompanyDetails(ctx context.Context, in CompanyDetails) error {
	return c.call(ctx, "update_company_details", in, nil)
}
