package provider

// What an apply waits for, and what it records. A write changes some attributes: the wait after it
// checks those only, since an attribute changed outside Terraform after the plan would never show
// its planned value (the wait would run into its timeout for a change the apply never made). The
// state an apply records is its plan, with the API's answer filling what the plan left unknown:
// Terraform refuses an apply whose result differs from a known planned value, and the next refresh
// reads what the API holds, so a drift in an attribute the apply did not touch still shows then.

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// getWritten reads into target what a write sends: the whole plan of a create (state null), and
// for an update the plan with every top-level attribute that equals the state's made unknown.
// matches-style checks skip unknown values, so with target they compare only what the write
// changed. Identifiers equal in plan and state are unknown too: take them from the plan or state.
func getWritten(ctx context.Context, plan tfsdk.Plan, state tfsdk.State, target any) diag.Diagnostics {
	if state.Raw.IsNull() {
		return plan.Get(ctx, target)
	}
	var planned, prior map[string]tftypes.Value
	if err := plan.Raw.As(&planned); err != nil {
		return conversionError(err)
	}
	if err := state.Raw.As(&prior); err != nil {
		return conversionError(err)
	}
	sent := make(map[string]tftypes.Value, len(planned)) // As shares the plan's map: never write to it
	for name, v := range planned {
		sent[name] = v
		if v.Equal(prior[name]) {
			sent[name] = tftypes.NewValue(v.Type(), tftypes.UnknownValue)
		}
	}
	written := tfsdk.Plan{Schema: plan.Schema, Raw: tftypes.NewValue(plan.Raw.Type(), sent)}
	return written.Get(ctx, target)
}

// setApplied records an apply: m (the plan with the API's answer read into it) with every value
// the plan knew kept as planned, so only what the plan left unknown comes from the answer. What
// neither gave (m still holds it unknown: a value only a read shows, and the write did not wait
// for one) is recorded null and filled by the next refresh: Terraform accepts any known value for
// an unknown planned one, and an attribute nothing configures plans no change when it fills.
func setApplied(ctx context.Context, state *tfsdk.State, plan tfsdk.Plan, m any) diag.Diagnostics {
	diags := state.Set(ctx, m)
	if !diags.HasError() {
		state.Raw = nullUnknown(keepPlanned(plan.Raw, state.Raw))
	}
	return diags
}

// nullUnknown is v with every unknown value in it null.
func nullUnknown(v tftypes.Value) tftypes.Value {
	if v.IsFullyKnown() {
		return v
	}
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil { // Transform fails only on a callback error, and this one returns none
		return v
	}
	return out
}

// keepPlanned is answer with every known value of planned in its place; an object planned in part
// keeps its known attributes and takes the rest from answer.
func keepPlanned(planned, answer tftypes.Value) tftypes.Value {
	if planned.IsFullyKnown() {
		return planned
	}
	if _, isObject := planned.Type().(tftypes.Object); !isObject || !planned.IsKnown() || !answer.IsKnown() || answer.IsNull() {
		return answer
	}
	var p, a map[string]tftypes.Value
	if planned.As(&p) != nil || answer.As(&a) != nil {
		return answer
	}
	kept := make(map[string]tftypes.Value, len(a)) // As shares the values' maps: never write to them
	for name, v := range a {
		kept[name] = v
		if pv, ok := p[name]; ok {
			kept[name] = keepPlanned(pv, v)
		}
	}
	return tftypes.NewValue(answer.Type(), kept)
}

func conversionError(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Reading the plan", fmt.Sprintf("This is a provider bug: %v", err))
	return diags
}

// unknownBesides reports whether the plan leaves a value to the API besides the attributes the
// write's answer gives (e.g. the id): only then does the state need a read after the write.
func unknownBesides(plan tfsdk.Plan, answered ...string) bool {
	var attrs map[string]tftypes.Value
	if plan.Raw.As(&attrs) != nil {
		return true
	}
	for name, v := range attrs {
		if !v.IsFullyKnown() && !slices.Contains(answered, name) {
			return true
		}
	}
	return false
}
