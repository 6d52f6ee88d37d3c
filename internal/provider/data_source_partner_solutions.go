package provider

import (
	"context"
	"strconv"

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

// Solution licenses (all, or by status with next_cursor pagination).

type partnerSolutionLicenseItem struct {
	LicenseID           string `tfsdk:"license_id"`
	Product             string `tfsdk:"product"`
	Status              string `tfsdk:"status"`
	ClientName          string `tfsdk:"client_name"`
	ClientEmail         string `tfsdk:"client_email"`
	PaymentOrigin       string `tfsdk:"payment_origin"`
	CreationTimestamp   string `tfsdk:"creation_timestamp"`
	EndTimestamp        string `tfsdk:"end_timestamp"`
	ConversionTimestamp string `tfsdk:"conversion_timestamp"`
	CCAdded             bool   `tfsdk:"cc_added"`
	Paid                bool   `tfsdk:"paid"`
}

type partnerSolutionLicensesDSModel struct {
	PartnerDateArgs
	Status   types.String                 `tfsdk:"status"`
	Licenses []partnerSolutionLicenseItem `tfsdk:"licenses"`
}

func newPartnerSolutionLicensesDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_solution_licenses",
		schema: schema.Schema{
			MarkdownDescription: "The Solution Partner's licenses (Partner API v2 `get_solution_licenses`), or with `status` those with that status (`get_solution_licenses_by_status`, every page followed through `next_cursor`). Needs `partner_api_token`.\n\n" +
				"Without `status` the `conversion_timestamp` is empty; with `status`, `cc_added` and `paid` are derived from the status.",
			Attributes: map[string]schema.Attribute{
				"status": schema.StringAttribute{Optional: true, MarkdownDescription: "`paid`, `trial` or `expired`. Needs `date_from` and `date_to`.",
					Validators: []validator.String{stringvalidator.OneOf("paid", "trial", "expired"), stringvalidator.AlsoRequires(path.MatchRoot("date_from"), path.MatchRoot("date_to"))}},
				"date_from": dateArg("Only licenses created from this date or time (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`).", false, true),
				"date_to":   dateArg("Only licenses created up to this date (the whole day) or time.", false, true),
				"licenses": cList("Licenses, oldest first.", map[string]schema.Attribute{
					"license_id": cStr("License ID."), "product": cStr("Product."), "status": cStr("`trial`, `paid` or `expired`."),
					"client_name": cStr("Client's name."), "client_email": cStr("Client's e-mail."), "payment_origin": cStr("`client` or `partner`."),
					"creation_timestamp": cStr("Creation time."), "end_timestamp": cStr("End of the trial or paid period."),
					"conversion_timestamp": cStr("When it became paid (by-status listing only)."), "cc_added": cBool("Whether a card was added."),
					"paid": cBool("Whether it is paid."),
				}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerSolutionLicensesDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			if known(m.Status) {
				ls, err := pc.ListLicensesByStatus(ctx, m.Status.ValueString(), r)
				if err != nil {
					return apiDiag("Listing solution licenses", err)
				}
				m.Licenses = partnerItems(ls, func(l partner.LicenseByStatus) partnerSolutionLicenseItem {
					return partnerSolutionLicenseItem{l.LicenseID, l.Product, l.Status, l.ClientName, l.ClientEmail,
						l.PaymentOrigin, l.CreationTimestamp, l.ExpirationTimestamp, l.ConversionTimestamp, l.Status == "paid", l.Status == "paid"}
				})
				return nil
			}
			ls, err := pc.ListLicenses(ctx, r)
			if err != nil {
				return apiDiag("Listing solution licenses", err)
			}
			m.Licenses = partnerItems(ls, func(l partner.License) partnerSolutionLicenseItem {
				return partnerSolutionLicenseItem{l.License, l.Product, l.Status, l.ClientName, l.ClientEmail,
					l.PaymentOrigin, l.CreationTimestamp, l.EndTimestamp, "", l.CCAdded, l.Paid}
			})
			return nil
		}),
	}
}

// One license: details and invoices.

type partnerInvoiceItem struct {
	InvoiceNo    int64   `tfsdk:"invoice_no"`
	Date         string  `tfsdk:"date"`
	Plan         string  `tfsdk:"plan"`
	Seats        int64   `tfsdk:"seats"`
	BillingCycle string  `tfsdk:"billing_cycle"`
	Amount       float64 `tfsdk:"amount"`
	Status       string  `tfsdk:"status"`
}

