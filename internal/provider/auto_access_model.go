package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Object types of an auto access rule, shared by livechat_auto_access and
// the livechat_auto_accesses data source.
var (
	autoAccessMatchObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"value": types.StringType, "exact_match": types.BoolType,
	}}
	autoAccessMatchConditionType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"values":         types.ListType{ElemType: autoAccessMatchObjectType},
		"exclude_values": types.ListType{ElemType: autoAccessMatchObjectType},
	}}
	autoAccessGeolocationType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"country": types.StringType, "country_code": types.StringType, "region": types.StringType, "city": types.StringType,
	}}
	autoAccessGeolocationConditionType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"values": types.ListType{ElemType: autoAccessGeolocationType},
	}}
	autoAccessConditionsType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"url": autoAccessMatchConditionType, "domain": autoAccessMatchConditionType, "geolocation": autoAccessGeolocationConditionType,
	}}
	autoAccessAccessType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"groups": types.SetType{ElemType: types.Int64Type},
	}}
)

// geolocationFields are the fields of a geolocation value, in the API's order.
var geolocationFields = []string{"country", "country_code", "region", "city"}

func autoAccessAccessValue(a configuration.AutoAccessAccess) types.Object {
	return types.ObjectValueMust(autoAccessAccessType.AttrTypes, map[string]attr.Value{"groups": int64SetValue(a.Groups)})
}

func autoAccessAccessFrom(o types.Object) configuration.AutoAccessAccess {
	groups, _ := o.Attributes()["groups"].(types.Set)
	return configuration.AutoAccessAccess{Groups: int64sFrom(groups)}
}

func matchObjectsValue(items []configuration.MatchObject) types.List {
	if items == nil {
		return types.ListNull(autoAccessMatchObjectType)
	}
	elems := make([]attr.Value, 0, len(items))
	for _, m := range items {
		elems = append(elems, types.ObjectValueMust(autoAccessMatchObjectType.AttrTypes, map[string]attr.Value{
			"value": types.StringValue(m.Value), "exact_match": types.BoolValue(m.ExactMatch),
		}))
	}
	return types.ListValueMust(autoAccessMatchObjectType, elems)
}

func matchConditionValue(m *configuration.MatchCondition) types.Object {
	if m == nil {
		return types.ObjectNull(autoAccessMatchConditionType.AttrTypes)
	}
	return types.ObjectValueMust(autoAccessMatchConditionType.AttrTypes, map[string]attr.Value{
		"values": matchObjectsValue(m.Values), "exclude_values": matchObjectsValue(m.ExcludeValues),
	})
}

func emptyAsNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func geolocationConditionValue(g *configuration.GeolocationCondition) types.Object {
	if g == nil {
		return types.ObjectNull(autoAccessGeolocationConditionType.AttrTypes)
	}
	elems := make([]attr.Value, 0, len(g.Values))
	for _, v := range g.Values {
		elems = append(elems, types.ObjectValueMust(autoAccessGeolocationType.AttrTypes, map[string]attr.Value{
			"country": emptyAsNull(v.Country), "country_code": emptyAsNull(v.CountryCode),
			"region": emptyAsNull(v.Region), "city": emptyAsNull(v.City),
		}))
	}
	return types.ObjectValueMust(autoAccessGeolocationConditionType.AttrTypes, map[string]attr.Value{
		"values": types.ListValueMust(autoAccessGeolocationType, elems),
	})
}

func autoAccessConditionsValue(c configuration.AutoAccessConditions) types.Object {
	return types.ObjectValueMust(autoAccessConditionsType.AttrTypes, map[string]attr.Value{
		"url": matchConditionValue(c.URL), "domain": matchConditionValue(c.Domain), "geolocation": geolocationConditionValue(c.Geolocation),
	})
}

