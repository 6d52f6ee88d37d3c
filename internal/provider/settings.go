package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// durationSetting reads a duration from the attribute, else its env var, else def.
func durationSetting(diags *diag.Diagnostics, v types.String, attr, env string, def time.Duration) time.Duration {
	return durationSettingFrom(diags, v, attr, env, def, false)
}

// windowSetting is durationSetting for a window that may be 0 (none).
func windowSetting(diags *diag.Diagnostics, v types.String, attr, env string, def time.Duration) time.Duration {
	return durationSettingFrom(diags, v, attr, env, def, true)
}

func durationSettingFrom(diags *diag.Diagnostics, v types.String, attr, env string, def time.Duration, zeroAllowed bool) time.Duration {
	s, source := "", attr
	switch {
	case !v.IsNull() && !v.IsUnknown():
		s = v.ValueString()
	case os.Getenv(env) != "":
		s, source = os.Getenv(env), env
	default:
		return def
	}
	d, err := time.ParseDuration(s)
	switch {
	case zeroAllowed && (err != nil || d < 0):
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr,
			fmt.Sprintf("%s is %q; use a Go duration of 0 or more such as 0s or 2m.", source, s))
		return def
	case !zeroAllowed && (err != nil || d <= 0):
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr,
			fmt.Sprintf("%s is %q; use a positive Go duration such as 30s or 5m.", source, s))
		return def
	}
	return d
}

// rateLimitSetting reads rate_limit from the attribute (checked at plan), else
// LIVECHAT_RATE_LIMIT, else the default.
func rateLimitSetting(diags *diag.Diagnostics, v types.Float64) float64 {
	if known(v) {
		return v.ValueFloat64()
	}
	s := os.Getenv("LIVECHAT_RATE_LIMIT")
	if s == "" {
		return defaultRateLimit
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		err = errors.New("is not a number")
	} else {
		err = client.CheckRateLimit(r)
	}
	if err != nil {
		diags.AddAttributeError(path.Root("rate_limit"), "Invalid LIVECHAT_RATE_LIMIT",
			fmt.Sprintf("LIVECHAT_RATE_LIMIT is %q: it %v (requests per second).", s, err))
		return defaultRateLimit
	}
	return r
}

// rateLimitValidator is client.CheckRateLimit at plan time (a number beyond a float64, 1/0 or
// 1e400, is refused before by the provider's number check, server.go).
type rateLimitValidator struct{}

func (rateLimitValidator) Description(context.Context) string {
	return fmt.Sprintf("must be 0 or at least %g, and finite", client.MinRateLimit)
}
func (v rateLimitValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}
func (rateLimitValidator) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if !known(req.ConfigValue) {
		return
	}
	if err := client.CheckRateLimit(req.ConfigValue.ValueFloat64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid rate_limit", "rate_limit "+err.Error()+".")
	}
}

// apiURLValidator checks api_url at plan time. An empty api_url is refused rather than read as
// the production default: it overrode LIVECHAT_API_URL (an emulator, say) and sent the token to
// production.
type apiURLValidator struct{}

func (apiURLValidator) Description(context.Context) string {
	return "must be an absolute https:// URL (http:// only to a loopback host), not empty"
}
func (v apiURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (apiURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !known(req.ConfigValue) {
		return
	}
	if req.ConfigValue.ValueString() == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid api_url",
			"api_url is empty. Leave it out (or set it to null) to use LIVECHAT_API_URL or the default "+client.DefaultAPIURL+": an empty api_url does not mean either.")
		return
	}
	if _, err := client.ParseAPIURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid api_url", err.Error()+".")
	}
}

// readAtRefresh ends the description of a read-only value that no create answer carries: the create
// leaves it null rather than hold a parallelism slot until the API shows the object (DESIGN §5).
const readAtRefresh = " Null right after Terraform creates the object, until the next refresh (every `plan` and `apply` begins with one) reads it: " +
	"the create does not wait for the API to show the new object (Reliability guide, \"Propagation delay\"). " +
	"Do not refer to it from another resource or an output in the apply that creates the object, or the next plan changes them; `propagation_window = \"0s\"` makes creates wait and fill it."

// timeoutsBlock is the timeouts block of every resource: the framework's, whose durations must
// also be positive (it accepts "-5m" and "0s", which end an operation at once or never).
func timeoutsBlock(ctx context.Context) schema.Block {
	b := timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}).(schema.SingleNestedBlock)
	for name, a := range b.Attributes {
		s := a.(schema.StringAttribute)
		s.Validators = append(s.Validators, durationValidator{})
		b.Attributes[name] = s
	}
	return b
}
