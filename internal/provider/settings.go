package provider

import (
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// durationSetting reads a duration from the attribute, else its env var, else def.
func durationSetting(diags *diag.Diagnostics, v types.String, attr, env string, def time.Duration) time.Duration {
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
	if err != nil || d <= 0 {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr,
			fmt.Sprintf("%s is %q; use a positive Go duration such as 30s or 5m.", source, s))
		return def
	}
	return d
}