type partnerLicenseDSModel struct {
	Product                 types.String         `tfsdk:"product"`
	LicenseID               types.String         `tfsdk:"license_id"`
	ClientName              string               `tfsdk:"client_name"`
	ClientEmail             string               `tfsdk:"client_email"`
	PurchaseOrder           string               `tfsdk:"purchase_order"`
	PaymentOrigin           string               `tfsdk:"payment_origin"`
	CreationTimestamp       string               `tfsdk:"creation_timestamp"`
	EndTimestamp            string               `tfsdk:"end_timestamp"`
	Conversations           int64                `tfsdk:"conversations"`
	ConversationsLast30Days int64                `tfsdk:"conversations_last_30_days"`
	CCAdded                 bool                 `tfsdk:"cc_added"`
	Paid                    bool                 `tfsdk:"paid"`
	QL                      bool                 `tfsdk:"ql"`
	Seats                   int64                `tfsdk:"seats"`
	Plan                    string               `tfsdk:"plan"`
	BillingCycle            string               `tfsdk:"billing_cycle"`
	TotalDiscount           float64              `tfsdk:"total_discount"`
	DiscountPercent         float64              `tfsdk:"discount_percent"`
	TotalCommission         float64              `tfsdk:"total_commission"`
	CommissionPercent       float64              `tfsdk:"commission_percent"`
	DataCenter              string               `tfsdk:"data_center"`
	Status                  string               `tfsdk:"status"`
	InvitedAgents           []string             `tfsdk:"invited_agents"`
	Invoices                []partnerInvoiceItem `tfsdk:"invoices"`
}

func newPartnerSolutionLicenseDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_solution_license",
		schema: schema.Schema{
			MarkdownDescription: "One solution license's details (Partner API v2 `get_license_details`) and invoices (`get_license_invoices`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"product": schema.StringAttribute{Required: true, MarkdownDescription: "`livechat`, `chatbot` or `helpdesk`.",
					Validators: []validator.String{stringvalidator.OneOf(solutionProducts...)}},
				"license_id":  schema.StringAttribute{Required: true, MarkdownDescription: "License ID.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"client_name": cStr("Client's name."), "client_email": cStr("Client's e-mail."), "purchase_order": cStr("Purchase order."),
				"payment_origin": cStr("`client` or `partner`."), "creation_timestamp": cStr("Creation time."), "end_timestamp": cStr("End of the trial or paid period."),
				"conversations": cInt("Conversations."), "conversations_last_30_days": cInt("Conversations in the last 30 days."),
				"cc_added": cBool("Whether a card was added."), "paid": cBool("Whether it is paid."), "ql": cBool("Whether it is a qualified lead."),
				"seats": cInt("Seats of the subscription."), "plan": cStr("Plan of the subscription."), "billing_cycle": cStr("Billing cycle."),
				"total_discount": cNum("Discount so far."), "discount_percent": cNum("Discount percent."), "total_commission": cNum("Commission so far."),
				"commission_percent": cNum("Commission percent."), "data_center": cStr("Region (`dal` or `fra`)."), "status": cStr("`trial`, `paid` or `expired`."),
				"invited_agents": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "E-mails of the invited operators."},
				"invoices": cList("Invoices, newest first.", map[string]schema.Attribute{
					"invoice_no": cInt("Invoice number."), "date": cStr("Date."), "plan": cStr("Plan."), "seats": cInt("Seats."),
					"billing_cycle": cStr("Billing cycle."), "amount": cNum("Amount."), "status": cStr("Status."),
				}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerLicenseDSModel) diag.Diagnostics {
			id := m.LicenseID.ValueString()
			d, err := pc.GetLicense(ctx, m.Product.ValueString(), id)
			if err != nil {
				return apiDiag("Reading license "+m.Product.ValueString()+"/"+id, err)
			}
			inv, err := pc.GetLicenseInvoices(ctx, id)
			if err != nil {
				return apiDiag("Reading the invoices of license "+id, err)
			}
			m.ClientName, m.ClientEmail, m.PurchaseOrder, m.PaymentOrigin = d.ClientName, d.ClientEmail, d.PurchaseOrder, d.PaymentOrigin
			m.CreationTimestamp, m.EndTimestamp, m.Conversations, m.ConversationsLast30Days = d.CreationTimestamp, d.EndTimestamp, d.Conversations, d.ConversationsLast30Days
			m.CCAdded, m.Paid, m.QL, m.Seats, m.Plan, m.BillingCycle = d.CCAdded, d.Paid, d.QL, d.Seats, d.Plan, d.BillingCycle
			m.TotalDiscount, m.DiscountPercent, m.TotalCommission, m.CommissionPercent = d.TotalDiscount, d.DiscountPercent, d.TotalCommission, d.CommissionPercent
			m.DataCenter, m.Status = d.DataCenter, d.Status
			m.InvitedAgents = partnerItems(d.InvitedAgents, func(a partner.InvitedAgent) string { return a.Email })
			m.Invoices = partnerItems(inv, func(i partner.Invoice) partnerInvoiceItem {
				return partnerInvoiceItem{i.InvoiceNo, i.Date, i.Plan, i.Seats, i.BillingCycle, i.Amount, i.Status}
			})
			return nil
		}),
	}
}

