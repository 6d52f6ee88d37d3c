package emulator

import "strings"

// What the Partner API v2 reference shows of each answer: the keys of its EXAMPLE RESPONSEs
// (the reference has no answer tables). Methods documented "No response payload" answer 201 or
// 204 without a body and need no entry; they are listed as noPayload for completeness.

var (
	pReportKeys   = []string{"items[].date_range.from", "items[].date_range.to", "items[].total"}
	pBestKeys     = []string{"items[].id", "items[].name", "items[].product", "items[].value"}
	pMetricKeys   = []string{"value"}
	pTokenKeys    = []string{"id", "label", "token", "creation_timestamp"}
	pWithdrawKeys = []string{"withdrawal_id", "request_timestamp", "action_timestamp", "status", "amount",
		"invoice_id", "paypal"}
	// A license of Create License and Get Solution Licenses.
	pLicenseKeys = []string{"license", "product", "creation_timestamp", "end_timestamp", "client_name",
		"client_email", "cc_added", "paid", "payment_origin", "status"}
	// Get License Details (no product: the path names it); Transfer License has its own list.
	pDetailsKeys = []string{"license", "client_name", "client_email", "purchase_order", "payment_origin",
		"creation_timestamp", "end_timestamp", "conversations", "conversations_last_30_days", "cc_added", "paid",
		"ql", "seats", "plan", "billing_cycle", "total_discount", "discount_percent", "total_commission",
		"commission_percent", "data_center", "status", "invited_agents[].email"}
	pTransferKeys = []string{"license", "client_name", "client_email", "purchase_order", "payment_origin",
		"creation_timestamp", "end_timestamp", "conversations", "conversations_last_30_days", "cc_added", "paid",
		"recurrent", "seats", "plan", "billing_cycle", "total_discount", "discount_percent", "total_commission",
		"commission_percent", "expired", "blocked", "data_center"}
	pCampaignKeys = []string{"product", "name", "slug", "url", "short_url", "creation_timestamp",
		"trial_duration", "discount"}
	// The Expert profile example's links are website and twitter only.
	pExpertKeys = []string{"expert_id", "partner_id", "status", "company", "phone", "logo", "description",
		"short_description", "agents", "hour_rate", "project_rate", "country", "website", "twitter",
		"categories", "languages", "projects", "industry_ids"}
	pUTMKeys = []string{"campaign_name", "utm_campaign", "utm_medium", "utm_content", "utm_term"}
)

// searchSlug: the Search Campaigns example writes slugs as "pp-..." where Get Campaigns and
// Create Campaign write "pp_..."; a client cannot join the two lists on the slug as answered.
func searchSlug(s string) string {
	if rest, ok := strings.CutPrefix(s, "pp_"); ok {
		return "pp-" + rest
	}
	return s
}

