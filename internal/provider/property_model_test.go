package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPropertyValueJSON(t *testing.T) {
	tests := []struct {
		typ, in, want string
		ok            bool
	}{
		{"int", "42", "42", true},
		{"int", "-2147483648", "-2147483648", true},
		{"int", "2147483648", "", false},
		{"int", "042", "", false},
		{"int", "+1", "", false},
		{"int", "1.0", "", false},
		{"bool", "true", "true", true},
		{"bool", "True", "", false},
		{"bool", "1", "", false},
		{"string", `say "hi"`, `"say \"hi\""`, true},
		{"tokenized_string", "", `""`, true},
	}
	for _, tt := range tests {
		got, err := propertyValueJSON(tt.typ, tt.in)
		if (err == nil) != tt.ok || (tt.ok && string(got) != tt.want) {
			t.Errorf("propertyValueJSON(%s, %q) = %s, %v", tt.typ, tt.in, got, err)
			continue
		}
		if tt.ok {
			// What the API answers reads back as written: no perpetual diff.
			back, err := propertyValueText(got)
			if err != nil || back != tt.in {
				t.Errorf("propertyValueText(%s) = %q, %v; want %q", got, back, err, tt.in)
			}
		}
	}
}

func TestPropertyValueModel_RoundTrip(t *testing.T) {
	for _, m := range []propertyValueModel{
		{ValueString: types.StringValue("a b"), ValueInt: types.Int64Null(), ValueBool: types.BoolNull()},
		{ValueString: types.StringValue(""), ValueInt: types.Int64Null(), ValueBool: types.BoolNull()},
		{ValueString: types.StringNull(), ValueInt: types.Int64Value(-7), ValueBool: types.BoolNull()},
		{ValueString: types.StringNull(), ValueInt: types.Int64Null(), ValueBool: types.BoolValue(false)},
	} {
		var back propertyValueModel
		if err := back.fromAPI(m.raw()); err != nil {
			t.Fatal(err)
		}
		if back != m {
			t.Errorf("round trip of %s: %+v", m.raw(), back)
		}
	}
	var m propertyValueModel
	for _, bad := range []string{`1.5`, `null`, `[1]`, `{`} {
		if err := m.fromAPI(json.RawMessage(bad)); err == nil {
			t.Errorf("fromAPI(%s) accepted", bad)
		}
	}
	if !samePropertyValue(json.RawMessage(`"x"`), json.RawMessage(` "x" `)) || samePropertyValue(json.RawMessage(`1`), json.RawMessage(`"1"`)) {
		t.Error("samePropertyValue compares spelling, not meaning")
	}
}