// Organization: details and licenses.

type partnerOrgLicenseItem struct {
	LicenseID string `tfsdk:"license_id"`
	Product   string `tfsdk:"product"`
}

type partnerOrganizationDSModel struct {
	ID               types.String            `tfsdk:"id"`
	OrganizationName string                  `tfsdk:"organization_name"`
	ClientName       string                  `tfsdk:"client_name"`
	ClientEmail      string                  `tfsdk:"client_email"`
	DataCenter       string                  `tfsdk:"data_center"`
	CreatedAt        string                  `tfsdk:"created_at"`
	Products         []string                `tfsdk:"products"`
	ARR              float64                 `tfsdk:"arr"`
	Licenses         []partnerOrgLicenseItem `tfsdk:"licenses"`
}

func newPartnerOrganizationDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_organization",
		schema: schema.Schema{
			MarkdownDescription: "A client organization's details (Partner API v2 `get_organization_details`) and licenses (`get_organization_licenses`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"id":                schema.StringAttribute{Required: true, MarkdownDescription: "Organization UUID.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"organization_name": cStr("Name."), "client_name": cStr("Client's name."), "client_email": cStr("Owner's e-mail."),
				"data_center": cStr("`us-south1` or `eu-west3`."), "created_at": cStr("Creation time, RFC 3339."),
				"products": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Products the organization has licenses of, as the API names them (e.g. `LiveChat`)."},
				"arr":      cNum("Annual recurring revenue of its subscriptions."),
				"licenses": cList("Its licenses.", map[string]schema.Attribute{"license_id": cStr("License ID."), "product": cStr("Product.")}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerOrganizationDSModel) diag.Diagnostics {
			id := m.ID.ValueString()
			o, err := pc.GetOrganization(ctx, id)
			if err != nil {
				return apiDiag("Reading organization "+id, err)
			}
			l, err := pc.GetOrganizationLicenses(ctx, id)
			if err != nil {
				return apiDiag("Reading the licenses of organization "+id, err)
			}
			m.OrganizationName, m.DataCenter, m.CreatedAt = o.Name, o.DataCenter, o.CreatedAt
			m.ClientName, m.ClientEmail, m.ARR = l.ClientName, l.ClientEmail, l.ARR
			m.Products = partnerItems(o.Products, func(p partner.OrganizationProduct) string { return p.Product })
			m.Licenses = partnerItems(l.Licenses, func(x partner.OrganizationLicense) partnerOrgLicenseItem {
				return partnerOrgLicenseItem{x.ExternalLicenseID, x.Product}
			})
			return nil
		}),
	}
}

// License metrics and the Solution summary.

type partnerSolutionSummaryDSModel struct {
	PartnerDateArgs
	Trials       int64       `tfsdk:"trials"`
	Paid         int64       `tfsdk:"paid"`
	Expired      int64       `tfsdk:"expired"`
	Commission   string      `tfsdk:"commission"`
	Discount     string      `tfsdk:"discount"`
	RangeTrials  types.Int64 `tfsdk:"range_trials"`
	RangePaid    types.Int64 `tfsdk:"range_paid"`
	RangeExpired types.Int64 `tfsdk:"range_expired"`
}

func newPartnerSolutionSummaryDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_solution_summary",
		schema: schema.Schema{
			MarkdownDescription: "The Solution Program summary (Partner API v2 `get_solution_summary`) and, with a date range, the license metrics of licenses created in it (`get_license_metrics`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"date_from": dateArg("Start of the range of the `range_*` counts, `YYYY-MM-DD`; set together with `date_to`.", false, false),
				"date_to":   dateArg("End of the range of the `range_*` counts, `YYYY-MM-DD`.", false, false),
				"trials":    cInt("Licenses in trial."), "paid": cInt("Paid licenses."), "expired": cInt("Expired licenses."),
				"commission": cStr("Commission, as the API formats it (e.g. `12.33`)."), "discount": cStr("Discount, as the API formats it."),
				"range_trials": cInt("Licenses created in the range that are in trial (null without a range)."),
				"range_paid":   cInt("Licenses created in the range that are paid."), "range_expired": cInt("Licenses created in the range that expired."),
			},
		},
		validate: validateDatesTogether("Get License Metrics"),
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerSolutionSummaryDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			s, err := pc.GetSolutionSummary(ctx)
			if err != nil {
				return apiDiag("Reading the Solution summary", err)
			}
			num := func(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
			m.Trials, m.Paid, m.Expired, m.Commission, m.Discount = num(s.Trials), num(s.Paid), num(s.Expired), s.Commission, s.Discount
			m.RangeTrials, m.RangePaid, m.RangeExpired = types.Int64Null(), types.Int64Null(), types.Int64Null()
			if !r.From.IsZero() {
				c, err := pc.GetLicenseMetrics(ctx, r)
				if err != nil {
					return apiDiag("Reading the license metrics", err)
				}
				m.RangeTrials, m.RangePaid, m.RangeExpired = types.Int64Value(c.Trials), types.Int64Value(c.Paid), types.Int64Value(c.Expired)
			}
			return nil
		}),
	}
}

