package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

// Greeting rules (REST API v2 "Greeting rules").
var (
	greetingRuleTypes = []string{
		"visit_time_site", "visit_time_page", "url_current", "url_visited", "pages_view_number",
		"url_referrer", "geolocation", "visits_number", "search_keyword", "custom_variable", "url_funnel",
	}
	numericGreetingRuleTypes = []string{"visit_time_site", "visit_time_page", "pages_view_number", "visits_number"}
	greetingOperators        = []string{
		"equals", "doesnt_equal", "lower_than", "lower_or_equal", "greater_than", "greater_or_equal",
		"contains", "doesnt_contain",
	}
	greetingConditions = []string{"and", "or"}
)

type greetingRuleModel struct {
	ID            types.Int64  `tfsdk:"id"`
	Type          types.String `tfsdk:"type"`
	Value         types.String `tfsdk:"value"`
	Operator      types.String `tfsdk:"operator"`
	Condition     types.String `tfsdk:"condition"`
	VariableName  types.String `tfsdk:"variable_name"`
	VariableValue types.String `tfsdk:"variable_value"`
	URLs          types.List   `tfsdk:"urls"`
}

type funnelURLModel struct {
	URL      types.String `tfsdk:"url"`
	Operator types.String `tfsdk:"operator"`
}

var funnelURLType = types.ObjectType{AttrTypes: map[string]attr.Type{"url": types.StringType, "operator": types.StringType}}

var greetingRuleType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "type": types.StringType, "value": types.StringType, "operator": types.StringType,
	"condition": types.StringType, "variable_name": types.StringType, "variable_value": types.StringType,
	"urls": types.ListType{ElemType: funnelURLType},
}}

// rulesToModel renders the API's rules.
func rulesToModel(rules []legacy.GreetingRule) types.List {
	elems := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		urls := types.ListNull(funnelURLType)
		if r.Type == "url_funnel" {
			items := make([]attr.Value, 0, len(r.URLs))
			for _, u := range r.URLs {
				items = append(items, types.ObjectValueMust(funnelURLType.AttrTypes, map[string]attr.Value{
					"url": types.StringValue(u.URL), "operator": types.StringValue(u.Operator),
				}))
			}
			urls = types.ListValueMust(funnelURLType, items)
		}
		elems = append(elems, types.ObjectValueMust(greetingRuleType.AttrTypes, map[string]attr.Value{
			"id": types.Int64Value(r.ID), "type": types.StringValue(r.Type), "value": nullIfEmpty(r.Value),
			"operator": nullIfEmpty(r.Operator), "condition": nullIfEmpty(r.Condition),
			"variable_name": nullIfEmpty(r.VariableName), "variable_value": nullIfEmpty(r.VariableValue), "urls": urls,
		}))
	}
	return types.ListValueMust(greetingRuleType, elems)
}

// rulesFromModel reads rules for a request (ids are not sent).
func rulesFromModel(ctx context.Context, l types.List, diags *diag.Diagnostics) []legacy.GreetingRule {
	var models []greetingRuleModel
	diags.Append(l.ElementsAs(ctx, &models, false)...)
	out := make([]legacy.GreetingRule, 0, len(models))
	for _, m := range models {
		r := legacy.GreetingRule{
			Type: m.Type.ValueString(), Value: stringOrEmpty(m.Value), Operator: stringOrEmpty(m.Operator),
			Condition: stringOrEmpty(m.Condition), VariableName: stringOrEmpty(m.VariableName), VariableValue: stringOrEmpty(m.VariableValue),
		}
		if known(m.URLs) {
			var urls []funnelURLModel
			diags.Append(m.URLs.ElementsAs(ctx, &urls, false)...)
			for _, u := range urls {
				r.URLs = append(r.URLs, legacy.FunnelURL{URL: u.URL.ValueString(), Operator: stringOrEmpty(u.Operator)})
			}
		}
		out = append(out, r)
	}
	return out
}

// sameRule compares two rules without their server-assigned ids.
func sameRule(x, y legacy.GreetingRule) bool {
	return x.Type == y.Type && x.Value == y.Value && x.Operator == y.Operator && x.Condition == y.Condition &&
		x.VariableName == y.VariableName && x.VariableValue == y.VariableValue && slices.Equal(x.URLs, y.URLs)
}

// sameRules compares rules as a multiset: the API keeps no order of a greeting's rules (the
// reference's own examples answer them in another order than sent).
func sameRules(a, b []legacy.GreetingRule) bool {
	_, ok := alignRules(a, b)
	return ok
}

// alignRules puts the API's rules in the order of want (the configuration's or the state's),
// each with its id from the API, when both hold the same rules; ok is false when they differ,
// and got is then returned in the API's order.
func alignRules(got, want []legacy.GreetingRule) ([]legacy.GreetingRule, bool) {
	return alignList(got, want, sameRule)
}

// rulesPlan plans the rules list: the API's defaults filled in (operator "equals" except for
// url_funnel rules, which have none; condition "and"; funnel steps' operator "equals"), and each
// rule's id kept from the state while the rule at that position is unchanged. The API assigns
// new ids whenever the rules are written, so changed rules plan an unknown id and unchanged
// ones no diff at all.
type rulesPlan struct{}

