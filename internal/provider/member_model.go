package provider

import (
	"context"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The groups and work_scheduler values of agents and bots (see member_schema.go), converted
// to and from the API's GroupMembership and WorkScheduler, which both take.

// weekDays are the days of a work schedule, as the API names them.
var weekDays = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

type membershipModel struct {
	ID       types.Int64  `tfsdk:"id"`
	Priority types.String `tfsdk:"priority"`
}

type workSchedulerModel struct {
	Timezone types.String `tfsdk:"timezone"`
	Schedule types.Set    `tfsdk:"schedule"`
}

type workScheduleModel struct {
	Day     types.String `tfsdk:"day"`
	Enabled types.Bool   `tfsdk:"enabled"`
	Start   types.String `tfsdk:"start"`
	End     types.String `tfsdk:"end"`
}

var (
	membershipType   = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.Int64Type, "priority": types.StringType}}
	workScheduleType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"day": types.StringType, "enabled": types.BoolType, "start": types.StringType, "end": types.StringType,
	}}
	workSchedulerType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"timezone": types.StringType, "schedule": types.SetType{ElemType: workScheduleType},
	}}
)

// membershipsValue is the groups set of the API's memberships.
func membershipsValue(ms []configuration.GroupMembership) types.Set {
	elems := make([]attr.Value, 0, len(ms))
	for _, m := range ms {
		elems = append(elems, types.ObjectValueMust(membershipType.AttrTypes, map[string]attr.Value{
			"id": types.Int64Value(m.ID), "priority": types.StringValue(m.Priority),
		}))
	}
	return types.SetValueMust(membershipType, elems)
}

// membershipsFrom is the API's memberships of a groups set.
func membershipsFrom(ctx context.Context, s types.Set, diags *diag.Diagnostics) []configuration.GroupMembership {
	var ms []membershipModel
	diags.Append(s.ElementsAs(ctx, &ms, false)...)
	out := make([]configuration.GroupMembership, 0, len(ms))
	for _, m := range ms {
		out = append(out, configuration.GroupMembership{ID: m.ID.ValueInt64(), Priority: m.Priority.ValueString()})
	}
	return out
}

// workSchedulerValue is the work_scheduler object of the API's work scheduler.
func workSchedulerValue(ws *configuration.WorkScheduler) types.Object {
	// No schedule (the API reads it as {"timezone":"","schedule":[]}) is null, not an object
	// with a null timezone, which is required: configuration generated after an import must
	// validate.
	if ws == nil || (ws.Timezone == "" && len(ws.Schedule) == 0) {
		return types.ObjectNull(workSchedulerType.AttrTypes)
	}
	elems := make([]attr.Value, 0, len(ws.Schedule))
	for _, s := range ws.Schedule {
		elems = append(elems, types.ObjectValueMust(workScheduleType.AttrTypes, map[string]attr.Value{
			"day": types.StringValue(s.Day), "enabled": types.BoolValue(s.Enabled),
			"start": types.StringValue(s.Start), "end": types.StringValue(s.End),
		}))
	}
	tz := types.StringNull()
	if ws.Timezone != "" {
		tz = types.StringValue(ws.Timezone)
	}
	return types.ObjectValueMust(workSchedulerType.AttrTypes, map[string]attr.Value{
		"timezone": tz, "schedule": types.SetValueMust(workScheduleType, elems),
	})
}

// workSchedulerFrom is the API's work scheduler of a work_scheduler object.
func workSchedulerFrom(ctx context.Context, o types.Object, diags *diag.Diagnostics) *configuration.WorkScheduler {
	var m workSchedulerModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	var items []workScheduleModel
	diags.Append(m.Schedule.ElementsAs(ctx, &items, false)...)
	ws := &configuration.WorkScheduler{Timezone: m.Timezone.ValueString(), Schedule: []configuration.WorkSchedule{}}
	for _, it := range items {
		ws.Schedule = append(ws.Schedule, configuration.WorkSchedule{
			Day: it.Day.ValueString(), Enabled: it.Enabled.ValueBool(), Start: it.Start.ValueString(), End: it.End.ValueString(),
		})
	}
	return ws
}

// memberMatchesPlan reports whether the API shows every known planned value of an agent or a
// bot: pairs holds {planned, shown} values, and a planned work scheduler is compared by
// meaning with the one the API shows.
func memberMatchesPlan(ctx context.Context, pairs [][2]attr.Value, plannedWS types.Object, shownWS *configuration.WorkScheduler) bool {
	for _, p := range pairs {
		if known(p[0]) && !p[0].Equal(p[1]) {
			return false
		}
	}
	if known(plannedWS) {
		var d diag.Diagnostics
		want := workSchedulerFrom(ctx, plannedWS, &d)
		if d.HasError() || !sameWorkScheduler(want, shownWS) {
			return false
		}
	}
	return true
}

// sameWorkScheduler compares by meaning: schedule order is not kept, and an unset planned
// timezone matches any.
func sameWorkScheduler(want, got *configuration.WorkScheduler) bool {
	if got == nil {
		got = &configuration.WorkScheduler{}
	}
	if want.Timezone != "" && want.Timezone != got.Timezone {
		return false
	}
	key := func(s configuration.WorkSchedule) string {
		e := "0"
		if s.Enabled {
			e = "1"
		}
		return s.Day + "/" + s.Start + "/" + s.End + "/" + e
	}
	a, b := make([]string, 0, len(want.Schedule)), make([]string, 0, len(got.Schedule))
	for _, s := range want.Schedule {
		a = append(a, key(s))
	}
	for _, s := range got.Schedule {
		b = append(b, key(s))
	}
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}