// Leads.

type partnerLeadItem struct {
	LeadID       string `tfsdk:"lead_id"`
	CompanyName  string `tfsdk:"company_name"`
	ContactEmail string `tfsdk:"contact_email"`
	Status       string `tfsdk:"status"`
}

func newPartnerLeadsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_leads",
		schema: schema.Schema{
			MarkdownDescription: "The partner's leads (Partner API v2 `get_leads`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"leads": cList("Leads.", map[string]schema.Attribute{
					"lead_id": cStr("Lead ID."), "company_name": cStr("Company."), "contact_email": cStr("Contact e-mail."), "status": cStr("Status, e.g. `new`."),
				}),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			ls, err := pc.GetLeads(ctx)
			if err != nil {
				return apiDiag("Reading the leads", err)
			}
			items := partnerItems(ls, func(l partner.Lead) partnerLeadItem {
				return partnerLeadItem{l.LeadID, l.CompanyName, l.ContactEmail, l.Status}
			})
			return state.SetAttribute(ctx, path.Root("leads"), items)
		},
	}
}

type partnerLeadEventItem struct {
	Name      string `tfsdk:"name"`
	CreatedAt string `tfsdk:"created_at"`
}

type partnerLeadDSModel struct {
	LeadID       types.String           `tfsdk:"lead_id"`
	PartnerID    string                 `tfsdk:"partner_id"`
	Status       string                 `tfsdk:"status"`
	FeeAmount    float64                `tfsdk:"fee_amount"`
	CompanyName  string                 `tfsdk:"company_name"`
	ContactEmail string                 `tfsdk:"contact_email"`
	Domain       string                 `tfsdk:"domain"`
	FirstName    string                 `tfsdk:"first_name"`
	LastName     string                 `tfsdk:"last_name"`
	Region       string                 `tfsdk:"region"`
	JobTitle     string                 `tfsdk:"job_title"`
	PhoneNumber  string                 `tfsdk:"phone_number"`
	Description  string                 `tfsdk:"description"`
	UpdatedAt    string                 `tfsdk:"updated_at"`
	History      []partnerLeadEventItem `tfsdk:"history"`
}

func newPartnerLeadDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_lead",
		schema: schema.Schema{
			MarkdownDescription: "One lead's details (Partner API v2 `get_lead_details`) and history (`get_lead_history`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"lead_id":    schema.StringAttribute{Required: true, MarkdownDescription: "Lead ID.", Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"partner_id": cStr("Partner ID."), "status": cStr("Status."), "fee_amount": cNum("Fee amount."), "company_name": cStr("Company."),
				"contact_email": cStr("Contact e-mail."), "domain": cStr("Domain."), "first_name": cStr("First name."), "last_name": cStr("Last name."),
				"region": cStr("Region (country code)."), "job_title": cStr("Job title."), "phone_number": cStr("Phone number."),
				"description": cStr("Description."), "updated_at": cStr("Last update."),
				"history": cList("Events, as the API lists them.", map[string]schema.Attribute{"name": cStr("Event, e.g. `lead_was_created`."), "created_at": cStr("When.")}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerLeadDSModel) diag.Diagnostics {
			id := m.LeadID.ValueString()
			d, err := pc.GetLead(ctx, id)
			if err != nil {
				return apiDiag("Reading lead "+id, err)
			}
			h, err := pc.GetLeadHistory(ctx, id)
			if err != nil {
				return apiDiag("Reading the history of lead "+id, err)
			}
			m.PartnerID, m.Status, m.FeeAmount, m.CompanyName, m.ContactEmail = d.PartnerID, d.Status, d.FeeAmount, d.CompanyName, d.ContactEmail
			m.Domain, m.FirstName, m.LastName, m.Region, m.JobTitle = d.Domain, d.FirstName, d.LastName, d.Region, d.JobTitle
			m.PhoneNumber, m.Description, m.UpdatedAt = d.PhoneNumber, d.Description, d.UpdatedAt
			m.History = partnerItems(h, func(e partner.LeadEvent) partnerLeadEventItem { return partnerLeadEventItem{e.Name, e.CreatedAt} })
			return nil
		}),
	}
}
