package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*autoAccessResource)(nil)
	_ resource.ResourceWithImportState = (*autoAccessResource)(nil)
)

type autoAccessResource struct{ resourceBase }

func newAutoAccessResource() resource.Resource {
	return &autoAccessResource{resourceBase{name: "auto_access"}}
}

type autoAccessModel struct {
	ID          types.String   `tfsdk:"id"`
	Description types.String   `tfsdk:"description"`
	Access      types.Object   `tfsdk:"access"`
	Conditions  types.Object   `tfsdk:"conditions"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// matchConditionAttribute is the schema of conditions.url / conditions.domain.
func matchConditionAttribute(what string) schema.SingleNestedAttribute {
	matchObject := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"value": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "A " + what + " to match.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"exact_match": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "`true`: the " + what + " must equal `value`; `false` (the default): `value` is matched as a substring of the " + what + ".",
		},
	}}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Matches the customer's " + what + ". Set exactly one of `values` (positive match) and `exclude_values` (negative match); " +
			"the API does not allow both.",
		Attributes: map[string]schema.Attribute{
			"values": schema.ListNestedAttribute{
				Optional: true, NestedObject: matchObject,
				MarkdownDescription: "Matches when the " + what + " matches one of these values (kept in the order given).",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("exclude_values")),
				},
			},
			"exclude_values": schema.ListNestedAttribute{
				Optional: true, NestedObject: matchObject,
				MarkdownDescription: "Matches when the " + what + " matches none of these values (kept in the order given).",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
			},
		},
	}
}

func (r *autoAccessResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	geoAttrs := map[string]schema.Attribute{}
	for _, f := range geolocationFields {
		geoAttrs[f] = schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: map[string]string{"country": "Country, e.g. `United States`.", "country_code": "Country code, e.g. `US`.", "region": "Region, e.g. `California`.", "city": "City, e.g. `Mountain View`."}[f],
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An auto access rule (Configuration API v3.6 `add_auto_access`, `update_auto_access`, `delete_auto_access`, read through `list_auto_accesses`): " +
			"when a customer's page URL, domain or geolocation matches the rule's conditions, the chat is assigned to the rule's groups.\n\n" +
			"**Order.** The API keeps the rules in one ordered list (each rule points to the next one with `next_id`). " +
			"A new rule is added at the end of the list. To set the order, list the rules in one `livechat_auto_access_order` resource; " +
			"this resource never moves a rule, so the two never fight over the order. " +
			"Rules are read with one `list_auto_accesses` call per run, shared by every rule.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of the rule, assigned by the API; the import ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Description of the rule. Default: empty.",
			},
			"access": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Where matching chats go.",
				Attributes: map[string]schema.Attribute{
					"groups": schema.SetAttribute{
						ElementType: types.Int64Type, Required: true,
						MarkdownDescription: "IDs of the destination groups; at least one.",
						Validators: []validator.Set{
							setvalidator.SizeAtLeast(1),
							setvalidator.ValueInt64sAre(int64validator.AtLeast(0)),
						},
					},
				},
			},
			"conditions": schema.SingleNestedAttribute{
				Required: true,
				MarkdownDescription: "What a customer must match; set at least one of `url`, `domain` and `geolocation`. " +
					"`url` matches `customer_page.url` of Login or the `url` of Update Customer Page; `domain` matches the domain of that URL.",
				Validators: []validator.Object{objectAtLeastOneOf{"url", "domain", "geolocation"}},
				Attributes: map[string]schema.Attribute{
					"url":    matchConditionAttribute("page URL"),
					"domain": matchConditionAttribute("domain"),
					"geolocation": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "Matches the customer's geolocation.",
						Attributes: map[string]schema.Attribute{
							"values": schema.ListNestedAttribute{
								Required: true,
								MarkdownDescription: "Matches when at least one value matches. A value matches when all of the fields it sets match; " +
									"each value sets at least one of `country`, `country_code`, `region` and `city`.",
								Validators: []validator.List{listvalidator.SizeAtLeast(1)},
								NestedObject: schema.NestedAttributeObject{
									Attributes: geoAttrs,
									Validators: []validator.Object{objectAtLeastOneOf(geolocationFields)},
								},
							},
						},
					},
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// fromAPI sets the model from the API's rule; condition values keep the model's order when the
// API holds the same values in another.
func (m *autoAccessModel) fromAPI(ctx context.Context, a *configuration.AutoAccess, diags *diag.Diagnostics) {
	m.ID = types.StringValue(a.ID)
	m.Description = types.StringValue(a.Description)
	m.Access = autoAccessAccessValue(a.Access)
	m.Conditions = autoAccessConditionsValue(m.alignedConditions(ctx, a, diags))
}

// alignedConditions are the API's conditions in the model's order where the values are the same.
func (m *autoAccessModel) alignedConditions(ctx context.Context, a *configuration.AutoAccess, diags *diag.Diagnostics) configuration.AutoAccessConditions {
	if !known(m.Conditions) {
		return a.Conditions
	}
	return alignConditions(a.Conditions, autoAccessConditionsFrom(ctx, m.Conditions, diags))
}

// matches reports whether the API shows every known value of m, condition values in any order.
func (m *autoAccessModel) matches(ctx context.Context, a *configuration.AutoAccess) bool {
	var diags diag.Diagnostics
	return (!known(m.Description) || a.Description == m.Description.ValueString()) &&
		(!known(m.Access) || m.Access.Equal(autoAccessAccessValue(a.Access))) &&
		(!known(m.Conditions) || m.Conditions.Equal(autoAccessConditionsValue(m.alignedConditions(ctx, a, &diags))))
}

func (m *autoAccessModel) create(ctx context.Context, diags *diag.Diagnostics) configuration.AutoAccessCreate {
	return configuration.AutoAccessCreate{
		Description: m.Description.ValueString(),
		Access:      autoAccessAccessFrom(m.Access),
		Conditions:  autoAccessConditionsFrom(ctx, m.Conditions, diags),
	}
}

// awaitRule polls list_auto_accesses, never an answer fetched before since (when the write
// began), until the rule shows what want holds (getWritten: what the write sent); the waits of
// concurrent rule writes share each poll's list (pollAutoAccess). With a propagation window the
// wait is left to the run's pending writes unless the plan left a value to the API (needValue).
func (r *autoAccessResource) awaitRule(ctx context.Context, needValue bool, id string, want *autoAccessModel, since time.Time) (*configuration.AutoAccess, bool, error) {
	return awaitWrite(ctx, &r.resourceBase, needValue, "auto access "+id, shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.AutoAccess, time.Time, error) {
		return r.data.pollAutoAccess(ctx, id, since)
	}, func(ctx context.Context, a *configuration.AutoAccess) bool { return want.matches(ctx, a) }))
}

func (r *autoAccessResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan autoAccessModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in := plan.create(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Every list the wait reads was fetched after this write began.
	since := time.Now()
	// A group created a moment ago may not have propagated yet: group_not_found clears by itself.
	id, err := retryReferring(ctx, r.data, "adding auto access", groupsReference(path.Root("access").AtName("groups"), in.Access.Groups...), func(ctx context.Context) (string, error) {
		return r.data.config.AddAutoAccess(ctx, in)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Adding auto access", err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	plan.ID = types.StringValue(id)
	a, shown, err := r.awaitRule(ctx, unknownBesides(req.Plan, "id"), id, &plan, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for auto access "+id, err)
		return
	}
	if shown {
		plan.fromAPI(ctx, a, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *autoAccessResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state autoAccessModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	a, err := r.data.config.GetAutoAccess(ctx, id, false)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id, "add it again (at the end of the list, unless livechat_auto_access_order places it)")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading auto access "+id, err)
		return
	}
	state.fromAPI(ctx, a, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *autoAccessResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want autoAccessModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	in := configuration.AutoAccessUpdate{ID: id}
	if !plan.Description.Equal(state.Description) {
		in.Description = plan.Description.ValueStringPointer()
	}
	if !plan.Access.Equal(state.Access) {
		a := autoAccessAccessFrom(plan.Access)
		in.Access = &a
	}
	if !plan.Conditions.Equal(state.Conditions) {
		c := autoAccessConditionsFrom(ctx, plan.Conditions, &resp.Diagnostics)
		in.Conditions = &c
	}
	if resp.Diagnostics.HasError() {
		return
	}
	since := time.Now()
	if in.Description != nil || in.Access != nil || in.Conditions != nil {
		groups := groupsReference(path.Root("access").AtName("groups"))
		if in.Access != nil {
			groups = groupsReference(groups.attr, in.Access.Groups...)
		}
		_, err := retryReferring(ctx, r.data, "updating auto access "+id, groups, func(ctx context.Context) (any, error) {
			return nil, r.data.config.UpdateAutoAccess(ctx, in)
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Updating auto access "+id, err)
			return
		}
	}
	plan.ID = state.ID
	a, shown, err := r.awaitRule(ctx, !req.Plan.Raw.IsFullyKnown(), id, &want, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for auto access "+id, err)
		return
	}
	if shown {
		plan.fromAPI(ctx, a, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *autoAccessResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state autoAccessModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	since := time.Now()
	if err := r.data.config.DeleteAutoAccess(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting auto access "+id, err)
		return
	}
	err := r.afterWrite(ctx, "deleting auto access "+id, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.AutoAccess, time.Time, error) {
		return r.data.pollAutoAccess(ctx, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for auto access "+id+" to be deleted", err)
	}
}
