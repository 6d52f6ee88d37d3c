package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*botsDataSource)(nil)

type botsDataSource struct{ dataSourceBase }

func newBotsDataSource() datasource.DataSource { return &botsDataSource{dataSourceBase{name: "bots"}} }

type botsDataSourceModel struct {
	All  types.Bool `tfsdk:"all"`
	Bots types.List `tfsdk:"bots"`
	IDs  types.List `tfsdk:"ids"`
}

// listedBotAttrTypes are botAttrTypes without what list_bots does not return.
var listedBotAttrTypes = func() map[string]attr.Type {
	out := map[string]attr.Type{}
	for k, v := range botAttrTypes {
		if k != "default_group_priority" && k != "owner_client_id" {
			out[k] = v
		}
	}
	return out
}()

func (d *botsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The bots of the license (Configuration API v3.6 `list_bots` with every optional field). " +
			"`list_bots` does not return a bot's `default_group_priority` or `owner_client_id`: read those with the `livechat_bot` data source.\n\n" +
			"The API may take up to 2 minutes to show a change. To list bots that the same configuration creates or changes, add `depends_on` on those resources.",
		Attributes: map[string]schema.Attribute{
			"all": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "`true`: every bot of the license. `false` or unset (the API's default): only the requester's bots, i.e. with an access token the bots created through the token's application, " +
					"with a personal access token the bots created with personal access tokens.",
			},
			"bots": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The bots, sorted by name, then ID.",
				NestedObject: schema.NestedAttributeObject{Attributes: botDataSourceAttributes(
					schema.StringAttribute{Computed: true, MarkdownDescription: "Bot ID."}, false)},
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "IDs of the bots, in the order of `bots`.",
			},
		},
	}
}

func (d *botsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m botsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	bots, err := d.data.config.ListBots(ctx, m.All.ValueBool())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing bots", err)
		return
	}
	sort.SliceStable(bots, func(i, j int) bool {
		if bots[i].Name != bots[j].Name {
			return bots[i].Name < bots[j].Name
		}
		return bots[i].ID < bots[j].ID
	})
	objType := types.ObjectType{AttrTypes: listedBotAttrTypes}
	items := make([]attr.Value, 0, len(bots))
	ids := make([]attr.Value, 0, len(bots))
	for i := range bots {
		items = append(items, listedBotValue(&bots[i]))
		ids = append(ids, types.StringValue(bots[i].ID))
	}
	m.Bots = types.ListValueMust(objType, items)
	m.IDs = types.ListValueMust(types.StringType, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func listedBotValue(b *configuration.Bot) types.Object {
	full := botObjectValue(b).Attributes()
	vals := make(map[string]attr.Value, len(listedBotAttrTypes))
	for k := range listedBotAttrTypes {
		vals[k] = full[k]
	}
	return types.ObjectValueMust(listedBotAttrTypes, vals)
}
