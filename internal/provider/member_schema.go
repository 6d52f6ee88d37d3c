package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Agents and bots are both group members with working hours: the API takes the same groups and
// work_scheduler fields for both, so livechat_agent and livechat_bot build these attributes
// here. Only their descriptions differ, and the caller passes them.

var hhmmPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// memberGroupsAttribute is the groups attribute of an agent or a bot: the groups it belongs to,
// each with its routing priority.
func memberGroupsAttribute(description string) schema.SetNestedAttribute {
	return schema.SetNestedAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: description,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Required: true, MarkdownDescription: "Group ID.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"priority": schema.StringAttribute{
				Required: true, MarkdownDescription: "Routing priority in the group: `first`, `normal`, `last` or `supervisor`.",
				Validators: []validator.String{stringvalidator.OneOf(priorities...)},
			},
		}},
		Validators:    []validator.Set{uniqueGroupIDs{}},
		PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
	}
}

// workSchedulerDescriptions are the descriptions of a work_scheduler attribute that differ
// between agents and bots.
type workSchedulerDescriptions struct {
	scheduler string // the attribute itself
	timezone  string
	schedule  string
}

// workSchedulerAttribute is the work_scheduler attribute (working hours) of an agent or a bot.
func workSchedulerAttribute(d workSchedulerDescriptions) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true, Computed: true,
		MarkdownDescription: d.scheduler,
		Attributes: map[string]schema.Attribute{
			"timezone": schema.StringAttribute{
				Required: true, MarkdownDescription: d.timezone,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), ianaTimeZone},
			},
			"schedule": schema.SetNestedAttribute{
				Required: true, MarkdownDescription: d.schedule,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"day": schema.StringAttribute{
						Required: true, MarkdownDescription: "Day: " + quoted(weekDays) + ".",
						Validators: []validator.String{stringvalidator.OneOf(weekDays...)},
					},
					"enabled": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Whether this span is in force. Default `true`.",
					},
					"start": schema.StringAttribute{
						Required: true, MarkdownDescription: "Start, `HH:MM`.",
						Validators: []validator.String{stringvalidator.RegexMatches(hhmmPattern, "must be a time of day as HH:MM")},
					},
					"end": schema.StringAttribute{
						Required: true, MarkdownDescription: "End, `HH:MM`.",
						Validators: []validator.String{stringvalidator.RegexMatches(hhmmPattern, "must be a time of day as HH:MM")},
					},
				}},
				Validators: []validator.Set{scheduleSpans{}},
			},
		},
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
	}
}

// uniqueGroupIDs refuses a groups set that names a group twice (with two
// priorities), which the API rejects.
type uniqueGroupIDs struct{}

func (uniqueGroupIDs) Description(context.Context) string {
	return "each group may appear once"
}
func (v uniqueGroupIDs) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }
func (uniqueGroupIDs) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if !known(req.ConfigValue) {
		return
	}
	seen := map[int64]bool{}
	for _, e := range req.ConfigValue.Elements() {
		o, ok := e.(types.Object)
		if !ok || !known(o) {
			continue
		}
		id, ok := o.Attributes()["id"].(types.Int64)
		if !ok || !known(id) {
			continue
		}
		if seen[id.ValueInt64()] {
			resp.Diagnostics.AddAttributeError(req.Path, "Group listed twice",
				fmt.Sprintf("Group %d appears more than once in %s: an agent or bot has one priority per group. Keep one entry for it.", id.ValueInt64(), req.Path))
			return
		}
		seen[id.ValueInt64()] = true
	}
}