var partnerAnswers = compileAnswers(answerTable{
	"get_status": {asIs: "API Status documents no answer"},

	// Account
	"get_profile": keysOnly("partner_id", "login", "first_name", "last_name", "contact_name", "contact_email",
		"solution_status", "properties.*"),
	"update_profile": noPayload(),
	"get_stats": keysOnly("affiliate.*.trials", "affiliate.*.trials_cc", "affiliate.*.paid",
		"affiliate.*.partners_referred", "solution.*.trials", "solution.*.trials_cc", "solution.*.paid"),
	"get_coupons": keysOnly("result[].id", "result[].label"),
	"get_earnings": keysOnly("balance", "blocked", "commission_total", "commission_last_30_days", "withdrawals",
		"pending", "affiliate.commission_total", "affiliate.commission_last_30_days",
		"affiliate.*.commission_total", "affiliate.*.commission_last_30_days", "solution.commission_total",
		"solution.commission_last_30_days", "solution.*.discount", "solution.*.commission_total",
		"solution.*.commission_last_30_days"),
	"get_commission_report":                 keysOnly(pReportKeys...),
	"get_partners_referred_earnings_report": keysOnly(pReportKeys...),
	// No state: the Get Billing example has none.
	"get_billing":           keysOnly("company", "vat", "address", "city", "zip_code", "country", "paypal", "type"),
	"get_balance":           keysOnly("total", "available", "pending", "withdrawn"),
	"get_commission_metric": keysOnly(pMetricKeys...),
	"update_billing":        noPayload(),
	"request_withdrawal":    keysOnly(pWithdrawKeys...),
	"get_withdrawals":       keysOnly(prefixed("result[].", pWithdrawKeys...)...),
	"create_api_token":      keysOnly(pTokenKeys...),
	"get_api_tokens":        keysOnly(prefixed("result[].", pTokenKeys...)...),
	"revoke_api_token":      noPayload(),

	// Affiliate Partner
	"create_campaign": keysOnly(pCampaignKeys...),
	"search_campaigns": {keys: []string{"value", "total", "limit", "results[].id", "results[].name",
		"results[].product", "results[].created_at", "results[].landing_page_url", "results[].slug",
		"results[].is_default", "results[].region", "results[].offer"},
		rewrite: map[string]func(string) string{"results[].slug": searchSlug}},
	"get_campaigns":    keysOnly(prefixed("result[].", append([]string{"active"}, pCampaignKeys...)...)...),
	"disable_campaign": noPayload(),
	"get_affiliate_licenses": keysOnly(prefixed("result[].", append([]string{"product", "creation_timestamp",
		"end_timestamp", "active", "ql", "cc_added", "paid", "commission_percent", "earnings", "blocked"},
		pUTMKeys...)...)...),
	"get_performance_report": keysOnly(prefixed("result[].", append([]string{"product", "clicks", "trials", "qls",
		"paid", "commission", "partners_referred"}, pUTMKeys...)...)...),
	"get_partners_referred": keysOnly(prefixed("result[].", append([]string{"partner_id", "creation_timestamp",
		"active_trials", "active_trials_cc_added", "active_paid", "total_trials", "total_paid", "commission"},
		pUTMKeys...)...)...),
	"get_affiliate_links":                      keysOnly("*.url", "*.short_url"),
	"get_referred_partners_commission_metrics": keysOnly(pMetricKeys...),
	"get_campaigns_earnings_metric":            keysOnly(pMetricKeys...),
	"get_campaigns_earnings_report":            keysOnly(pReportKeys...),
	"get_campaigns_summary":                    keysOnly("click", "trial", "paid", "earnings"),
	"get_summary":                              keysOnly("trials", "paid", "expired"),

	// Solution Partner
	"create_organization": keysOnly("id"),
	"get_organization_licenses": keysOnly("total", "limit", "results[].organization_id",
		"results[].organization_name", "results[].client_name", "results[].client_email", "results[].arr",
		"results[].licenses[].external_license_id", "results[].licenses[].product"),
	"get_organization_details": keysOnly("organization_id", "name", "data_center", "products[].product",
		"created_at"),
	"create_license":        keysOnly(pLicenseKeys...),
	"get_solution_licenses": keysOnly(prefixed("result[].", pLicenseKeys...)...),
	"get_solution_licenses_by_status": keysOnly("next_cursor", "results[].license_id", "results[].status",
		"results[].product", "results[].client_name", "results[].client_email", "results[].payment_origin",
		"results[].creation_timestamp", "results[].conversion_timestamp", "results[].expiration_timestamp"),
	"get_license_details":      {keys: pDetailsKeys, unordered: []string{"invited_agents"}},
	"update_license_details":   noPayload(),
	"invite_license_operators": keysOnly("result[].operator", "result[].status_code"),
	"get_license_invoices": keysOnly("result[].invoice_no", "result[].date", "result[].amount", "result[].status",
		"result[].plan", "result[].seats", "result[].billing_cycle"),
	"get_license_invoice_pdf":          {asIs: "the answer is a PDF file"},
	"create_subscription":              noPayload(),
	"update_subscription":              noPayload(),
	"close_subscription":               noPayload(),
	"update_license_billing":           noPayload(),
	"transfer_license":                 keysOnly(pTransferKeys...),
	"get_license_metrics":              keysOnly("trials", "paid", "expired"),
	"get_solution_licenses_report":     keysOnly(pReportKeys...),
	"get_solution_licenses_csv_report": {asIs: "the answer is a CSV file"},
	"get_leads":                        keysOnly("result[].lead_id", "result[].company_name", "result[].contact_email", "result[].status"),
	"get_lead_details": keysOnly("partner_id", "external_lead_id", "status", "fee_amount", "company_name",
		"contact_email", "domain", "first_name", "last_name", "region", "job_title", "phone_number", "description",
		"updated_at"),
	"get_lead_history":     keysOnly("result[].name", "result[].created_at"),
	"submit_lead":          keysOnly("lead_id"),
	"get_solution_summary": keysOnly("trials", "paid", "expired", "commission", "discount"),

	// Partner Directory
	"upload_logo":           keysOnly("result"),
	"create_expert_profile": noPayload(),
	"get_expert_profile": {keys: pExpertKeys,
		unordered: []string{"categories", "languages", "projects", "industry_ids"}},
	"update_expert_profile": noPayload(),
	"get_comments":          keysOnly("result[].author", "result[].website", "result[].comment", "result[].creation_timestamp"),
	"get_expert_stats":      keysOnly("position", "comments", "messages"),
	"get_expert_history":    keysOnly("result[].date", "result[].profile_views"),
}.withBestPerforming())

// withBestPerforming adds the twelve affiliate metric and report methods, one per measure.
func (t answerTable) withBestPerforming() answerTable {
	for _, kind := range []string{"trials", "earnings", "conversions", "clicks"} {
		t["get_"+kind+"_metrics"] = keysOnly(pMetricKeys...)
		t["get_"+kind+"_report"] = keysOnly(pReportKeys...)
		t["get_best_performing_campaigns_"+kind+"_report"] = keysOnly(pBestKeys...)
		t["get_best_performing_campaigns_"+kind+"_metrics"] = keysOnly(pMetricKeys...)
	}
	return t
}
