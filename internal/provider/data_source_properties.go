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
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*propertiesDataSource)(nil)

type propertiesDataSource struct{ dataSourceBase }

func newPropertiesDataSource() datasource.DataSource {
	return &propertiesDataSource{dataSourceBase{name: "properties"}}
}

type propertiesDataSourceModel struct {
	OwnerClientID types.String `tfsdk:"owner_client_id"`
	Properties    types.List   `tfsdk:"properties"`
	Names         types.List   `tfsdk:"names"`
}

type propertyDataSourceModel struct {
	Name types.String `tfsdk:"name"`
	propertyDefinition
}

var propertyObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "type": types.StringType, "description": types.StringType,
	"access": propertyAccessType, "domain": types.SetType{ElemType: types.StringType},
	"range": propertyRangeType, "default_value": types.StringType,
	"public_access": types.SetType{ElemType: types.StringType},
}}

func (d *propertiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	users := func(loc string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Access in the `" + loc + "` location; null when the property is not available there.",
			Attributes: map[string]schema.Attribute{
				"agent":    schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "What agents may do: `read`, `write`."},
				"customer": schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "What customers may do: `read`, `write`."},
			},
		}
	}
	locations := map[string]schema.Attribute{}
	for _, loc := range propertyLocations {
		locations[loc] = users(loc)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The properties, private and published, owned by one Client Id (Configuration API v3.6 `list_properties`).\n\n" +
			"The API may take up to 2 minutes to show a change. To list properties that the same configuration registers, " +
			"add `depends_on` on those resources: a resource finishes only once the API shows its write.",
		Attributes: map[string]schema.Attribute{
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client Id whose properties are listed; it must be owned by your organization. " +
					"Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); one of the two is required.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"properties": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The properties, sorted by `name`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Property name."},
					"type":        schema.StringAttribute{Computed: true, MarkdownDescription: "Property type: " + quoted(propertyTypes) + "."},
					"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Property description."},
					"access": schema.SingleNestedAttribute{
						Computed: true, MarkdownDescription: "Access per location and user.", Attributes: locations,
					},
					"domain": schema.SetAttribute{
						ElementType: types.StringType, Computed: true,
						MarkdownDescription: "Allowed values as text (`\"42\"`, `\"true\"`, `\"premium\"`); null without a domain. The List Properties example does not show it: null when the answer leaves it out.",
					},
					"range": schema.SingleNestedAttribute{
						Computed: true, MarkdownDescription: "Allowed range of an `int` property; null without a range. The List Properties example does not show it: null when the answer leaves it out.",
						Attributes: map[string]schema.Attribute{
							"from": schema.Int64Attribute{Computed: true, MarkdownDescription: "Smallest allowed value; null when open."},
							"to":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Largest allowed value; null when open."},
						},
					},
					"default_value": schema.StringAttribute{Computed: true, MarkdownDescription: "Default value as text; null without a default. The List Properties example does not show it: null when the answer leaves it out."},
					"public_access": schema.SetAttribute{
						ElementType: types.StringType, Computed: true,
						MarkdownDescription: "Access of other Client Ids once published (`read`, `write`); null while private.",
					},
				}},
			},
			"names": schema.ListAttribute{
				ElementType: types.StringType, Computed: true, MarkdownDescription: "Names of the properties, in the order of `properties`.",
			},
		},
	}
}

func (d *propertiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m propertiesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner := m.OwnerClientID.ValueString()
	if m.OwnerClientID.IsNull() {
		owner = d.data.clientID
	}
	if owner == "" {
		resp.Diagnostics.AddAttributeError(path.Root("owner_client_id"), "Missing owner client id",
			"Set owner_client_id on this data source, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
		return
	}
	all, err := d.data.config.ListProperties(ctx, owner, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing the properties of "+owner, err)
		return
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	slices.SortFunc(names, strings.Compare)
	items := make([]propertyDataSourceModel, 0, len(names))
	for _, n := range names {
		p := all[n]
		item := propertyDataSourceModel{Name: types.StringValue(n)}
		if err := item.fromAPI(&p); err != nil {
			resp.Diagnostics.AddError("Reading property "+owner+"/"+n, err.Error())
			return
		}
		items = append(items, item)
	}
	m.OwnerClientID = types.StringValue(owner)
	var diags diag.Diagnostics
	m.Properties, diags = types.ListValueFrom(ctx, propertyObjectType, items)
	resp.Diagnostics.Append(diags...)
	m.Names, diags = types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
