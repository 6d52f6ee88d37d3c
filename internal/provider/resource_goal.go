package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var (
	_ resource.ResourceWithConfigure      = (*goalResource)(nil)
	_ resource.ResourceWithImportState    = (*goalResource)(nil)
	_ resource.ResourceWithValidateConfig = (*goalResource)(nil)
)

// Goal types and the attributes each one takes (REST API v2 "Add a new goal").
var (
	goalTypes      = []string{"custom_variable", "url", "api", "sales_tracker"}
	goalMatchTypes = []string{"substring", "exact"}
	goalValueTypes = []string{"set", "not_set", "dynamic"}
	goalTypeAttrs  = map[string][]string{
		"custom_variable": {"custom_variable_name", "custom_variable_value"},
		"url":             {"url", "match_type"},
		"api":             {},
		"sales_tracker": {"sales_tracker_id", "value_type", "value", "currency", "time_range",
			"order_field_name", "value_field_name"},
	}
	goalRequiredAttrs = map[string][]string{
		"custom_variable": {"custom_variable_name", "custom_variable_value"},
		"url":             {"url"},
	}
	goalAmountRe = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

type goalResource struct{ resourceBase }

func newGoalResource() resource.Resource { return &goalResource{resourceBase{name: "goal"}} }

type goalModel struct {
	ID                  types.Int64    `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	Type                types.String   `tfsdk:"type"`
	Active              types.Bool     `tfsdk:"active"`
	CustomVariableName  types.String   `tfsdk:"custom_variable_name"`
	CustomVariableValue types.String   `tfsdk:"custom_variable_value"`
	URL                 types.String   `tfsdk:"url"`
	MatchType           types.String   `tfsdk:"match_type"`
	SalesTrackerID      types.String   `tfsdk:"sales_tracker_id"`
	ValueType           types.String   `tfsdk:"value_type"`
	Value               types.String   `tfsdk:"value"`
	Currency            types.String   `tfsdk:"currency"`
	TimeRange           types.String   `tfsdk:"time_range"`
	OrderFieldName      types.String   `tfsdk:"order_field_name"`
	ValueFieldName      types.String   `tfsdk:"value_field_name"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

func goalAttr(types_ string, desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc + " Only for `type = \"" + types_ + "\"`.",
		Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, v...),
	}
}

func (r *goalResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A goal: an event on your website that LiveChat counts as a conversion (REST API v2 `/goals`).\n\n" +
			"`type` selects the extra attributes: `custom_variable` needs `custom_variable_name` and `custom_variable_value`; " +
			"`url` needs `url` and takes `match_type` (`substring`, the API's default, or `exact`); `api` takes none (mark it with the API's `mark_as_successful`); " +
			"`sales_tracker` takes the optional `sales_tracker_id`, `value_type`, `value`, `currency`, `time_range`, `order_field_name` and `value_field_name`. " +
			"Attributes of another type are refused at plan time. Every attribute, `type` included, is updated in place. " +
			"A refresh reads `api` goals from one list of all goals (`coalesce_requests`); goals of the other types are read one by one with `GET /goals/<id>`, since the list lacks their parameters. " +
			"Import with the numeric ID: `terraform import livechat_goal.example 1181`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric ID assigned by the API; the import ID.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the goal.",
				Validators: []validator.String{notBlank},
			},
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Type of the goal: " + quoted(goalTypes) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(goalTypes...)},
			},
			"active": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the goal is enabled; default `true`.",
			},
			"custom_variable_name":  goalAttr("custom_variable", "Name of the custom variable (required for this type)."),
			"custom_variable_value": goalAttr("custom_variable", "Value of the custom variable that reaches the goal (required for this type)."),
			"url":                   goalAttr("url", "Address (or part of it) whose visit reaches the goal (required for this type)."),
			"match_type": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "How `url` is compared: " + quoted(goalMatchTypes) + ". Only for `type = \"url\"`; unset means the API's default, `substring`.",
				Validators:          []validator.String{stringvalidator.OneOf(goalMatchTypes...)},
				PlanModifiers:       []planmodifier.String{matchTypeDefault{}},
			},
			"sales_tracker_id": goalAttr("sales_tracker", "ID of the sales tracker."),
			"value_type": goalAttr("sales_tracker", "How the order value is taken: "+quoted(goalValueTypes)+".",
				stringvalidator.OneOf(goalValueTypes...)),
			"value": goalAttr("sales_tracker", "Fixed order value, an amount such as `199.00` (only the period separates decimals).",
				stringvalidator.RegexMatches(goalAmountRe, "must be an amount such as 199.00")),
			"currency":         goalAttr("sales_tracker", "Currency of the order value, e.g. `USD`."),
			"time_range":       goalAttr("sales_tracker", "Time range of the sales tracker, as the API takes it."),
			"order_field_name": goalAttr("sales_tracker", "Name of the field that carries the order ID."),
			"value_field_name": goalAttr("sales_tracker", "Name of the field that carries the order value."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// matchTypeDefault plans match_type: the API's default "substring" for url goals when unset,
// null for the other types.
type matchTypeDefault struct{}

func (matchTypeDefault) Description(context.Context) string {
	return "defaults to substring for url goals"
}
func (m matchTypeDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }
func (matchTypeDefault) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var typ types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &typ)...)
	switch {
	case typ.IsUnknown():
		resp.PlanValue = types.StringUnknown()
	case typ.ValueString() == "url":
		resp.PlanValue = types.StringValue("substring")
	default:
		resp.PlanValue = types.StringNull()
	}
}

