package provider

import (
	"context"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*botTemplatesDataSource)(nil)

type botTemplatesDataSource struct{ dataSourceBase }

func newBotTemplatesDataSource() datasource.DataSource {
	return &botTemplatesDataSource{dataSourceBase{name: "bot_templates"}}
}

type botTemplatesDataSourceModel struct {
	OwnerClientID types.String `tfsdk:"owner_client_id"`
	Templates     types.List   `tfsdk:"templates"`
	IDs           types.List   `tfsdk:"ids"`
}

var botTemplateAttrTypes = map[string]attr.Type{"id": types.StringType, "name": types.StringType, "avatar": types.StringType}

func (d *botTemplatesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The bot templates of an application (Configuration API v3.6 `list_bot_templates`). The API returns each template's ID, name and avatar only.\n\n" +
			"The API may take up to 2 minutes to show a change. To list templates that the same configuration creates or changes, add `depends_on` on those resources.",
		Attributes: map[string]schema.Attribute{
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID (application) whose templates to list. Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, reading fails.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"templates": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The templates, sorted by name, then ID.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":     schema.StringAttribute{Computed: true, MarkdownDescription: "Bot template ID."},
					"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
					"avatar": schema.StringAttribute{Computed: true, MarkdownDescription: "Avatar URL; empty when none is set."},
				}},
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "IDs of the templates, in the order of `templates`.",
			},
		},
	}
}

func (d *botTemplatesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m botTemplatesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !known(m.OwnerClientID) {
		if d.data.clientID == "" {
			resp.Diagnostics.AddAttributeError(path.Root("owner_client_id"), "No owner_client_id",
				"Listing bot templates needs the client ID that owns them: set owner_client_id here, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
			return
		}
		m.OwnerClientID = types.StringValue(d.data.clientID)
	}
	templates, err := d.data.config.ListBotTemplates(ctx, m.OwnerClientID.ValueString(), time.Time{})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing the bot templates of client "+m.OwnerClientID.ValueString(), err)
		return
	}
	templates = append(templates[:0:0], templates...) // the list is the run's shared cache entry
	sort.SliceStable(templates, func(i, j int) bool {
		if templates[i].Name != templates[j].Name {
			return templates[i].Name < templates[j].Name
		}
		return templates[i].ID < templates[j].ID
	})
	objType := types.ObjectType{AttrTypes: botTemplateAttrTypes}
	items := make([]attr.Value, 0, len(templates))
	ids := make([]attr.Value, 0, len(templates))
	for _, t := range templates {
		items = append(items, types.ObjectValueMust(botTemplateAttrTypes, map[string]attr.Value{
			"id": types.StringValue(t.ID), "name": types.StringValue(t.Name), "avatar": types.StringValue(t.Avatar),
		}))
		ids = append(ids, types.StringValue(t.ID))
	}
	m.Templates = types.ListValueMust(objType, items)
	m.IDs = types.ListValueMust(types.StringType, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
