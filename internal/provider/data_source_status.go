package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*statusDataSource)(nil)

type statusDataSource struct{ dataSourceBase }

func newStatusDataSource() datasource.DataSource {
	return &statusDataSource{dataSourceBase{name: "status"}}
}

type statusDataSourceModel struct {
	Group  types.Int64  `tfsdk:"group"`
	Status types.String `tfsdk:"status"`
	Online types.Bool   `tfsdk:"online"`
}

func (d *statusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Whether LiveChat is online (at least one agent accepts chats) for the license or one group (REST API v2 `GET /status`). " +
			"The value is read at plan time: it reflects who is logged in at that moment, so use it for checks and outputs rather than for configuration.",
		Attributes: map[string]schema.Attribute{
			"group": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Group ID; default `0` (the whole license). A group that does not exist is an error.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"status": schema.StringAttribute{Computed: true, MarkdownDescription: "`online` or `offline`."},
			"online": schema.BoolAttribute{Computed: true, MarkdownDescription: "`status == \"online\"`."},
		},
	}
}

func (d *statusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m statusDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	group := int64(0)
	if known(m.Group) {
		group = m.Group.ValueInt64()
	}
	status, err := d.data.legacy.GetStatus(ctx, group)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading the status of group %d", group), err)
		return
	}
	m.Group = types.Int64Value(group)
	m.Status = types.StringValue(status)
	m.Online = types.BoolValue(status == "online")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
