package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*botDataSource)(nil)

type botDataSource struct{ dataSourceBase }

func newBotDataSource() datasource.DataSource { return &botDataSource{dataSourceBase{name: "bot"}} }

// botDataSourceAttributes are the attributes a bot shows in the bot data
// sources, all Computed; the caller supplies id. withGetOnly adds what only
// get_bot returns (default_group_priority, owner_client_id).
func botDataSourceAttributes(id schema.Attribute, withGetOnly bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":              id,
		"name":            schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"avatar":          schema.StringAttribute{Computed: true, MarkdownDescription: "Avatar URL; empty when none is set."},
		"max_chats_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Maximum number of incoming chats routed to the bot at once, 0 to 500."},
		"job_title":       schema.StringAttribute{Computed: true, MarkdownDescription: "Job title; empty when none is set."},
		"groups": schema.SetNestedAttribute{
			Computed: true, MarkdownDescription: "Groups the bot belongs to, each with its routing priority.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Group ID."},
				"priority": schema.StringAttribute{Computed: true, MarkdownDescription: "Routing priority in the group: `first`, `normal`, `last` or `supervisor`."},
			}},
		},
		"work_scheduler": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Working hours.",
			Attributes: map[string]schema.Attribute{
				"timezone": schema.StringAttribute{Computed: true, MarkdownDescription: "Time zone of the schedule; null when none is set."},
				"schedule": schema.SetNestedAttribute{
					Computed: true, MarkdownDescription: "Spans of working hours.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"day":     schema.StringAttribute{Computed: true, MarkdownDescription: "Day: " + quoted(weekDays) + "."},
						"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this span is in force."},
						"start":   schema.StringAttribute{Computed: true, MarkdownDescription: "Start, `HH:MM`."},
						"end":     schema.StringAttribute{Computed: true, MarkdownDescription: "End, `HH:MM`."},
					}},
				},
			},
		},
		"timezone": schema.StringAttribute{Computed: true, MarkdownDescription: "The time zone the bot's work scheduler operates in; null when none is set."},
	}
	if withGetOnly {
		attrs["default_group_priority"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Routing priority for a group without a defined priority: `first`, `normal`, `last` or `supervisor`."}
		attrs["owner_client_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Client ID of the application that owns the bot."}
	}
	return attrs
}

func (d *botDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One bot of the license, by ID (Configuration API v3.6 `get_bot` with every optional field). A missing bot is an error. The bot's secret is never readable.\n\n" +
			"The API may take up to 2 minutes to show a change. To read a bot that the same configuration creates or changes, add `depends_on` on its `livechat_bot` resource; " +
			"the resource finishes only once the API shows its write.",
		Attributes: botDataSourceAttributes(schema.StringAttribute{
			Required: true, MarkdownDescription: "Bot ID.",
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		}, true),
	}
}

func (d *botDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := d.data.config.GetBot(ctx, id.ValueString())
	if client.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Bot not found",
			fmt.Sprintf("The license has no bot %s (%v). Check the ID. If this configuration creates the bot, add depends_on on its livechat_bot resource, so the data source reads it after the API shows it.", id.ValueString(), err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading bot "+id.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, botObjectValue(b))...)
}
