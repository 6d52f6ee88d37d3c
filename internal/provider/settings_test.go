package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every resource's timeouts block refuses zero and negative durations: "0s" meant no bound at
// all, "-5m" an operation that ended before it began.
func TestTimeouts_EveryResourceRefusesNonPositiveDurations(t *testing.T) {
	for _, f := range New("test")().Resources(t.Context()) {
		r := f()
		var md fwresource.MetadataResponse
		r.Metadata(t.Context(), fwresource.MetadataRequest{ProviderTypeName: "livechat"}, &md)
		var sr fwresource.SchemaResponse
		r.Schema(t.Context(), fwresource.SchemaRequest{}, &sr)
		block, ok := sr.Schema.Blocks["timeouts"].(schema.SingleNestedBlock)
		if !ok {
			t.Errorf("%s has no timeouts block", md.TypeName)
			continue
		}
		for _, op := range []string{"create", "read", "update", "delete"} {
			a, ok := block.Attributes[op].(schema.StringAttribute)
			if !ok {
				t.Errorf("%s: timeouts has no %s", md.TypeName, op)
				continue
			}
			for value, refused := range map[string]bool{"-5m": true, "0s": true, "0": true, "2m": false, "1s": false} {
				var diags diag.Diagnostics
				for _, v := range a.Validators {
					var resp validator.StringResponse
					v.ValidateString(t.Context(), validator.StringRequest{Path: path.Root("timeouts").AtName(op), ConfigValue: types.StringValue(value)}, &resp)
					diags.Append(resp.Diagnostics...)
				}
				if diags.HasError() != refused {
					t.Errorf("%s timeouts.%s = %q: refused %v, want %v (%v)", md.TypeName, op, value, diags.HasError(), refused, diags)
				}
			}
		}
	}
}

// LIVECHAT_RATE_LIMIT is held to the rules of rate_limit: strconv reads "NaN" and "Inf" as numbers.
func TestRateLimitSetting_Environment(t *testing.T) {
	for value, ok := range map[string]bool{
		"NaN": false, "Inf": false, "-Inf": false, "-1": false, "1e-9": false, "0.05": false, "many": false,
		"0": true, "0.1": true, "20": true, "1e6": true,
	} {
		t.Setenv("LIVECHAT_RATE_LIMIT", value)
		var diags diag.Diagnostics
		got := rateLimitSetting(&diags, types.Float64Null())
		if diags.HasError() == ok {
			t.Errorf("LIVECHAT_RATE_LIMIT=%s: errors %v, want ok=%v", value, diags, ok)
		}
		if !ok && (got != defaultRateLimit || !strings.Contains(diags.Errors()[0].Detail(), value)) {
			t.Errorf("LIVECHAT_RATE_LIMIT=%s: got %g and %v", value, got, diags)
		}
	}
}

// propagation_window may be 0s (writes wait); a negative or unparsable value is an error that
// names the variable, and the default stays.
func TestPropagationWindowSetting_Environment(t *testing.T) {
	for value, want := range map[string]time.Duration{"0s": 0, "3s": 3 * time.Second, "2m": 2 * time.Minute, "-1s": -1, "soon": -1} {
		t.Setenv("LIVECHAT_PROPAGATION_WINDOW", value)
		var diags diag.Diagnostics
		got := windowSetting(&diags, types.StringNull(), "propagation_window", "LIVECHAT_PROPAGATION_WINDOW", 2*time.Minute)
		switch {
		case want < 0 && (!diags.HasError() || got != 2*time.Minute || !strings.Contains(diags.Errors()[0].Detail(), "LIVECHAT_PROPAGATION_WINDOW")):
			t.Errorf("LIVECHAT_PROPAGATION_WINDOW=%s: got %s and %v, want an error naming the variable", value, got, diags)
		case want >= 0 && (diags.HasError() || got != want):
			t.Errorf("LIVECHAT_PROPAGATION_WINDOW=%s: got %s and %v, want %s", value, got, diags, want)
		}
	}
}