func (m *goalModel) attrs() map[string]*types.String {
	return map[string]*types.String{
		"custom_variable_name": &m.CustomVariableName, "custom_variable_value": &m.CustomVariableValue,
		"url": &m.URL, "match_type": &m.MatchType, "sales_tracker_id": &m.SalesTrackerID,
		"value_type": &m.ValueType, "value": &m.Value, "currency": &m.Currency, "time_range": &m.TimeRange,
		"order_field_name": &m.OrderFieldName, "value_field_name": &m.ValueFieldName,
	}
}

// ValidateConfig enforces the documented required and allowed attributes of each goal type.
func (r *goalResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m goalModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !known(m.Type) {
		return
	}
	typ := m.Type.ValueString()
	allowed, ok := goalTypeAttrs[typ]
	if !ok {
		return
	}
	attrs := m.attrs()
	for _, name := range []string{"custom_variable_name", "custom_variable_value", "url", "match_type", "sales_tracker_id",
		"value_type", "value", "currency", "time_range", "order_field_name", "value_field_name"} {
		v := attrs[name]
		if !v.IsNull() && !slices.Contains(allowed, name) {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Attribute not allowed for this goal type",
				fmt.Sprintf("%s applies only to goals of type %s; remove it, or change type (now %q).", name, typeOf(name), typ))
		}
	}
	for _, name := range goalRequiredAttrs[typ] {
		if attrs[name].IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Missing required attribute",
				fmt.Sprintf("A goal of type %q needs %s.", typ, name))
		}
	}
}

func typeOf(attr string) string {
	for t, names := range goalTypeAttrs {
		if slices.Contains(names, attr) {
			return t
		}
	}
	return ""
}

func (m *goalModel) write() legacy.GoalWrite {
	return legacy.GoalWrite{
		Name: m.Name.ValueString(), Type: m.Type.ValueString(), Active: legacy.Flag(m.Active.ValueBool()),
		CustomVariableName: stringOrEmpty(m.CustomVariableName), CustomVariableValue: stringOrEmpty(m.CustomVariableValue),
		URL: stringOrEmpty(m.URL), MatchType: stringOrEmpty(m.MatchType), SalesTrackerID: stringOrEmpty(m.SalesTrackerID),
		ValueType: stringOrEmpty(m.ValueType), Value: stringOrEmpty(m.Value), Currency: stringOrEmpty(m.Currency),
		TimeRange: stringOrEmpty(m.TimeRange), OrderFieldName: stringOrEmpty(m.OrderFieldName), ValueFieldName: stringOrEmpty(m.ValueFieldName),
	}
}

