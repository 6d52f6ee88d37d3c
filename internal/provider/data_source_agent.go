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

var _ datasource.DataSourceWithConfigure = (*agentDataSource)(nil)

type agentDataSource struct{ dataSourceBase }

func newAgentDataSource() datasource.DataSource {
	return &agentDataSource{dataSourceBase{name: "agent"}}
}

// agentDataSourceAttributes are the attributes of livechat_agent, all
// Computed, as both agent data sources show an agent; the caller supplies
// id. Their types are agentAttrTypes.
func agentDataSourceAttributes(id schema.Attribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           id,
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Agent name."},
		"role":         schema.StringAttribute{Computed: true, MarkdownDescription: "Role: `owner`, `viceowner`, `administrator` or `normal`."},
		"login_status": schema.StringAttribute{Computed: true, MarkdownDescription: "Status right after login: `accepting chats` or `not accepting chats`."},
		"job_title":    schema.StringAttribute{Computed: true, MarkdownDescription: "Job title; empty when none is set."},
		"mobile":       schema.StringAttribute{Computed: true, MarkdownDescription: "Mobile phone number; empty when none is set."},
		"max_chats_count": schema.Int64Attribute{
			Computed: true, MarkdownDescription: fmt.Sprintf("Maximum number of concurrent chats, 0 to %d.", agentMaxChatsLimit),
		},
		"groups": schema.SetNestedAttribute{
			Computed: true, MarkdownDescription: "Groups the agent belongs to, each with a routing priority.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Group ID."},
				"priority": schema.StringAttribute{Computed: true, MarkdownDescription: "Routing priority in the group: `first`, `normal`, `last` or `supervisor`."},
			}},
		},
		"notifications": schema.SetAttribute{
			ElementType: types.StringType, Computed: true,
			MarkdownDescription: "Notifications turned on, from: " + quoted(agentNotifications) + ".",
		},
		"email_subscriptions": schema.SetAttribute{
			ElementType: types.StringType, Computed: true,
			MarkdownDescription: "E-mail reports the agent receives: `daily_summary`, `weekly_summary`.",
		},
		"work_scheduler": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Working hours.",
			Attributes: map[string]schema.Attribute{
				"timezone": schema.StringAttribute{Computed: true, MarkdownDescription: "Time zone of the schedule, e.g. `Europe/Warsaw`; null when the API reports none."},
				"schedule": schema.SetNestedAttribute{
					Computed: true, MarkdownDescription: "Spans of working hours; a day may have several.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"day":     schema.StringAttribute{Computed: true, MarkdownDescription: "Day: " + quoted(weekDays) + "."},
						"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this span is in force."},
						"start":   schema.StringAttribute{Computed: true, MarkdownDescription: "Start, `HH:MM`."},
						"end":     schema.StringAttribute{Computed: true, MarkdownDescription: "End, `HH:MM`."},
					}},
				},
			},
		},
		"suspended":         schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the agent is suspended."},
		"account_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Account ID of the agent."},
		"avatar":            schema.StringAttribute{Computed: true, MarkdownDescription: "Avatar URL."},
		"awaiting_approval": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the agent still awaits approval."},
	}
}

func (d *agentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One agent of the license, by ID (Configuration API v3.6 `get_agent` with every optional field). " +
			"It has the attributes of the `livechat_agent` resource. A missing agent is an error.\n\n" +
			"The API may take up to 2 minutes to show a change. To read an agent that the same configuration creates or changes, " +
			"add `depends_on` on its `livechat_agent` resource (referring to its `id` is not enough: the ID is known before the agent exists); " +
			"the resource finishes only once the API shows its write.",
		Attributes: agentDataSourceAttributes(schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Agent ID: the agent's login e-mail.",
			Validators:          []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an e-mail address")},
		}),
	}
}

func (d *agentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a, err := d.data.readAgent(ctx, id.ValueString())
	if client.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Agent not found",
			fmt.Sprintf("The license has no agent %s (%v). Check the ID, the agent's login e-mail. If this configuration creates the agent, add depends_on on its livechat_agent resource, so the data source reads it after the API shows it.", id.ValueString(), err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading agent "+id.ValueString(), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, agentObjectValue(a))...)
}
