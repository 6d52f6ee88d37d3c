package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Profile.

type partnerProfileDSModel struct {
	PartnerID      string          `tfsdk:"partner_id"`
	Login          string          `tfsdk:"login"`
	FirstName      string          `tfsdk:"first_name"`
	LastName       string          `tfsdk:"last_name"`
	ContactName    string          `tfsdk:"contact_name"`
	ContactEmail   string          `tfsdk:"contact_email"`
	SolutionStatus string          `tfsdk:"solution_status"`
	Properties     map[string]bool `tfsdk:"properties"`
}

func newPartnerProfileDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_profile",
		schema: schema.Schema{
			MarkdownDescription: "The partner's profile (Partner API v2 `get_profile`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"partner_id": cStr("Partner ID."), "login": cStr("Login e-mail."), "first_name": cStr("First name."),
				"last_name": cStr("Last name."), "contact_name": cStr("Contact name."), "contact_email": cStr("Contact e-mail."),
				"solution_status": cStr("Status in the Solution Program."),
				"properties":      schema.MapAttribute{ElementType: types.BoolType, Computed: true, MarkdownDescription: "Flags the Partner App uses (e.g. `sales_kit_popup_closed`)."},
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			p, err := pc.GetProfile(ctx)
			if err != nil {
				return apiDiag("Reading the partner profile", err)
			}
			if p.Properties == nil {
				p.Properties = map[string]bool{}
			}
			return state.Set(ctx, &partnerProfileDSModel{p.PartnerID, p.Login, p.FirstName, p.LastName, p.ContactName, p.ContactEmail, p.SolutionStatus, p.Properties})
		},
	}
}

// Billing.

type partnerBillingDSModel struct {
	Type    string `tfsdk:"type"`
	Company string `tfsdk:"company"`
	VAT     string `tfsdk:"vat"`
	Address string `tfsdk:"address"`
	City    string `tfsdk:"city"`
	ZipCode string `tfsdk:"zip_code"`
	Country string `tfsdk:"country"`
	State   string `tfsdk:"state"`
	PayPal  string `tfsdk:"paypal"`
}

func newPartnerBillingDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_billing",
		schema: schema.Schema{
			MarkdownDescription: "The partner's billing (payout) information (Partner API v2 `get_billing`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"type": cStr("`business` or `individual` (empty until set)."), "company": cStr("Company or full name."), "vat": cStr("VAT number."),
				"address": cStr("Address."), "city": cStr("City."), "zip_code": cStr("ZIP code."), "country": cStr("Country code."),
				"state": cStr("State; empty when the answer does not show it (the Get Billing example does not)."), "paypal": cStr("PayPal login."),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			b, err := pc.GetBilling(ctx)
			if err != nil {
				return apiDiag("Reading the partner billing", err)
			}
			return state.Set(ctx, &partnerBillingDSModel{b.Type, b.Company, b.VAT, b.Address, b.City, b.ZipCode, b.Country, stringOrEmptyPtr(b.State), b.PayPal})
		},
	}
}

// Stats.

type partnerStatsItem struct {
	Program          string `tfsdk:"program"`
	Product          string `tfsdk:"product"`
	Trials           int64  `tfsdk:"trials"`
	TrialsCC         int64  `tfsdk:"trials_cc"`
	Paid             int64  `tfsdk:"paid"`
	PartnersReferred int64  `tfsdk:"partners_referred"`
}

func newPartnerStatsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_stats",
		schema: schema.Schema{
			MarkdownDescription: "The number of licenses per partnership program and product (Partner API v2 `get_stats`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"licenses": cList("One entry per program (`affiliate`, `solution`) and product, sorted by program and product.", map[string]schema.Attribute{
					"program": cStr("`affiliate` or `solution`."), "product": cStr("`livechat`, `chatbot`, `helpdesk` or `partner_program`."),
					"trials": cInt("Trials without a credit card."), "trials_cc": cInt("Trials with a credit card."), "paid": cInt("Paid licenses."),
					"partners_referred": cInt("Partners referred (the `partner_program` product only; 0 otherwise)."),
				}),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			st, err := pc.GetStats(ctx)
			if err != nil {
				return apiDiag("Reading the partner stats", err)
			}
			items := []partnerStatsItem{}
			for program, products := range st {
				for product, n := range products {
					items = append(items, partnerStatsItem{program, product, n.Trials, n.TrialsCC, n.Paid, n.PartnersReferred})
				}
			}
			sort.Slice(items, func(i, j int) bool {
				if items[i].Program != items[j].Program {
					return items[i].Program < items[j].Program
				}
				return items[i].Product < items[j].Product
			})
			return state.SetAttribute(ctx, path.Root("licenses"), items)
		},
	}
}

// Coupons.

type partnerCouponItem struct {
	ID    int64  `tfsdk:"id"`
	Label string `tfsdk:"label"`
}

func newPartnerCouponsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_coupons",
		schema: schema.Schema{
			MarkdownDescription: "The partner's active coupons (Partner API v2 `get_coupons`), e.g. for `livechat_campaign.coupon_id`. Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"coupons": cList("Active coupons.", map[string]schema.Attribute{"id": cInt("Coupon ID."), "label": cStr("What the coupon gives, e.g. `$25 discount`.")}),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			cs, err := pc.GetCoupons(ctx)
			if err != nil {
				return apiDiag("Reading the coupons", err)
			}
			items := partnerItems(cs, func(c partner.Coupon) partnerCouponItem { return partnerCouponItem{c.ID, c.Label} })
			return state.SetAttribute(ctx, path.Root("coupons"), items)
		},
	}
}

// Earnings and balance.

