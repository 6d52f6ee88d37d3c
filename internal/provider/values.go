package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// known reports a value that is neither null nor unknown.
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

func stringMapValue(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

func stringMapFrom(m types.Map) map[string]string {
	out := make(map[string]string, len(m.Elements()))
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok {
			out[k] = s.ValueString()
		}
	}
	return out
}

func stringSetValue(items []string) types.Set {
	elems := make([]attr.Value, 0, len(items))
	for _, s := range items {
		elems = append(elems, types.StringValue(s))
	}
	return types.SetValueMust(types.StringType, elems)
}

func stringsFrom(s types.Set) []string {
	out := make([]string, 0, len(s.Elements()))
	for _, v := range s.Elements() {
		if str, ok := v.(types.String); ok {
			out = append(out, str.ValueString())
		}
	}
	return out
}

func int64SetValue(items []int64) types.Set {
	elems := make([]attr.Value, 0, len(items))
	for _, n := range items {
		elems = append(elems, types.Int64Value(n))
	}
	return types.SetValueMust(types.Int64Type, elems)
}

func int64sFrom(s types.Set) []int64 {
	out := make([]int64, 0, len(s.Elements()))
	for _, v := range s.Elements() {
		if n, ok := v.(types.Int64); ok {
			out = append(out, n.ValueInt64())
		}
	}
	return out
}

// quoted renders an enum for a description: `a`, `b`, `c`.
func quoted(values []string) string {
	out := ""
	for i, v := range values {
		if i > 0 {
			out += ", "
		}
		out += "`" + v + "`"
	}
	return out
}

// nullIfEmpty maps the API's "" (absent) to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
