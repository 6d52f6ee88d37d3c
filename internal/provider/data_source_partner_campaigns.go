package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Campaigns (Search Campaigns).

type partnerCampaignItem struct {
	ID             int64  `tfsdk:"id"`
	Name           string `tfsdk:"name"`
	Product        string `tfsdk:"product"`
	CreatedAt      string `tfsdk:"created_at"`
	LandingPageURL string `tfsdk:"landing_page_url"`
	Slug           string `tfsdk:"slug"`
	IsDefault      bool   `tfsdk:"is_default"`
	Region         string `tfsdk:"region"`
	Offer          string `tfsdk:"offer"`
}

type partnerCampaignsDSModel struct {
	State        types.String          `tfsdk:"state"`
	Product      types.String          `tfsdk:"product"`
	SortOrder    types.String          `tfsdk:"sort_order"`
	NameContains types.String          `tfsdk:"name_contains"`
	Slug         types.String          `tfsdk:"slug"`
	Total        int64                 `tfsdk:"total"`
	Value        float64               `tfsdk:"value"`
	Campaigns    []partnerCampaignItem `tfsdk:"campaigns"`
}

func newPartnerCampaignsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_campaigns",
		schema: schema.Schema{
			MarkdownDescription: "Affiliate campaigns found with Search Campaigns (Partner API v2 `search_campaigns`), every page followed. Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"state": schema.StringAttribute{Optional: true, MarkdownDescription: "`active` (default) or `archived` (disabled campaigns).",
					Validators: []validator.String{stringvalidator.OneOf("active", "archived")}},
				"product": schema.StringAttribute{Optional: true, MarkdownDescription: "`livechat`, `chatbot`, `helpdesk` or `all` (default; the only way to see `partner_program` campaigns).",
					Validators: []validator.String{stringvalidator.OneOf("livechat", "chatbot", "helpdesk", "all")}},
				"sort_order": schema.StringAttribute{Optional: true, MarkdownDescription: "Order by creation time: `desc` (default, newest first) or `asc`.",
					Validators: []validator.String{stringvalidator.OneOf("desc", "asc")}},
				"name_contains": schema.StringAttribute{Optional: true, MarkdownDescription: "Only campaigns whose name contains this text (a `contains` filter on `name`).",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"slug": schema.StringAttribute{Optional: true, MarkdownDescription: "Only the campaign with this slug (an `equals` filter on `slug`).",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"total": cInt("Number of campaigns found."),
				"value": cNum("The `value` of the search answer (the earnings of the campaigns found)."),
				"campaigns": cList("Campaigns found.", map[string]schema.Attribute{
					"id": cInt("Campaign ID (the `livechat_campaign` import ID)."), "name": cStr("Name."), "product": cStr("Product."),
					"created_at": cStr("Creation time."), "landing_page_url": cStr("Landing page."), "slug": cStr("Slug (`utm_campaign`) as Search Campaigns answers it (its example writes `pp-...` where Get Campaigns and Create Campaign write `pp_...`)."),
					"is_default": cBool("Whether it is a product's default campaign."), "region": cStr("Region."), "offer": cStr("Coupon label, empty without one."),
				}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerCampaignsDSModel) diag.Diagnostics {
			in := partner.CampaignSearch{State: "active", Product: "all", SortBy: "creation_timestamp", SortOrder: "desc"}
			if known(m.State) {
				in.State = m.State.ValueString()
			}
			if known(m.Product) {
				in.Product = m.Product.ValueString()
			}
			if known(m.SortOrder) {
				in.SortOrder = m.SortOrder.ValueString()
			}
			if known(m.NameContains) {
				in.Filters = append(in.Filters, partner.Filter{Field: "name", Value: m.NameContains.ValueString(), Operator: "contains"})
			}
			if known(m.Slug) {
				in.Filters = append(in.Filters, partner.Filter{Field: "slug", Value: m.Slug.ValueString(), Operator: "equals"})
			}
			first, err := pc.SearchCampaigns(ctx, in)
			if err != nil {
				return apiDiag("Searching campaigns", err)
			}
			hits, err := pc.SearchAllCampaigns(ctx, in)
			if err != nil {
				return apiDiag("Searching campaigns", err)
			}
			m.Total, m.Value = int64(first.Total), first.Value
			m.Campaigns = partnerItems(hits, func(h partner.CampaignSearchHit) partnerCampaignItem {
				offer := ""
				if h.Offer != nil {
					offer = *h.Offer
				}
				return partnerCampaignItem{h.ID, h.Name, h.Product, h.CreatedAt, h.LandingPageURL, h.Slug, h.IsDefault, h.Region, offer}
			})
			return nil
		}),
	}
}