type partnerCommissionItem struct {
	Program              string  `tfsdk:"program"`
	Product              string  `tfsdk:"product"`
	CommissionTotal      float64 `tfsdk:"commission_total"`
	CommissionLast30Days float64 `tfsdk:"commission_last_30_days"`
	Discount             float64 `tfsdk:"discount"`
}

type partnerEarningsDSModel struct {
	Balance              float64                 `tfsdk:"balance"`
	Blocked              float64                 `tfsdk:"blocked"`
	CommissionTotal      float64                 `tfsdk:"commission_total"`
	CommissionLast30Days float64                 `tfsdk:"commission_last_30_days"`
	Withdrawals          float64                 `tfsdk:"withdrawals"`
	Pending              float64                 `tfsdk:"pending"`
	Available            float64                 `tfsdk:"available"`
	Withdrawn            float64                 `tfsdk:"withdrawn"`
	Total                string                  `tfsdk:"total"`
	Commissions          []partnerCommissionItem `tfsdk:"commissions"`
}

func newPartnerEarningsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_earnings",
		schema: schema.Schema{
			MarkdownDescription: "The partner's earnings and balance (Partner API v2 `get_earnings` and `get_balance`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"balance": cNum("Balance (Get Earnings)."), "blocked": cNum("Blocked amount."), "commission_total": cNum("All commission earned."),
				"commission_last_30_days": cNum("Commission of the last 30 days."), "withdrawals": cNum("Amount withdrawn (Get Earnings)."),
				"pending": cNum("Amount pending (not yet available)."), "available": cNum("Amount available to withdraw (Get Balance)."),
				"withdrawn": cNum("Amount withdrawn (Get Balance)."), "total": cStr("Total of the balance as the API formats it, e.g. `420.00`."),
				"commissions": cList("Commission per program; `product` is empty for the program's total.", map[string]schema.Attribute{
					"program": cStr("`affiliate` or `solution`."), "product": cStr("Product, or empty for the program total."),
					"commission_total": cNum("Commission earned."), "commission_last_30_days": cNum("Commission of the last 30 days."),
					"discount": cNum("Discount given (solution licenses the partner pays)."),
				}),
			},
		},
		read: func(ctx context.Context, pc *partner.Client, _ tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			e, err := pc.GetEarnings(ctx)
			if err != nil {
				return apiDiag("Reading the earnings", err)
			}
			b, err := pc.GetBalance(ctx)
			if err != nil {
				return apiDiag("Reading the balance", err)
			}
			m := partnerEarningsDSModel{
				Balance: e.Balance, Blocked: e.Blocked, CommissionTotal: e.CommissionTotal, CommissionLast30Days: e.CommissionLast30Days,
				Withdrawals: e.Withdrawals, Pending: e.Pending, Available: b.Available, Withdrawn: b.Withdrawn, Total: b.Total,
				Commissions: []partnerCommissionItem{},
			}
			for _, prog := range []struct {
				name string
				m    map[string]partner.Commission
			}{{"affiliate", e.Affiliate}, {"solution", e.Solution}} {
				for _, product := range partnerSortedKeys(prog.m) {
					c := prog.m[product]
					m.Commissions = append(m.Commissions, partnerCommissionItem{prog.name, product, c.CommissionTotal, c.CommissionLast30Days, c.Discount})
				}
			}
			return state.Set(ctx, &m)
		},
	}
}

func partnerSortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Withdrawals.

type partnerWithdrawalItem struct {
	WithdrawalID     int64   `tfsdk:"withdrawal_id"`
	RequestTimestamp string  `tfsdk:"request_timestamp"`
	ActionTimestamp  string  `tfsdk:"action_timestamp"`
	Status           string  `tfsdk:"status"`
	Amount           float64 `tfsdk:"amount"`
	InvoiceID        string  `tfsdk:"invoice_id"`
	PayPal           string  `tfsdk:"paypal"`
}

type partnerWithdrawalsDSModel struct {
	PartnerDateArgs
	Withdrawals []partnerWithdrawalItem `tfsdk:"withdrawals"`
}

func newPartnerWithdrawalsDataSource() datasource.DataSource {
	return &partnerDataSource{
		name: "partner_withdrawals",
		schema: schema.Schema{
			MarkdownDescription: "The partner's withdrawal requests, newest first (Partner API v2 `get_withdrawals`). Needs `partner_api_token`.",
			Attributes: map[string]schema.Attribute{
				"date_from": dateArg("Only withdrawals requested on or after this date, `YYYY-MM-DD`.", false, false),
				"date_to":   dateArg("Only withdrawals requested on or before this date, `YYYY-MM-DD`.", false, false),
				"withdrawals": cList("Withdrawals.", map[string]schema.Attribute{
					"withdrawal_id": cInt("Withdrawal ID."), "request_timestamp": cStr("When it was requested."),
					"action_timestamp": cStr("When it was paid (empty while pending)."), "status": cStr("`pending` or `paid`."),
					"amount": cNum("Amount."), "invoice_id": cStr("Invoice ID."), "paypal": cStr("PayPal login paid to."),
				}),
			},
		},
		read: partnerModelRead(func(ctx context.Context, pc *partner.Client, m *partnerWithdrawalsDSModel) diag.Diagnostics {
			r, diags := m.dateRange()
			if diags.HasError() {
				return diags
			}
			ws, err := pc.GetWithdrawals(ctx, r)
			if err != nil {
				return apiDiag("Reading the withdrawals", err)
			}
			m.Withdrawals = partnerItems(ws, func(w partner.Withdrawal) partnerWithdrawalItem {
				return partnerWithdrawalItem{w.WithdrawalID, w.RequestTimestamp, w.ActionTimestamp, w.Status, w.Amount, w.InvoiceID, w.PayPal}
			})
			return nil
		}),
	}
}
