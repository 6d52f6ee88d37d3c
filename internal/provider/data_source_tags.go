package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*tagsDataSource)(nil)

type tagsDataSource struct{ dataSourceBase }

func newTagsDataSource() datasource.DataSource { return &tagsDataSource{dataSourceBase{name: "tags"}} }

type tagsDataSourceModel struct {
	GroupIDs   types.Set    `tfsdk:"group_ids"`
	NamePrefix types.String `tfsdk:"name_prefix"`
	Tags       types.List   `tfsdk:"tags"`
	Names      types.List   `tfsdk:"names"`
}

type tagDataSourceModel struct {
	Name      types.String `tfsdk:"name"`
	GroupIDs  types.Set    `tfsdk:"group_ids"`
	AuthorID  types.String `tfsdk:"author_id"`
	CreatedAt types.String `tfsdk:"created_at"`
}

var tagObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "group_ids": types.SetType{ElemType: types.Int64Type},
	"author_id": types.StringType, "created_at": types.StringType,
}}

func (d *tagsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The chat tags of the license, optionally filtered (Configuration API v3.6 `list_tags`). " +
			"The filters apply to the one `list_tags` answer that every tag of the run shares.\n\n" +
			"The API may take up to 2 minutes to show a change. To list tags that the same configuration creates or changes, " +
			"add `depends_on` on those resources: a resource finishes only once the API shows its write.",
		Attributes: map[string]schema.Attribute{
			"group_ids": schema.SetAttribute{
				ElementType: types.Int64Type, Optional: true,
				MarkdownDescription: "Only tags that belong to at least one of these groups. At least one group ID when set.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueInt64sAre(int64validator.AtLeast(0)),
				},
			},
			"name_prefix": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only tags whose name starts with this text (letter case matters).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching tags, sorted by `name`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Tag name, exactly as created."},
					"group_ids": schema.SetAttribute{
						ElementType: types.Int64Type, Computed: true,
						MarkdownDescription: "IDs of the groups the tag belongs to; may be empty. A chat can be tagged only when the chat and the tag share a group.",
					},
					"author_id":  schema.StringAttribute{Computed: true, MarkdownDescription: "Agent who created the tag (empty for the license's default tags)."},
					"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339."},
				}},
			},
			"names": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "Names of the matching tags, in the order of `tags`.",
			},
		},
	}
}

// tagMatches reports whether t passes the data source's filters.
func (m *tagsDataSourceModel) tagMatches(t *configuration.Tag) bool {
	if known(m.NamePrefix) && !strings.HasPrefix(t.Name, m.NamePrefix.ValueString()) {
		return false
	}
	if known(m.GroupIDs) {
		wanted := int64sFrom(m.GroupIDs)
		return slices.ContainsFunc(t.GroupIDs, func(id int64) bool { return slices.Contains(wanted, id) })
	}
	return true
}

func (d *tagsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m tagsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.data.config.ListTags(ctx, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing tags", err)
		return
	}
	matching := []tagDataSourceModel{}
	for i := range all {
		if !m.tagMatches(&all[i]) {
			continue
		}
		var t tagModel
		t.fromAPI(&all[i])
		matching = append(matching, tagDataSourceModel{Name: t.Name, GroupIDs: t.GroupIDs, AuthorID: t.AuthorID, CreatedAt: t.CreatedAt})
	}
	slices.SortFunc(matching, func(a, b tagDataSourceModel) int { return strings.Compare(a.Name.ValueString(), b.Name.ValueString()) })
	names := make([]string, 0, len(matching))
	for _, t := range matching {
		names = append(names, t.Name.ValueString())
	}
	var diags diag.Diagnostics
	m.Tags, diags = types.ListValueFrom(ctx, tagObjectType, matching)
	resp.Diagnostics.Append(diags...)
	m.Names, diags = types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