func (rulesPlan) Description(context.Context) string {
	return "fills in the API's rule defaults and keeps the ids of unchanged rules"
}
func (p rulesPlan) MarkdownDescription(ctx context.Context) string { return p.Description(ctx) }

func (rulesPlan) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var config, state []greetingRuleModel
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &config, false)...)
	if known(req.StateValue) {
		resp.Diagnostics.Append(req.StateValue.ElementsAs(ctx, &state, false)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	elems := make([]attr.Value, 0, len(config))
	for i, r := range config {
		funnel := r.Type.ValueString() == "url_funnel"
		if r.Operator.IsNull() && known(r.Type) {
			if funnel {
				r.Operator = types.StringNull()
			} else {
				r.Operator = types.StringValue("equals")
			}
		}
		if r.Condition.IsNull() {
			r.Condition = types.StringValue("and")
		}
		if known(r.URLs) {
			var urls []funnelURLModel
			resp.Diagnostics.Append(r.URLs.ElementsAs(ctx, &urls, false)...)
			items := make([]attr.Value, 0, len(urls))
			for _, u := range urls {
				if u.Operator.IsNull() {
					u.Operator = types.StringValue("equals")
				}
				items = append(items, types.ObjectValueMust(funnelURLType.AttrTypes, map[string]attr.Value{"url": u.URL, "operator": u.Operator}))
			}
			r.URLs = types.ListValueMust(funnelURLType, items)
		}
		r.ID = types.Int64Unknown()
		if i < len(state) {
			s := state[i]
			if r.Type.Equal(s.Type) && r.Value.Equal(s.Value) && r.Operator.Equal(s.Operator) && r.Condition.Equal(s.Condition) &&
				r.VariableName.Equal(s.VariableName) && r.VariableValue.Equal(s.VariableValue) && r.URLs.Equal(s.URLs) {
				r.ID = s.ID
			}
		}
		obj, d := types.ObjectValueFrom(ctx, greetingRuleType.AttrTypes, r)
		resp.Diagnostics.Append(d...)
		elems = append(elems, obj)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// An id that changed anywhere means the rules are written again: every rule gets a new id.
	planned := types.ListValueMust(greetingRuleType, elems)
	if len(config) != len(state) || hasUnknownID(ctx, planned) {
		for i := range elems {
			o := elems[i].(types.Object)
			a := o.Attributes()
			a["id"] = types.Int64Unknown()
			elems[i] = types.ObjectValueMust(greetingRuleType.AttrTypes, a)
		}
		planned = types.ListValueMust(greetingRuleType, elems)
	}
	resp.PlanValue = planned
}

func hasUnknownID(ctx context.Context, l types.List) bool {
	var rules []greetingRuleModel
	if l.ElementsAs(ctx, &rules, false).HasError() {
		return true
	}
	for _, r := range rules {
		if r.ID.IsUnknown() {
			return true
		}
	}
	return false
}

// validateRules checks each rule's documented requirements; errors name rules[i].<attribute>.
func validateRules(ctx context.Context, l types.List, diags *diag.Diagnostics) {
	if !known(l) {
		return
	}
	var rules []greetingRuleModel
	diags.Append(l.ElementsAs(ctx, &rules, false)...)
	for i, r := range rules {
		at := func(name string) path.Path { return path.Root("rules").AtListIndex(i).AtName(name) }
		if !known(r.Type) {
			continue
		}
		typ := r.Type.ValueString()
		need := func(name string, v attr.Value) {
			if v.IsNull() {
				diags.AddAttributeError(at(name), "Missing greeting rule attribute",
					fmt.Sprintf("rules[%d].%s: a rule of type %q needs %s.", i, name, typ, name))
			}
		}
		forbid := func(name string, v attr.Value) {
			if !v.IsNull() {
				diags.AddAttributeError(at(name), "Attribute not allowed for this rule type",
					fmt.Sprintf("rules[%d].%s: a rule of type %q does not take %s; remove it.", i, name, typ, name))
			}
		}
		switch typ {
		case "url_funnel":
			need("urls", r.URLs)
			forbid("value", r.Value)
			forbid("operator", r.Operator)
			forbid("variable_name", r.VariableName)
			forbid("variable_value", r.VariableValue)
		case "custom_variable":
			need("variable_name", r.VariableName)
			need("variable_value", r.VariableValue)
			forbid("value", r.Value)
			forbid("urls", r.URLs)
		default:
			need("value", r.Value)
			forbid("urls", r.URLs)
			forbid("variable_name", r.VariableName)
			forbid("variable_value", r.VariableValue)
			if known(r.Value) && slices.Contains(numericGreetingRuleTypes, typ) {
				if n, err := strconv.Atoi(strings.TrimSpace(r.Value.ValueString())); err != nil || n < 0 || strconv.Itoa(n) != r.Value.ValueString() {
					diags.AddAttributeError(at("value"), "Invalid greeting rule value",
						fmt.Sprintf("rules[%d].value: a rule of type %q takes a whole number of 0 or more (seconds, page views or visits), not %q.", i, typ, r.Value.ValueString()))
				}
			}
		}
	}
}
