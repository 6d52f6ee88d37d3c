package emulator

import "net/http"

// partnerRoutes lists every documented Partner API v2 method ("Available methods" of the
// reference), except Get Recurly Token, which is served by Recurly, not by LiveChat.
var partnerRoutes = newPartnerRoutes()

func newPartnerRoutes() *partnerRouter {
	rt := &partnerRouter{}
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete

	rt.add(get, "/status", "get_status", pencNone, getPartnerStatus)

	// Account
	rt.add(get, "", "get_profile", pencNone, pGetProfile)
	rt.add(put, "/profile", "update_profile", pencJSON, pUpdateProfile)
	rt.add(get, "/stats", "get_stats", pencNone, pGetStats)
	rt.add(get, "/coupons", "get_coupons", pencNone, pGetCoupons)
	rt.add(get, "/earnings", "get_earnings", pencNone, pGetEarnings)
	rt.add(get, "/reports/commission", "get_commission_report", pencNone, getCommissionReport)
	rt.add(get, "/partners-referred/reports/commission", "get_partners_referred_earnings_report", pencNone, getReferredCommissionReport)
	rt.add(get, "/billing", "get_billing", pencNone, pGetBilling)
	rt.add(get, "/balance", "get_balance", pencNone, pGetBalance)
	rt.add(get, "/metrics/commission", "get_commission_metric", pencNone, getCommissionMetric)
	rt.add(put, "/billing", "update_billing", pencJSON, pUpdateBilling)
	rt.add(post, "/withdrawals", "request_withdrawal", pencNone, requestWithdrawal)
	rt.add(get, "/withdrawals", "get_withdrawals", pencNone, getWithdrawals)
	rt.add(post, "/tokens", "create_api_token", pencForm, createAPIToken)
	rt.add(get, "/tokens", "get_api_tokens", pencNone, getAPITokens)
	rt.add(del, "/tokens/{id}", "revoke_api_token", pencNone, revokeAPIToken)

	// Affiliate Partner
	rt.add(post, "/affiliates/campaigns", "create_campaign", pencForm, createCampaign)
	rt.add(get, "/affiliates/campaigns/search", "search_campaigns", pencNone, searchCampaigns)
	rt.add(get, "/affiliates/campaigns", "get_campaigns", pencNone, getCampaigns)
	rt.add(del, "/affiliates/campaigns/{campaign_id}", "disable_campaign", pencNone, disableCampaign)
	rt.add(get, "/affiliates/licenses", "get_affiliate_licenses", pencNone, getAffiliateLicenses)
	rt.add(get, "/affiliates/performance", "get_performance_report", pencNone, getPerformance)
	rt.add(get, "/affiliates/partners-referred", "get_partners_referred", pencNone, getPartnersReferred)
	rt.add(get, "/affiliates/links", "get_affiliate_links", pencNone, getAffiliateLinks)
	rt.add(get, "/partners-referred/metrics/commission", "get_referred_partners_commission_metrics", pencNone, getReferredCommissionMetric)
	for _, kind := range []string{"trials", "earnings", "conversions", "clicks"} {
		rt.add(get, "/affiliates/metrics/"+kind, "get_"+kind+"_metrics", pencNone, affiliateMetric(kind))
		rt.add(get, "/affiliates/reports/"+kind, "get_"+kind+"_report", pencNone, affiliateReport(kind))
		rt.add(get, "/affiliates/campaigns/best-performing/reports/"+kind, "get_best_performing_campaigns_"+kind+"_report", pencNone, bestPerformingReport(kind))
		rt.add(get, "/affiliates/campaigns/best-performing/metrics/"+kind, "get_best_performing_campaigns_"+kind+"_metrics", pencNone, bestPerformingMetric(kind))
	}
	rt.add(get, "/affiliates/campaigns/{campaign_id}/metrics/earnings", "get_campaigns_earnings_metric", pencNone, campaignEarningsMetric)
	rt.add(get, "/affiliates/campaigns/{campaign_id}/reports/earnings", "get_campaigns_earnings_report", pencNone, campaignEarningsReport)
	rt.add(get, "/affiliates/campaigns/{campaign_id}/summary", "get_campaigns_summary", pencNone, campaignSummary)
	rt.add(get, "/affiliates/summary", "get_summary", pencNone, getAffiliateSummary)

	// Solution Partner
	rt.add(post, "/solutions/organizations", "create_organization", pencJSON, createOrganization)
	rt.add(get, "/solutions/organizations/{organization_id}/licenses", "get_organization_licenses", pencNone, getOrganizationLicenses)
	rt.add(get, "/solutions/organizations/{organization_id}", "get_organization_details", pencNone, getOrganizationDetails)
	rt.add(post, "/solutions/organizations/{organization_id}/licenses", "create_license", pencJSON, createLicense)
	rt.add(get, "/solutions/licenses", "get_solution_licenses", pencNone, getSolutionLicenses)
	rt.add(get, "/solutions/licenses/{status}", "get_solution_licenses_by_status", pencNone, getSolutionLicensesByStatus)
	rt.add(get, "/solutions/licenses/{product}/{license_id}", "get_license_details", pencNone, getLicenseDetails)
	rt.add(put, "/solutions/licenses/{product}/{license_id}", "update_license_details", pencForm, updateLicenseDetails)
	rt.add(post, "/solutions/licenses/{product}/{license_id}/operators", "invite_license_operators", pencJSON, pInviteOperators)
	rt.add(get, "/solutions/licenses/{license_id}/invoices", "get_license_invoices", pencNone, getLicenseInvoices)
	rt.add(get, "/solutions/licenses/{license_id}/invoices/{invoice_no}", "get_license_invoice_pdf", pencNone, getLicenseInvoicePDF)
	rt.add(post, "/solutions/licenses/{product}/{license_id}/subscription", "create_subscription", pencJSON, createSubscription)
	rt.add(put, "/solutions/licenses/{product}/{license_id}/subscription", "update_subscription", pencJSON, updateSubscription)
	rt.add(del, "/solutions/licenses/{product}/{license_id}/subscription", "close_subscription", pencJSON, closeSubscription)
	rt.add(put, "/solutions/licenses/{product}/{license_id}/billing", "update_license_billing", pencJSON, updateLicenseBilling)
	rt.add(post, "/solutions/licenses/{product}/{license_id}/transfer", "transfer_license", pencForm, pTransferLicense)
	rt.add(get, "/solutions/licenses/count", "get_license_metrics", pencNone, getLicenseMetrics)
	rt.add(get, "/solutions/reports/license", "get_solution_licenses_report", pencNone, getSolutionLicensesReport)
	rt.add(get, "/solutions/licenses/search/csv", "get_solution_licenses_csv_report", pencNone, getSolutionLicensesCSV)
	rt.add(get, "/solutions/leads", "get_leads", pencNone, pGetLeads)
	rt.add(get, "/solutions/leads/{lead_id}", "get_lead_details", pencNone, getLeadDetails)
	rt.add(get, "/solutions/leads/{lead_id}/history", "get_lead_history", pencNone, getLeadHistory)
	rt.add(post, "/solutions/leads", "submit_lead", pencJSON, pSubmitLead)
	rt.add(get, "/solutions/summary", "get_solution_summary", pencNone, getSolutionSummary)

	// Partner Directory
	rt.add(post, "/experts/profile/logo", "upload_logo", pencBinary, pUploadLogo)
	rt.add(post, "/experts/profile", "create_expert_profile", pencJSON, createExpertProfile)
	rt.add(get, "/experts/profile", "get_expert_profile", pencNone, getExpertProfile)
	rt.add(put, "/experts/profile", "update_expert_profile", pencJSON, updateExpertProfile)
	rt.add(get, "/experts/comments", "get_comments", pencNone, pGetComments)
	rt.add(get, "/experts/stats", "get_expert_stats", pencNone, getExpertStats)
	rt.add(get, "/experts/history", "get_expert_history", pencNone, getExpertHistory)
	return rt
}

// getPartnerStatus answers the API status endpoint (its response is not documented).
func getPartnerStatus(_ *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	return pOK(map[string]any{"status": "ok"}), nil
}

// registerPartner adds the Partner API's out-of-band delete kinds; its routes are static
// (partnerRoutes) and its objects live in store.partner.
func registerPartner(s *Server) { registerPartnerKinds(s) }