// alignConditions puts the API's condition values in the order of want (the configuration's or
// the state's) where both hold the same values: the API keeps no order of them.
func alignConditions(got, want configuration.AutoAccessConditions) configuration.AutoAccessConditions {
	same := func(a, b configuration.MatchObject) bool { return a == b }
	alignMatch := func(g, w *configuration.MatchCondition) *configuration.MatchCondition {
		if g == nil || w == nil {
			return g
		}
		out := *g
		out.Values, _ = alignList(g.Values, w.Values, same)
		out.ExcludeValues, _ = alignList(g.ExcludeValues, w.ExcludeValues, same)
		return &out
	}
	got.URL, got.Domain = alignMatch(got.URL, want.URL), alignMatch(got.Domain, want.Domain)
	if g, w := got.Geolocation, want.Geolocation; g != nil && w != nil {
		values, _ := alignList(g.Values, w.Values, func(a, b configuration.Geolocation) bool { return a == b })
		got.Geolocation = &configuration.GeolocationCondition{Values: values}
	}
	return got
}

type matchObjectModel struct {
	Value      types.String `tfsdk:"value"`
	ExactMatch types.Bool   `tfsdk:"exact_match"`
}

type matchConditionModel struct {
	Values        types.List `tfsdk:"values"`
	ExcludeValues types.List `tfsdk:"exclude_values"`
}

type geolocationModel struct {
	Country     types.String `tfsdk:"country"`
	CountryCode types.String `tfsdk:"country_code"`
	Region      types.String `tfsdk:"region"`
	City        types.String `tfsdk:"city"`
}

type geolocationConditionModel struct {
	Values types.List `tfsdk:"values"`
}

type autoAccessConditionsModel struct {
	URL         types.Object `tfsdk:"url"`
	Domain      types.Object `tfsdk:"domain"`
	Geolocation types.Object `tfsdk:"geolocation"`
}

func matchObjectsFrom(ctx context.Context, l types.List, diags *diag.Diagnostics) []configuration.MatchObject {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var items []matchObjectModel
	diags.Append(l.ElementsAs(ctx, &items, false)...)
	out := make([]configuration.MatchObject, 0, len(items))
	for _, m := range items {
		out = append(out, configuration.MatchObject{Value: m.Value.ValueString(), ExactMatch: m.ExactMatch.ValueBool()})
	}
	return out
}

func matchConditionFrom(ctx context.Context, o types.Object, diags *diag.Diagnostics) *configuration.MatchCondition {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var m matchConditionModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return &configuration.MatchCondition{Values: matchObjectsFrom(ctx, m.Values, diags), ExcludeValues: matchObjectsFrom(ctx, m.ExcludeValues, diags)}
}

// autoAccessConditionsFrom converts the conditions attribute to the API shape.
func autoAccessConditionsFrom(ctx context.Context, o types.Object, diags *diag.Diagnostics) configuration.AutoAccessConditions {
	var m autoAccessConditionsModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	out := configuration.AutoAccessConditions{
		URL:    matchConditionFrom(ctx, m.URL, diags),
		Domain: matchConditionFrom(ctx, m.Domain, diags),
	}
	if known(m.Geolocation) {
		var g geolocationConditionModel
		diags.Append(m.Geolocation.As(ctx, &g, basetypes.ObjectAsOptions{})...)
		var items []geolocationModel
		diags.Append(g.Values.ElementsAs(ctx, &items, false)...)
		out.Geolocation = &configuration.GeolocationCondition{Values: make([]configuration.Geolocation, 0, len(items))}
		for _, v := range items {
			out.Geolocation.Values = append(out.Geolocation.Values, configuration.Geolocation{
				Country: v.Country.ValueString(), CountryCode: v.CountryCode.ValueString(),
				Region: v.Region.ValueString(), City: v.City.ValueString(),
			})
		}
	}
	return out
}

// objectAtLeastOneOf requires a set object to set at least one of the named
// attributes (an unknown attribute counts as set).
type objectAtLeastOneOf []string

func (v objectAtLeastOneOf) Description(context.Context) string {
	return "must set at least one of: " + strings.Join(v, ", ")
}

func (v objectAtLeastOneOf) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v objectAtLeastOneOf) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	for _, name := range v {
		if a, ok := attrs[name]; ok && !a.IsNull() {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Missing attribute",
		fmt.Sprintf("%s must set at least one of: %s.", req.Path, strings.Join(v, ", ")))
}
