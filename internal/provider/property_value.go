package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Property values (license and group values) are typed by the property, which the value
// resources may not be allowed to read (another Client Id's published property). They are
// therefore modeled as three typed attributes, exactly one set: value_string (string and
// tokenized_string properties), value_int (int) and value_bool (bool). The API's JSON value
// says which one a read fills, so every type round-trips without a diff.

// propertyValueModel is the value part of the value resources and data sources.
type propertyValueModel struct {
	ValueString types.String `tfsdk:"value_string"`
	ValueInt    types.Int64  `tfsdk:"value_int"`
	ValueBool   types.Bool   `tfsdk:"value_bool"`
}

var propertyValueAttrNames = []string{"value_string", "value_int", "value_bool"}

// propertyValueSchema is the value_* attributes of a value resource.
func propertyValueSchema() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"value_string": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "The value of a `string` or `tokenized_string` property. Exactly one of `value_string`, `value_int` and `value_bool` must be set; it must be of the property's type and within its `domain` or `range`, or the API refuses it.",
		},
		"value_int": schema.Int64Attribute{
			Optional:            true,
			MarkdownDescription: "The value of an `int` property (32-bit: -2147483648 to 2147483647). Exactly one of `value_string`, `value_int` and `value_bool` must be set.",
			Validators:          []validator.Int64{int64validator.Between(math.MinInt32, math.MaxInt32)},
		},
		"value_bool": schema.BoolAttribute{
			Optional:            true,
			MarkdownDescription: "The value of a `bool` property. Exactly one of `value_string`, `value_int` and `value_bool` must be set.",
		},
	}
}

// propertyValueConfigValidators requires exactly one value attribute.
func propertyValueConfigValidators() []resource.ConfigValidator {
	exprs := make([]path.Expression, 0, len(propertyValueAttrNames))
	for _, n := range propertyValueAttrNames {
		exprs = append(exprs, path.MatchRoot(n))
	}
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(exprs...)}
}

// raw is the JSON value the API is sent.
func (m *propertyValueModel) raw() json.RawMessage {
	switch {
	case known(m.ValueInt):
		return json.RawMessage(strconv.FormatInt(m.ValueInt.ValueInt64(), 10))
	case known(m.ValueBool):
		return json.RawMessage(strconv.FormatBool(m.ValueBool.ValueBool()))
	default:
		b, _ := json.Marshal(m.ValueString.ValueString())
		return b
	}
}

// fromAPI fills the attribute that matches the JSON type of v and nulls the others.
func (m *propertyValueModel) fromAPI(v json.RawMessage) error {
	m.ValueString, m.ValueInt, m.ValueBool = types.StringNull(), types.Int64Null(), types.BoolNull()
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return fmt.Errorf("the API answered a property value that is not JSON (%s): %w", v, err)
	}
	switch val := x.(type) {
	case string:
		m.ValueString = types.StringValue(val)
	case bool:
		m.ValueBool = types.BoolValue(val)
	case json.Number:
		i, err := val.Int64()
		if err != nil {
			return fmt.Errorf("the API answered a property value %s that is not a whole number", val)
		}
		m.ValueInt = types.Int64Value(i)
	default:
		return fmt.Errorf("the API answered a property value %s of no property type (string, int, bool)", v)
	}
	return nil
}

// samePropertyValue compares two JSON values by meaning, not by spelling.
func samePropertyValue(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return reflect.DeepEqual(x, y)
}
