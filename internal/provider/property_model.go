package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Documented enums of the Properties section of the Configuration API v3.6.
var (
	propertyTypes       = []string{"int", "string", "bool", "tokenized_string"}
	propertyLocations   = []string{"chat", "thread", "event", "license", "group"}
	propertyUsers       = []string{"agent", "customer"}
	propertyAccessModes = []string{"read", "write"}
)

var (
	propertyUsersAttrTypes = map[string]attr.Type{
		"agent":    types.SetType{ElemType: types.StringType},
		"customer": types.SetType{ElemType: types.StringType},
	}
	propertyUsersType       = types.ObjectType{AttrTypes: propertyUsersAttrTypes}
	propertyAccessAttrTypes = func() map[string]attr.Type {
		m := map[string]attr.Type{}
		for _, loc := range propertyLocations {
			m[loc] = propertyUsersType
		}
		return m
	}()
	propertyAccessType     = types.ObjectType{AttrTypes: propertyAccessAttrTypes}
	propertyRangeAttrTypes = map[string]attr.Type{"from": types.Int64Type, "to": types.Int64Type}
	propertyRangeType      = types.ObjectType{AttrTypes: propertyRangeAttrTypes}
)

// propertyDefinition is what livechat_property and the livechat_properties data source share.
type propertyDefinition struct {
	Type         types.String `tfsdk:"type"`
	Description  types.String `tfsdk:"description"`
	Access       types.Object `tfsdk:"access"`
	Domain       types.Set    `tfsdk:"domain"`
	Range        types.Object `tfsdk:"range"`
	DefaultValue types.String `tfsdk:"default_value"`
	PublicAccess types.Set    `tfsdk:"public_access"`
}

// fromAPI sets every attribute from a list_properties entry. The List Properties example shows
// no domain, range or default_value: when an entry leaves them out, the model's known values are
// kept (no method can change a registered property), and they are null otherwise.
func (d *propertyDefinition) fromAPI(p *configuration.Property) error {
	d.Type = types.StringValue(p.Type)
	d.Description = types.StringValue(p.Description)
	d.Access = propertyAccessValue(p.Access)
	switch {
	case len(p.Domain) > 0:
		vals := make([]string, 0, len(p.Domain))
		for _, v := range p.Domain {
			s, err := propertyValueText(v)
			if err != nil {
				return err
			}
			vals = append(vals, s)
		}
		d.Domain = stringSetValue(vals)
	case p.Domain != nil || !known(d.Domain):
		d.Domain = types.SetNull(types.StringType)
	}
	switch {
	case p.Range != nil:
		r := map[string]attr.Value{"from": types.Int64PointerValue(p.Range.From), "to": types.Int64PointerValue(p.Range.To)}
		d.Range = types.ObjectValueMust(propertyRangeAttrTypes, r)
	case !known(d.Range):
		d.Range = types.ObjectNull(propertyRangeAttrTypes)
	}
	switch {
	case len(p.DefaultValue) > 0:
		s, err := propertyValueText(p.DefaultValue)
		if err != nil {
			return err
		}
		d.DefaultValue = types.StringValue(s)
	case !known(d.DefaultValue):
		d.DefaultValue = types.StringNull()
	}
	d.PublicAccess = types.SetNull(types.StringType)
	if len(p.PublicAccess) > 0 {
		d.PublicAccess = stringSetValue(p.PublicAccess)
	}
	return nil
}

// propertyAccessValue is access as a Terraform object; absent locations and users are null.
func propertyAccessValue(a configuration.PropertyAccess) types.Object {
	locs := make(map[string]attr.Value, len(propertyLocations))
	for _, loc := range propertyLocations {
		users, ok := a[loc]
		if !ok || len(users) == 0 {
			locs[loc] = types.ObjectNull(propertyUsersAttrTypes)
			continue
		}
		u := make(map[string]attr.Value, len(propertyUsers))
		for _, user := range propertyUsers {
			u[user] = types.SetNull(types.StringType)
			if acc := users[user]; len(acc) > 0 {
				u[user] = stringSetValue(acc)
			}
		}
		locs[loc] = types.ObjectValueMust(propertyUsersAttrTypes, u)
	}
	return types.ObjectValueMust(propertyAccessAttrTypes, locs)
}

// propertyAccessFrom is the API form of a known access object.
func propertyAccessFrom(o types.Object) configuration.PropertyAccess {
	out := configuration.PropertyAccess{}
	for loc, v := range o.Attributes() {
		users, ok := v.(types.Object)
		if !ok || !known(users) {
			continue
		}
		m := map[string][]string{}
		for user, sv := range users.Attributes() {
			if s, ok := sv.(types.Set); ok && known(s) {
				acc := stringsFrom(s)
				slices.SortFunc(acc, func(a, b string) int {
					return slices.Index(propertyAccessModes, a) - slices.Index(propertyAccessModes, b)
				})
				m[user] = acc
			}
		}
		out[loc] = m
	}
	return out
}

// propertyValueJSON converts a value written as text (default_value, domain) to the JSON value
// of a property of type typ. Only the canonical spelling is accepted ("42", not "042"; "true",
// not "True"), so that what the API answers reads back exactly as written.
func propertyValueJSON(typ, s string) (json.RawMessage, error) {
	switch typ {
	case "int":
		i, err := strconv.ParseInt(s, 10, 32)
		if err != nil || strconv.FormatInt(i, 10) != s {
			return nil, fmt.Errorf("%q is not a value of an int property: write a whole number from -2147483648 to 2147483647 without a plus sign or leading zeros, e.g. \"42\"", s)
		}
		return json.RawMessage(s), nil
	case "bool":
		if s != "true" && s != "false" {
			return nil, fmt.Errorf("%q is not a value of a bool property: write \"true\" or \"false\"", s)
		}
		return json.RawMessage(s), nil
	default:
		b, _ := json.Marshal(s)
		return b, nil
	}
}

// propertyValueText is the text form of a JSON property value (see propertyValueJSON).
func propertyValueText(v json.RawMessage) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return "", fmt.Errorf("the API answered a property value that is not JSON (%s): %w", v, err)
	}
	switch val := x.(type) {
	case string:
		return val, nil
	case bool:
		return strconv.FormatBool(val), nil
	case json.Number:
		return val.String(), nil
	}
	return "", fmt.Errorf("the API answered a property value %s of no property type", v)
}
