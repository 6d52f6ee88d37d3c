package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var appliedSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"id":   schema.StringAttribute{Computed: true},
	"name": schema.StringAttribute{Required: true},
	"size": schema.Int64Attribute{Optional: true, Computed: true},
	"box": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"color": schema.StringAttribute{Optional: true},
		"zone":  schema.StringAttribute{Computed: true},
	}},
}}

type appliedModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
	Size types.Int64  `tfsdk:"size"`
	Box  types.Object `tfsdk:"box"`
}

var appliedBoxType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"color": tftypes.String, "zone": tftypes.String}}

// appliedValue builds a raw object of appliedSchema; nil means unknown.
func appliedValue(t *testing.T, id, name, size any, box tftypes.Value) tftypes.Value {
	v := func(t tftypes.Type, x any) tftypes.Value {
		if x == nil {
			return tftypes.NewValue(t, tftypes.UnknownValue)
		}
		return tftypes.NewValue(t, x)
	}
	return tftypes.NewValue(appliedSchema.Type().TerraformType(t.Context()), map[string]tftypes.Value{
		"id": v(tftypes.String, id), "name": v(tftypes.String, name), "size": v(tftypes.Number, size), "box": box,
	})
}

func TestGetWritten(t *testing.T) {
	ctx := t.Context()
	box := tftypes.NewValue(appliedBoxType, map[string]tftypes.Value{
		"color": tftypes.NewValue(tftypes.String, "red"), "zone": tftypes.NewValue(tftypes.String, "a"),
	})
	plan := tfsdk.Plan{Schema: appliedSchema, Raw: appliedValue(t, "1", "new", 5, box)}
	planBefore := plan.Raw.String()
	state := tfsdk.State{Schema: appliedSchema, Raw: appliedValue(t, "1", "old", 5, box)}

	var got appliedModel
	if d := getWritten(ctx, plan, state, &got); d.HasError() {
		t.Fatal(d)
	}
	if got.Name.ValueString() != "new" || !got.ID.IsUnknown() || !got.Size.IsUnknown() || !got.Box.IsUnknown() {
		t.Errorf("update: %+v, want only name known", got)
	}
	if plan.Raw.String() != planBefore {
		t.Errorf("the plan changed: %s", plan.Raw)
	}

	var created appliedModel
	if d := getWritten(ctx, plan, tfsdk.State{Schema: appliedSchema, Raw: tftypes.NewValue(plan.Raw.Type(), nil)}, &created); d.HasError() {
		t.Fatal(d)
	}
	if created.ID.ValueString() != "1" || created.Size.ValueInt64() != 5 || created.Box.IsUnknown() {
		t.Errorf("create: %+v, want the whole plan", created)
	}
}

func TestSetApplied(t *testing.T) {
	ctx := t.Context()
	// Planned: name known, id and size unknown, box known in part (zone is the API's).
	plannedBox := tftypes.NewValue(appliedBoxType, map[string]tftypes.Value{
		"color": tftypes.NewValue(tftypes.String, "red"), "zone": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	})
	plan := tfsdk.Plan{Schema: appliedSchema, Raw: appliedValue(t, nil, "planned", nil, plannedBox)}
	planBefore := plan.Raw.String()
	// The answer differs in name (changed outside Terraform since the plan) and box color.
	answer := appliedModel{
		ID: types.StringValue("7"), Name: types.StringValue("drifted"), Size: types.Int64Value(3),
		Box: types.ObjectValueMust(map[string]attr.Type{"color": types.StringType, "zone": types.StringType},
			map[string]attr.Value{"color": types.StringValue("blue"), "zone": types.StringValue("b")}),
	}
	state := tfsdk.State{Schema: appliedSchema}
	if d := setApplied(ctx, &state, plan, &answer); d.HasError() {
		t.Fatal(d)
	}
	var got appliedModel
	if d := state.Get(ctx, &got); d.HasError() {
		t.Fatal(d)
	}
	box := got.Box.Attributes()
	if got.ID.ValueString() != "7" || got.Size.ValueInt64() != 3 || got.Name.ValueString() != "planned" ||
		box["color"].(types.String).ValueString() != "red" || box["zone"].(types.String).ValueString() != "b" {
		t.Errorf("applied %+v: want planned values kept, unknown ones from the answer", got)
	}
	if plan.Raw.String() != planBefore {
		t.Errorf("the plan changed: %s", plan.Raw)
	}
}

// A write that did not wait for a read records what neither the plan nor the answer gave as null,
// never unknown: Terraform refuses an unknown value after apply.
func TestSetApplied_LeavesWhatNoAnswerGaveNull(t *testing.T) {
	ctx := t.Context()
	plannedBox := tftypes.NewValue(appliedBoxType, map[string]tftypes.Value{
		"color": tftypes.NewValue(tftypes.String, "red"), "zone": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	})
	plan := tfsdk.Plan{Schema: appliedSchema, Raw: appliedValue(t, nil, "planned", nil, plannedBox)}
	// The create's answer gave the id only.
	var answer appliedModel
	if d := plan.Get(ctx, &answer); d.HasError() {
		t.Fatal(d)
	}
	answer.ID = types.StringValue("7")
	state := tfsdk.State{Schema: appliedSchema}
	if d := setApplied(ctx, &state, plan, &answer); d.HasError() {
		t.Fatal(d)
	}
	if !state.Raw.IsFullyKnown() {
		t.Fatalf("applied state holds unknown values: %s", state.Raw)
	}
	var got appliedModel
	if d := state.Get(ctx, &got); d.HasError() {
		t.Fatal(d)
	}
	box := got.Box.Attributes()
	if got.ID.ValueString() != "7" || got.Name.ValueString() != "planned" || !got.Size.IsNull() ||
		box["color"].(types.String).ValueString() != "red" || !box["zone"].IsNull() {
		t.Errorf("applied %+v: want id from the answer, the plan's values, and null where neither gave one", got)
	}
}
