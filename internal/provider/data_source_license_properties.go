package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The livechat_license_properties and livechat_group_properties data sources list property
// values with the API's own filters (namespace, name_prefix); this file has what they share.

var _ datasource.DataSourceWithConfigure = (*licensePropertiesDataSource)(nil)

type propertyValueItem struct {
	Namespace types.String `tfsdk:"namespace"`
	Name      types.String `tfsdk:"name"`
	propertyValueModel
}

var propertyValueItemType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"namespace": types.StringType, "name": types.StringType,
	"value_string": types.StringType, "value_int": types.Int64Type, "value_bool": types.BoolType,
}}

// propertyValueListSchema is the filters and the result list the two data sources share.
func propertyValueListSchema(where string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"namespace": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Only values of this namespace (the owner Client Id, or `test`).",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"name_prefix": schema.StringAttribute{
			Optional: true, MarkdownDescription: "Only properties whose name starts with this text.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"properties": schema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "The values set " + where + ", and the default values of properties without one, sorted by `namespace` and `name`. " +
				"Exactly one of the `value_*` attributes is set, by the property's type.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"namespace":    schema.StringAttribute{Computed: true, MarkdownDescription: "Namespace (owner Client Id) of the property."},
				"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Property name."},
				"value_string": schema.StringAttribute{Computed: true, MarkdownDescription: "Value of a `string` or `tokenized_string` property."},
				"value_int":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Value of an `int` property."},
				"value_bool":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Value of a `bool` property."},
			}},
		},
	}
}

// propertyValueItems flattens the documented properties format into sorted items.
func propertyValueItems(ctx context.Context, values configuration.PropertyValues, diags *diag.Diagnostics) types.List {
	var items []propertyValueItem
	for ns, names := range values {
		for name, v := range names {
			item := propertyValueItem{Namespace: types.StringValue(ns), Name: types.StringValue(name)}
			if err := item.fromAPI(v); err != nil {
				diags.AddError("Reading property "+ns+"/"+name, err.Error())
				return types.ListNull(propertyValueItemType)
			}
			items = append(items, item)
		}
	}
	slices.SortFunc(items, func(a, b propertyValueItem) int {
		if c := strings.Compare(a.Namespace.ValueString(), b.Namespace.ValueString()); c != 0 {
			return c
		}
		return strings.Compare(a.Name.ValueString(), b.Name.ValueString())
	})
	if items == nil {
		items = []propertyValueItem{}
	}
	list, d := types.ListValueFrom(ctx, propertyValueItemType, items)
	diags.Append(d...)
	return list
}

const propertyValuesConsistencyNote = "The API may take up to 2 minutes to show a change. To list values that the same configuration sets, " +
	"add `depends_on` on those resources: a resource finishes only once the API shows its write."

type licensePropertiesDataSource struct{ dataSourceBase }

func newLicensePropertiesDataSource() datasource.DataSource {
	return &licensePropertiesDataSource{dataSourceBase{name: "license_properties"}}
}

type licensePropertiesDataSourceModel struct {
	Namespace  types.String `tfsdk:"namespace"`
	NamePrefix types.String `tfsdk:"name_prefix"`
	Properties types.List   `tfsdk:"properties"`
}

func (d *licensePropertiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The property values of the license (Configuration API v3.6 `list_license_properties`), optionally filtered by namespace and name prefix. " +
			"Properties without a value are listed with their default value, if they have one.\n\n" + propertyValuesConsistencyNote,
		Attributes: propertyValueListSchema("within the license"),
	}
}

func (d *licensePropertiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m licensePropertiesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	values, err := d.data.config.QueryLicenseProperties(ctx, m.Namespace.ValueString(), m.NamePrefix.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing license properties", err)
		return
	}
	m.Properties = propertyValueItems(ctx, values, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
