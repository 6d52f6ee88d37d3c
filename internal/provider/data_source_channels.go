package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*channelsDataSource)(nil)

type channelsDataSource struct{ dataSourceBase }

func newChannelsDataSource() datasource.DataSource {
	return &channelsDataSource{dataSourceBase{name: "channels"}}
}

type channelsDataSourceModel struct {
	Channels types.List `tfsdk:"channels"`
}

var channelObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"channel_type": types.StringType, "channel_subtype": types.StringType, "first_activity_timestamp": types.StringType,
}}

func (d *channelsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The communication channels through which the product has been used (Configuration API v3.6 `list_channels`).",
		Attributes: map[string]schema.Attribute{
			"channels": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The channels, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"channel_type": schema.StringAttribute{Computed: true, MarkdownDescription: "`code`, `direct_link` or `integration`."},
					"channel_subtype": schema.StringAttribute{
						Computed: true, MarkdownDescription: "Empty for `code` and `direct_link`; the integration's client ID for `integration`.",
					},
					"first_activity_timestamp": schema.StringAttribute{Computed: true, MarkdownDescription: "First activity on the channel, RFC 3339."},
				}},
			},
		},
	}
}

func (d *channelsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	channels, err := d.data.config.ListChannels(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing channels", err)
		return
	}
	items := make([]attr.Value, 0, len(channels))
	for _, c := range channels {
		items = append(items, types.ObjectValueMust(channelObjectType.AttrTypes, map[string]attr.Value{
			"channel_type": types.StringValue(c.ChannelType), "channel_subtype": types.StringValue(c.ChannelSubtype),
			"first_activity_timestamp": types.StringValue(c.FirstActivityTimestamp),
		}))
	}
	m := channelsDataSourceModel{Channels: types.ListValueMust(channelObjectType, items)}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
