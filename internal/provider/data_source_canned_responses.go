package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*cannedResponsesDataSource)(nil)

type cannedResponsesDataSource struct{ dataSourceBase }

func newCannedResponsesDataSource() datasource.DataSource {
	return &cannedResponsesDataSource{dataSourceBase{name: "canned_responses"}}
}

type cannedResponsesDataSourceModel struct {
	Group           types.Int64 `tfsdk:"group"`
	IDs             types.List  `tfsdk:"ids"`
	CannedResponses types.List  `tfsdk:"canned_responses"`
}

var cannedResponseObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "group": types.Int64Type, "text": types.StringType, "tags": types.SetType{ElemType: types.StringType},
	"created_by": types.StringType, "creation_date": types.StringType, "modified_by": types.StringType,
	"modification_date": types.StringType,
}}

func (d *cannedResponsesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The canned responses of one group (REST API v2 `GET /canned_responses?group=`), in creation order.\n\n" +
			"The API may take up to 2 minutes to show a change; add `depends_on` on canned responses the same configuration manages.",
		Attributes: map[string]schema.Attribute{
			"group": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Group ID; default `0`, the API's default. A group that does not exist has none.",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"ids": schema.ListAttribute{
				ElementType: types.Int64Type, Computed: true, MarkdownDescription: "IDs of the canned responses.",
			},
			"canned_responses": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The canned responses.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric ID."},
					"group":             schema.Int64Attribute{Computed: true, MarkdownDescription: "Group ID."},
					"text":              str("Response text."),
					"tags":              schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Tags (shortcuts)."},
					"created_by":        str("Login of the author."),
					"creation_date":     str("Creation time, RFC 3339."),
					"modified_by":       str("Login of the last modifier; empty if never modified."),
					"modification_date": str("Last modification time, RFC 3339; empty if never modified."),
				}},
			},
		},
	}
}

func (d *cannedResponsesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m cannedResponsesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	group := int64(0)
	if known(m.Group) {
		group = m.Group.ValueInt64()
	}
	list, err := d.data.legacy.ListCannedResponses(ctx, group, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Listing the canned responses of group %d", group), err)
		return
	}
	ids := make([]attr.Value, 0, len(list))
	items := make([]attr.Value, 0, len(list))
	for _, cr := range list {
		ids = append(ids, types.Int64Value(cr.ID))
		items = append(items, types.ObjectValueMust(cannedResponseObjectType.AttrTypes, map[string]attr.Value{
			"id": types.Int64Value(cr.ID), "group": types.Int64Value(cr.Group), "text": types.StringValue(cr.Text),
			"tags": stringSetValue(cr.Tags), "created_by": types.StringValue(cr.CreatedBy),
			"creation_date": types.StringValue(unixRFC3339(cr.CreationDate)), "modified_by": types.StringValue(cr.ModifiedBy),
			"modification_date": types.StringValue(unixRFC3339(cr.ModificationDate)),
		}))
	}
	m.Group = types.Int64Value(group)
	m.IDs = types.ListValueMust(types.Int64Type, ids)
	m.CannedResponses = types.ListValueMust(cannedResponseObjectType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
