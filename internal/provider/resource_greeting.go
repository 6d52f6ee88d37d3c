package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var (
	_ resource.ResourceWithConfigure      = (*greetingResource)(nil)
	_ resource.ResourceWithImportState    = (*greetingResource)(nil)
	_ resource.ResourceWithValidateConfig = (*greetingResource)(nil)
)

type greetingResource struct{ resourceBase }

func newGreetingResource() resource.Resource {
	return &greetingResource{resourceBase{name: "greeting"}}
}

type greetingModel struct {
	ID       types.Int64    `tfsdk:"id"`
	Name     types.String   `tfsdk:"name"`
	Group    types.Int64    `tfsdk:"group"`
	Active   types.Bool     `tfsdk:"active"`
	Subtype  types.String   `tfsdk:"subtype"`
	Message  types.String   `tfsdk:"message"`
	Rules    types.List     `tfsdk:"rules"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *greetingResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A greeting: a message LiveChat shows to visitors who meet its rules (REST API v2 `/greetings`).\n\n" +
			"`rules` is a list in the order of the configuration; the API keeps no order of its own (its answers may list the rules in another order), so the same rules in another order are no change. The greeting is shown when the rules are met (each rule's `condition`, `and` or `or`, joins it to the others). " +
			"Rule types: `visit_time_site`, `visit_time_page`, `pages_view_number` and `visits_number` take a whole number as `value`; " +
			"`url_current`, `url_visited`, `url_referrer`, `geolocation` and `search_keyword` take a text `value`; " +
			"`custom_variable` takes `variable_name` and `variable_value`; `url_funnel` takes `urls`, the sequence of pages a visitor must see. " +
			"The API gives every rule a new `id` whenever the rules are written; unchanged rules keep theirs, so ids never cause a diff.\n\n" +
			"The API cannot move a greeting to another group or change its `subtype`: changing either replaces the greeting. " +
			"A license can have up to 10 `announcement` greetings. " +
			"Import with the numeric ID: `terraform import livechat_greeting.example 2411`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric ID assigned by the API; the import ID.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name shown in the LiveChat settings (not to visitors).",
				Validators:          []validator.String{notBlank},
			},
			"group": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				MarkdownDescription: "ID of the group whose visitors see the greeting; default `0`. Changing it replaces the greeting. " +
					"The reference's answers do not show a greeting's group: when an answer leaves it out, the value from the configuration is kept (the API cannot change it), and an import finds it with each group's list (`GET /greetings?group=`).",
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the greeting is enabled; default `true`.",
			},
			"subtype": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`announcement` for an announcement greeting (up to 10 per license; a visitor who cancels one never sees it again). Unset for a plain greeting. Changing it replaces the greeting. " +
					"The reference's answers do not show the subtype: when an answer leaves it out, the value from the configuration is kept (the API cannot change it); an imported greeting then reads as plain, and a configured `announcement` replaces it.",
				Validators:    []validator.String{stringvalidator.OneOf("announcement")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"message": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Message text shown to the visitor (the API's `properties[greeting-message_text]`). Unset: the API keeps the text it has (its default text for a new greeting), without a diff.",
				Validators:          []validator.String{notBlank},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"rules": schema.ListNestedAttribute{
				Required:            true,
				MarkdownDescription: "Conditions that must be met for the greeting to be shown, in order; at least one.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				PlanModifiers:       []planmodifier.List{rulesPlan{}},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.Int64Attribute{
						Computed: true, MarkdownDescription: "Rule ID assigned by the API (new on every write of the rules).",
					},
					"type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Rule type: " + quoted(greetingRuleTypes) + ".",
						Validators:          []validator.String{stringvalidator.OneOf(greetingRuleTypes...)},
					},
					"value": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Value compared by the rule: a whole number for `visit_time_site`, `visit_time_page` (seconds), `pages_view_number` and `visits_number`; text for the others. Not for `custom_variable` and `url_funnel`.",
					},
					"operator": schema.StringAttribute{
						Optional: true, Computed: true,
						MarkdownDescription: "Comparison: " + quoted(greetingOperators) + "; default `equals`. Not for `url_funnel` rules (each of their `urls` has its own).",
						Validators:          []validator.String{stringvalidator.OneOf(greetingOperators...)},
					},
					"condition": schema.StringAttribute{
						Optional: true, Computed: true,
						MarkdownDescription: "How the rule joins the others: `and` (default) or `or`.",
						Validators:          []validator.String{stringvalidator.OneOf(greetingConditions...)},
					},
					"variable_name": schema.StringAttribute{
						Optional: true, MarkdownDescription: "Custom variable name; `custom_variable` rules only (required there).",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"variable_value": schema.StringAttribute{
						Optional: true, MarkdownDescription: "Custom variable value; `custom_variable` rules only (required there).",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"urls": schema.ListNestedAttribute{
						Optional:            true,
						MarkdownDescription: "Pages the visitor must visit, in order; `url_funnel` rules only (required there, at least one).",
						Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"url": schema.StringAttribute{
								Required: true, MarkdownDescription: "Address, or part of it.",
								Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"operator": schema.StringAttribute{
								Optional: true, Computed: true,
								MarkdownDescription: "Comparison: " + quoted(greetingOperators) + "; default `equals`.",
								Validators:          []validator.String{stringvalidator.OneOf(greetingOperators...)},
							},
						}},
					},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *greetingResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var rules types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("rules"), &rules)...)
	validateRules(ctx, rules, &resp.Diagnostics)
}

// fromAPI sets the attributes from the API's greeting. Group and subtype, which the reference's
// answers do not show and no update can change, keep the model's values when the answer leaves
// them out; rules keep the model's order when the API holds the same rules in another.
func (m *greetingModel) fromAPI(g *legacy.Greeting) {
	m.ID = types.Int64Value(g.ID)
	m.Name = types.StringValue(g.Name)
	if g.Group != nil {
		m.Group = types.Int64Value(*g.Group)
	}
	m.Active = types.BoolValue(g.Active)
	if g.Subtype != nil {
		m.Subtype = nullIfEmpty(*g.Subtype)
	}
	m.Message = types.StringValue(g.Message())
	var diags diag.Diagnostics
	rules, _ := alignRules(g.Rules, rulesFromModel(context.Background(), m.Rules, &diags)) // no I/O: a list conversion
	m.Rules = rulesToModel(rules)
}

// matches compares the API's greeting with the plan: group and subtype only when the answer
// shows them, rules in any order. The write already reported any error in converting the plan's
// rules, so the comparison drops such diagnostics.
func (m *greetingModel) matches(ctx context.Context, g *legacy.Greeting) bool {
	// Unknown values (getWritten: not part of the write) match anything.
	if !m.Name.IsUnknown() && g.Name != m.Name.ValueString() || !m.Active.IsUnknown() && g.Active != m.Active.ValueBool() ||
		!m.Group.IsUnknown() && g.Group != nil && *g.Group != m.Group.ValueInt64() ||
		!m.Subtype.IsUnknown() && g.Subtype != nil && *g.Subtype != stringOrEmpty(m.Subtype) {
		return false
	}
	if known(m.Message) && g.Message() != m.Message.ValueString() {
		return false
	}
	var diags diag.Diagnostics
	return m.Rules.IsUnknown() || sameRules(g.Rules, rulesFromModel(ctx, m.Rules, &diags))
}

func (m *greetingModel) objectID() int64               { return m.ID.ValueInt64() }
func (m *greetingModel) timeoutsValue() timeouts.Value { return m.Timeouts }

// object describes greetings to the shared legacy CRUD steps (legacy_resource.go).
func (r *greetingResource) object() legacyObject[legacy.Greeting, greetingModel] {
	return legacyObject[legacy.Greeting, greetingModel]{
		get: r.data.legacy.GetGreeting,
		listed: func(ctx context.Context, _ *greetingModel, id int64, since time.Time) (*legacy.Greeting, time.Time, error) {
			return r.data.pollGreeting(ctx, id, since)
		},
	}
}

func (r *greetingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	legacyCreate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan *greetingModel, diags *diag.Diagnostics) (*legacy.Greeting, int64, bool) {
		in := legacy.GreetingCreate{
			Name: plan.Name.ValueString(), Group: plan.Group.ValueInt64(), Active: legacy.Flag(plan.Active.ValueBool()),
			Subtype: stringOrEmpty(plan.Subtype), Rules: rulesFromModel(ctx, plan.Rules, diags),
		}
		if known(plan.Message) {
			in.Properties = map[string]string{legacy.GreetingMessageKey: plan.Message.ValueString()}
		}
		if diags.HasError() {
			return nil, 0, false
		}
		created, err := retryReferring(ctx, r.data, "creating greeting "+in.Name, createdInGroup(in.Group), func(ctx context.Context) (*legacy.Greeting, error) {
			return r.data.legacy.CreateGreeting(ctx, in)
		})
		if err != nil {
			addAPIError(diags, "Creating greeting "+in.Name, err)
			return nil, 0, false
		}
		return created, created.ID, true
	})
}

func (r *greetingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	legacyRead(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *greetingModel) (*legacy.Greeting, error) {
		g, err := r.data.readGreeting(ctx, state.ID.ValueInt64()) // one list per run serves every greeting
		if err == nil && g.Group == nil && state.Group.IsNull() {
			err = r.findGroup(ctx, g)
		}
		return g, err
	})
}

// findGroup sets the group of an imported greeting whose answer does not show it: the group
// whose list (?group=) holds the greeting.
func (r *greetingResource) findGroup(ctx context.Context, g *legacy.Greeting) error {
	groups, err := r.data.config.ListGroups(ctx)
	if err != nil {
		return err
	}
	for _, grp := range groups {
		list, err := r.data.legacy.ListGroupGreetings(ctx, grp.ID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(list, func(x legacy.Greeting) bool { return x.ID == g.ID }) {
			g.Group = &grp.ID
			return nil
		}
	}
	return fmt.Errorf("greeting %d is in no group's list (GET /greetings?group=): its group cannot be told", g.ID)
}

func (r *greetingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	legacyUpdate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan, state *greetingModel, diags *diag.Diagnostics) (*legacy.Greeting, bool) {
		var in legacy.GreetingUpdate
		changed := false
		if !plan.Name.Equal(state.Name) {
			in.Name, changed = plan.Name.ValueStringPointer(), true
		}
		if !plan.Active.Equal(state.Active) {
			f := legacy.Flag(plan.Active.ValueBool())
			in.Active, changed = &f, true
		}
		if known(plan.Message) && !plan.Message.Equal(state.Message) {
			in.Properties, changed = map[string]string{legacy.GreetingMessageKey: plan.Message.ValueString()}, true
		}
		planRules := rulesFromModel(ctx, plan.Rules, diags)
		if !sameRules(planRules, rulesFromModel(ctx, state.Rules, diags)) {
			in.Rules, changed = planRules, true
		}
		if diags.HasError() {
			return nil, false
		}
		if !changed {
			return nil, true
		}
		id := state.ID.ValueInt64()
		updated, err := r.data.legacy.UpdateGreeting(ctx, id, in)
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Updating greeting %d", id), err)
			return nil, false
		}
		return updated, true
	})
}

func (r *greetingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	legacyDelete(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *greetingModel) error {
		return r.data.legacy.DeleteGreeting(ctx, state.ID.ValueInt64())
	})
}
