package provider

import (
	"slices"
	"time"

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

func stringsFrom(s types.Set) []string { return stringElems(s.Elements()) }

// stringElems is the strings among elems (a set's or a list's), in order.
func stringElems(elems []attr.Value) []string {
	out := make([]string, 0, len(elems))
	for _, v := range elems {
		if str, ok := v.(types.String); ok {
			out = append(out, str.ValueString())
		}
	}
	return out
}

// sortedCopy is a sorted copy of items (nil stays nil).
func sortedCopy(items []string) []string {
	if items == nil {
		return nil
	}
	out := slices.Clone(items)
	slices.Sort(out)
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
// shownString is a string an answer may leave out (a key the reference's answer examples do not
// show): null when absent or empty.
func shownString(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return nullIfEmpty(*p)
}

// nonEmptyPtr is an optional string for a request: nil (not sent) when null or empty.
func nonEmptyPtr(v types.String) *string {
	if v.ValueString() == "" {
		return nil
	}
	return v.ValueStringPointer()
}

func stringOrEmptyPtr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// alignList returns got's items in the order of want when both hold the same items (compared
// with same), as a multiset: for collections whose order the API does not keep. ok is false when
// they differ; got is then returned as it is.
func alignList[T any](got, want []T, same func(a, b T) bool) ([]T, bool) {
	if len(got) != len(want) || len(got) == 0 {
		return got, len(got) == len(want)
	}
	used := make([]bool, len(got))
	out := make([]T, 0, len(want))
	for _, w := range want {
		found := -1
		for i, g := range got {
			if !used[i] && same(g, w) {
				found = i
				break
			}
		}
		if found < 0 {
			return got, false
		}
		used[found] = true
		out = append(out, got[found])
	}
	return out, true
}

// stringOrEmpty is "" for null or unknown, else the value.
func stringOrEmpty(v types.String) string {
	if known(v) {
		return v.ValueString()
	}
	return ""
}

// unixRFC3339 renders a Unix time as RFC 3339; 0 is "".
func unixRFC3339(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

func listOfStrings(items []string) types.List {
	elems := make([]attr.Value, 0, len(items))
	for _, s := range items {
		elems = append(elems, types.StringValue(s))
	}
	return types.ListValueMust(types.StringType, elems)
}