// cleared names the parameters of the goal's type that state has and the plan m drops: the update
// empties them (a parameter not sent keeps its value).
func (m *goalModel) cleared(state *goalModel) []string {
	if m.Type != state.Type {
		return nil // the API clears the old type's parameters itself
	}
	var out []string
	planned, had := m.attrs(), state.attrs()
	for _, name := range goalTypeAttrs[m.Type.ValueString()] {
		if stringOrEmpty(*planned[name]) == "" && stringOrEmpty(*had[name]) != "" {
			out = append(out, name)
		}
	}
	return out
}

func (m *goalModel) fromAPI(g *legacy.Goal) {
	m.ID = types.Int64Value(g.ID)
	m.Name = types.StringValue(g.Name)
	m.Type = types.StringValue(g.Type)
	m.Active = types.BoolValue(bool(g.Active))
	values := map[string]string{
		"custom_variable_name": g.CustomVariableName, "custom_variable_value": g.CustomVariableValue,
		"url": g.URL, "match_type": g.MatchType, "sales_tracker_id": g.SalesTrackerID, "value_type": g.ValueType,
		"value": g.Value, "currency": g.Currency, "time_range": g.TimeRange, "order_field_name": g.OrderFieldName,
		"value_field_name": g.ValueFieldName,
	}
	for name, dst := range m.attrs() {
		if slices.Contains(goalTypeAttrs[g.Type], name) {
			*dst = nullIfEmpty(values[name])
		} else {
			*dst = types.StringNull()
		}
	}
}

// matches compares the API's goal with m (unknown values match anything).
func (m *goalModel) matches(_ context.Context, g *legacy.Goal) bool {
	var got goalModel
	got.fromAPI(g)
	pairs := [][2]attr.Value{{m.Name, got.Name}, {m.Type, got.Type}, {m.Active, got.Active}}
	gotAttrs := got.attrs()
	for name, v := range m.attrs() {
		pairs = append(pairs, [2]attr.Value{*v, *gotAttrs[name]})
	}
	for _, p := range pairs {
		if !p[0].IsUnknown() && !p[0].Equal(p[1]) {
			return false
		}
	}
	return true
}

func (m *goalModel) objectID() int64               { return m.ID.ValueInt64() }
func (m *goalModel) timeoutsValue() timeouts.Value { return m.Timeouts }

// object describes goals to the shared legacy CRUD steps (legacy_resource.go).
func (r *goalResource) object() legacyObject[legacy.Goal, goalModel] {
	return legacyObject[legacy.Goal, goalModel]{
		get: r.data.legacy.GetGoal,
		listed: func(ctx context.Context, _ *goalModel, id int64, since time.Time) (*legacy.Goal, time.Time, error) {
			return r.data.pollGoal(ctx, id, since)
		},
		// The list shows an api goal whole; other types have parameters it lacks.
		whole: func(m *goalModel) bool { return m.Type.ValueString() == legacy.GoalTypeAPI },
	}
}

func (r *goalResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	legacyCreate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan *goalModel, diags *diag.Diagnostics) (*legacy.Goal, int64, bool) {
		created, err := r.data.legacy.CreateGoal(ctx, plan.write())
		if err != nil {
			addAPIError(diags, "Creating goal "+plan.Name.ValueString(), err)
			return nil, 0, false
		}
		return created, created.ID, true
	})
}

func (r *goalResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	legacyRead(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *goalModel) (*legacy.Goal, error) {
		// One list per run serves api goals, the type it shows whole (see readGoal).
		return r.data.readGoal(ctx, state.ID.ValueInt64(), state.Type.ValueString())
	})
}

func (r *goalResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	legacyUpdate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan, state *goalModel, diags *diag.Diagnostics) (*legacy.Goal, bool) {
		id := state.ID.ValueInt64()
		updated, err := r.data.legacy.UpdateGoal(ctx, id, plan.write(), plan.cleared(state)...)
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Updating goal %d", id), err)
			return nil, false
		}
		return updated, true
	})
}

func (r *goalResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	legacyDelete(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *goalModel) error {
		return r.data.legacy.DeleteGoal(ctx, state.ID.ValueInt64())
	})
}
