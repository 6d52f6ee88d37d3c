package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// dataFrom unpacks what Configure handed to a resource or data source. It
// is nil while Terraform validates before the provider is configured.
func dataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a provider bug", data))
		return nil
	}
	return pd
}

// addAPIError turns a client error into a diagnostic that says what to do.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	var ref *referenceError
	if errors.As(err, &ref) {
		diags.AddAttributeError(ref.ref.attr, summary, err.Error())
		return
	}
	var missing *client.MissingCredentialsError
	if errors.As(err, &missing) {
		diags.AddError("Missing credentials for the "+missing.API.String(), summary+": "+credentialSettings(missing.API)+".")
		return
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Type {
		case client.ErrTypeAuthentication:
			diags.AddError(summary, err.Error()+"\n\nThe API refused the credentials. Check access_token (LIVECHAT_ACCESS_TOKEN), or personal_access_token with account_id/login_email (LIVECHAT_PAT, LIVECHAT_ACCOUNT_ID, LIVECHAT_LOGIN_EMAIL); for Partner API resources, partner_api_token (LIVECHAT_PARTNER_API_TOKEN).")
			return
		case client.ErrTypeAuthorization:
			diags.AddError(summary, err.Error()+"\n\nThe credentials lack a scope this call needs; see the resource's documentation for the scopes.")
			return
		case client.ErrTypeMisdirectedRequest:
			diags.AddError(summary, err.Error()+"\n\nThe license lives in another region; set region (LIVECHAT_REGION) to the one the error names.")
			return
		}
	}
	diags.AddError(summary, err.Error())
}

// credentialSettings says which provider settings (and their environment variables) give api
// its credentials.
func credentialSettings(api client.API) string {
	switch api {
	case client.Configuration:
		return "set access_token (env LIVECHAT_ACCESS_TOKEN), or personal_access_token and account_id (env LIVECHAT_PAT and LIVECHAT_ACCOUNT_ID) in the provider block"
	case client.Legacy:
		return "set access_token (env LIVECHAT_ACCESS_TOKEN), or personal_access_token and login_email (env LIVECHAT_PAT and LIVECHAT_LOGIN_EMAIL) in the provider block"
	case client.Partner:
		return "set partner_api_token (env LIVECHAT_PARTNER_API_TOKEN) in the provider block"
	}
	return "configure its credentials in the provider block"
}