// Campaign summary and earnings.

type partnerCampaignSummaryDSModel struct {
	PartnerDateArgs
	CampaignID      types.Int64   `tfsdk:"campaign_id"`
	BillingCycle    types.String  `tfsdk:"billing_cycle"`
	Clicks          int64         `tfsdk:"clicks"`
	Trials          int64         `tfsdk:"trials"`
	Paid            int64         `tfsdk:"paid"`
	Earnings        float64       `tfsdk:"earnings"`
	EarningsInRange types.Float64 `tfsdk:"earnings_in_range"`
}

func newPartnerCampaignSummaryDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_campaign_summary",
		schema: schema.Schema{
			MarkdownDescription: "One affiliate campaign's all-time clicks, trials, paid licenses and earnings (Partner API v2 `get_campaigns_summary`), and with a date range its earnings in that range (`get_campaigns_earnings_metric`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"campaign_id": schema.Int64Attribute{Required: true, MarkdownDescription: "Campaign ID (`livechat_campaign.id`).", Validators: []validator.Int64{int64validator.AtLeast(1)}},
				"date_from":   dateArg("Start of the range of `earnings_in_range`, `YYYY-MM-DD`; set together with `date_to`.", false, false),
				"date_to":     dateArg("End of the range of `earnings_in_range`, `YYYY-MM-DD`.", false, false),
				"billing_cycle": schema.StringAttribute{Optional: true, MarkdownDescription: "Only earnings from `monthly` or `annual` subscriptions in `earnings_in_range`.",
					Validators: []validator.String{stringvalidator.OneOf("monthly", "annual"), stringvalidator.AlsoRequires(path.MatchRoot("date_from"))}},
				"clicks": cInt("All-time clicks."), "trials": cInt("All-time trials."), "paid": cInt("All-time paid licenses."),
				"earnings": cNum("All-time earnings."), "earnings_in_range": cNum("Earnings between `date_from` and `date_to` (null without a range)."),
			},
		},
		validate: validateDatesTogether("Get Campaigns Earnings Metric"),
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerCampaignSummaryDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			id := m.CampaignID.ValueInt64()
			s, err := pc.GetCampaignSummary(ctx, id)
			if err != nil {
				return apiDiag("Reading the campaign summary", err)
			}
			m.Clicks, m.Trials, m.Paid, m.Earnings = s.Click, s.Trial, s.Paid, s.Earnings
			m.EarningsInRange = types.Float64Null()
			if !r.From.IsZero() {
				v, err := pc.GetCampaignEarningsMetric(ctx, id, r, m.BillingCycle.ValueString())
				if err != nil {
					return apiDiag("Reading the campaign earnings", err)
				}
				m.EarningsInRange = types.Float64Value(v)
			}
			return nil
		}),
	}
}

// Best performing campaigns.

type partnerBestItem struct {
	ID      int64   `tfsdk:"id"`
	Name    string  `tfsdk:"name"`
	Product string  `tfsdk:"product"`
	Value   float64 `tfsdk:"value"`
}

type partnerBestDSModel struct {
	PartnerDateArgs
	Measure   types.String      `tfsdk:"measure"`
	Limit     types.Int64       `tfsdk:"limit"`
	Campaigns []partnerBestItem `tfsdk:"campaigns"`
	Total     float64           `tfsdk:"total"`
}

func newPartnerBestCampaignsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_best_campaigns",
		schema: schema.Schema{
			MarkdownDescription: "The best performing affiliate campaigns by clicks, trials, conversions or earnings (Partner API v2 `get_best_performing_campaigns_<measure>_report` and `..._metrics`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"measure": schema.StringAttribute{Required: true, MarkdownDescription: "`clicks`, `trials`, `conversions` or `earnings`.",
					Validators: []validator.String{stringvalidator.OneOf("clicks", "trials", "conversions", "earnings")}},
				"limit": schema.Int64Attribute{Optional: true, MarkdownDescription: "How many campaigns, at least 1. Required except for `earnings` (API default there).",
					Validators: []validator.Int64{int64validator.AtLeast(1)}},
				"date_from": dateArg("Start, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`. Required except for `earnings`.", false, true),
				"date_to":   dateArg("End, `YYYY-MM-DD` (the whole day) or `YYYY-MM-DDTHH:MM:SSZ`. Required except for `earnings`.", false, true),
				"campaigns": cList("The campaigns, best first.", map[string]schema.Attribute{
					"id": cInt("Campaign ID."), "name": cStr("Name."), "product": cStr("Product."), "value": cNum("The measure in the range."),
				}),
				"total": cNum("The measure summed over these campaigns."),
			},
		},
		validate: func(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
			var m partnerBestDSModel
			diags := getConfigArgs(ctx, config, &m)
			if diags.HasError() || !known(m.Measure) || m.Measure.ValueString() == "earnings" {
				return diags
			}
			for _, x := range []struct {
				null bool
				name string
			}{{m.Limit.IsNull(), "limit"}, {m.DateFrom.IsNull(), "date_from"}, {m.DateTo.IsNull(), "date_to"}} {
				if x.null {
					diags.AddAttributeError(path.Root(x.name), "Missing "+x.name, "The "+m.Measure.ValueString()+" ranking needs limit, date_from and date_to (only earnings has defaults).")
				}
			}
			return diags
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerBestDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			items, err := pc.GetBestPerformingCampaigns(ctx, m.Measure.ValueString(), m.Limit.ValueInt64(), r)
			if err != nil {
				return apiDiag("Reading the best performing campaigns", err)
			}
			m.Campaigns, m.Total = []partnerBestItem{}, 0
			for _, it := range items {
				m.Campaigns = append(m.Campaigns, partnerBestItem{it.ID, it.Name, it.Product, it.Value})
				m.Total += it.Value
			}
			return nil
		}),
	}
}

// Affiliate licenses.

type partnerAffiliateLicenseItem struct {
	Product           string  `tfsdk:"product"`
	CreationTimestamp string  `tfsdk:"creation_timestamp"`
	EndTimestamp      string  `tfsdk:"end_timestamp"`
	Active            bool    `tfsdk:"active"`
	QL                bool    `tfsdk:"ql"`
	CCAdded           bool    `tfsdk:"cc_added"`
	Paid              bool    `tfsdk:"paid"`
	CommissionPercent float64 `tfsdk:"commission_percent"`
	Earnings          float64 `tfsdk:"earnings"`
	Blocked           bool    `tfsdk:"blocked"`
	CampaignName      string  `tfsdk:"campaign_name"`
	UTMCampaign       string  `tfsdk:"utm_campaign"`
}

type partnerAffiliateLicensesDSModel struct {
	PartnerDateArgs
	Trials   int64                         `tfsdk:"trials"`
	Paid     int64                         `tfsdk:"paid"`
	Expired  int64                         `tfsdk:"expired"`
	Licenses []partnerAffiliateLicenseItem `tfsdk:"licenses"`
}

func newPartnerAffiliateLicensesDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_affiliate_licenses",
		schema: schema.Schema{
			MarkdownDescription: "Licenses that came from the partner's affiliate links (Partner API v2 `get_affiliate_licenses`), with the all-time counts of Get Summary (`get_summary`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"date_from": dateArg("Only licenses created on or after this date, `YYYY-MM-DD`.", false, false),
				"date_to":   dateArg("Only licenses created on or before this date, `YYYY-MM-DD`.", false, false),
				"trials":    cInt("All-time number of affiliate licenses in trial."), "paid": cInt("All-time number of paid affiliate licenses."),
				"expired": cInt("All-time number of expired affiliate licenses."),
				"licenses": cList("Licenses created in the range, newest first.", map[string]schema.Attribute{
					"product": cStr("Product."), "creation_timestamp": cStr("Creation time."), "end_timestamp": cStr("End of the trial or paid period."),
					"active": cBool("Whether it is active."), "ql": cBool("Whether it is a qualified lead."), "cc_added": cBool("Whether a card was added."),
					"paid": cBool("Whether it is paid."), "commission_percent": cNum("Commission percent."), "earnings": cNum("Earnings from it."),
					"blocked": cBool("Whether the commission is blocked."), "campaign_name": cStr("Campaign name."), "utm_campaign": cStr("Campaign slug."),
				}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerAffiliateLicensesDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			ls, err := pc.GetAffiliateLicenses(ctx, r)
			if err != nil {
				return apiDiag("Reading the affiliate licenses", err)
			}
			s, err := pc.GetAffiliateSummary(ctx)
			if err != nil {
				return apiDiag("Reading the affiliate summary", err)
			}
			m.Trials, m.Paid, m.Expired = s.Trials, s.Paid, s.Expired
			m.Licenses = partnerItems(ls, func(l partner.AffiliateLicense) partnerAffiliateLicenseItem {
				return partnerAffiliateLicenseItem{l.Product, l.CreationTimestamp, l.EndTimestamp, l.Active, l.QL, l.CCAdded,
					l.Paid, l.CommissionPercent, l.Earnings, l.Blocked, l.CampaignName, l.UTMCampaign}
			})
			return nil
		}),
	}
}
