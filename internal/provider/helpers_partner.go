package provider

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Helpers shared by the Partner API v2 resources and data sources.

var (
	partnerEmailPattern   = regexp.MustCompile(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$`)
	partnerURLPattern     = regexp.MustCompile(`^https?://[^\s/]+\S*$`)
	partnerCountryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

func partnerEmailValidator() validator.String {
	return stringvalidator.RegexMatches(partnerEmailPattern, "must be an e-mail address such as jane@example.com")
}

func partnerURLValidator() validator.String {
	return stringvalidator.RegexMatches(partnerURLPattern, "must be an http:// or https:// URL")
}

func partnerCountryValidator() validator.String {
	return stringvalidator.RegexMatches(partnerCountryPattern, "must be a two-letter ISO 3166-1 country code in capitals, such as US or DE")
}

// partnerClient returns the Partner API client, or a diagnostic naming partner_api_token when no
// partner credentials are configured (the same MissingCredentialsError core.Do returns).
func partnerClient(data *providerData, diags *diag.Diagnostics, summary string) *partner.Client {
	if data == nil {
		diags.AddError(summary, "The provider is not configured yet.")
		return nil
	}
	if err := data.core.RequireCredentials(client.Partner); err != nil {
		addAPIError(diags, summary, err)
		return nil
	}
	return data.partner
}

// partnerDays is the whole number of days between two Partner API timestamps (0 when unknown).
func partnerDays(from, to string) int64 {
	f, err1 := time.Parse(partner.TimestampFormat, from)
	t, err2 := time.Parse(partner.TimestampFormat, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int64(t.Sub(f).Round(time.Hour).Hours() / 24)
}

// partnerDiags is the framework's diagnostics collection (shorter to write in helpers).
type partnerDiags = diag.Diagnostics

// partnerStringAttrs converts strings to list or set elements.
func partnerStringAttrs(items []string) []attr.Value {
	out := make([]attr.Value, 0, len(items))
	for _, s := range items {
		out = append(out, types.StringValue(s))
	}
	return out
}

var (
	partnerDatePattern     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	partnerDateTimePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$`)
)

// partnerDateValidator checks a date argument: YYYY-MM-DD, or with withTime also
// YYYY-MM-DDTHH:MM:SSZ.
func partnerDateValidator(withTime bool) validator.String {
	if withTime {
		return stringvalidator.RegexMatches(partnerDateTimePattern, "must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ")
	}
	return stringvalidator.RegexMatches(partnerDatePattern, "must be a date YYYY-MM-DD")
}

// parsePartnerDate reads YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC).
func parsePartnerDate(s string) (time.Time, bool, error) {
	if t, err := time.Parse(partner.DateFormat, s); err == nil {
		return t, true, nil
	}
	if t, err := time.Parse(partner.DateTimeFormat, s); err == nil {
		return t, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SSZ", s)
}

// getConfigArgs reads the arguments of a data source model from the configuration: every
// framework-typed field (types.String, types.Int64, ...), embedded structs included. Plain Go
// fields are computed results and are left alone (the configuration holds null for them).
func getConfigArgs(ctx context.Context, config tfsdk.Config, target any) diag.Diagnostics {
	var diags diag.Diagnostics
	v := reflect.ValueOf(target).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			diags.Append(getConfigArgs(ctx, config, v.Field(i).Addr().Interface())...)
			continue
		}
		tag := f.Tag.Get("tfsdk")
		if _, ok := v.Field(i).Interface().(attr.Value); !ok || tag == "" || tag == "-" {
			continue
		}
		diags.Append(config.GetAttribute(ctx, path.Root(tag), v.Field(i).Addr().Interface())...)
	}
	return diags
}
