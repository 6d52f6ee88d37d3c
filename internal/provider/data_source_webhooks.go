package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*webhooksDataSource)(nil)

type webhooksDataSource struct{ dataSourceBase }

func newWebhooksDataSource() datasource.DataSource {
	return &webhooksDataSource{dataSourceBase{name: "webhooks"}}
}

type webhooksDataSourceModel struct {
	OwnerClientID types.String `tfsdk:"owner_client_id"`
	Action        types.String `tfsdk:"action"`
	Webhooks      types.List   `tfsdk:"webhooks"`
	IDs           types.List   `tfsdk:"ids"`
}

var webhookItemType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "url": types.StringType, "description": types.StringType, "action": types.StringType,
	"type": types.StringType, "owner_client_id": types.StringType,
	"additional_data": types.SetType{ElemType: types.StringType}, "filters": webhookFiltersType,
}}

func (d *webhooksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	strs := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The webhooks registered for one Client ID (Configuration API v3.6 `list_webhooks`), in registration order. " +
			"The API never returns secret keys.\n\n" +
			"The API may take up to 2 minutes to show a change: to list webhooks the same configuration registers, add `depends_on` on them.",
		Attributes: map[string]schema.Attribute{
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID whose webhooks to list. Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"action": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only webhooks of this action.",
				Validators:          []validator.String{stringvalidator.OneOf(webhookActionNames()...)},
			},
			"ids": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "IDs of the listed webhooks."},
			"webhooks": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The webhooks.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "Webhook ID."},
					"url":             schema.StringAttribute{Computed: true, MarkdownDescription: "Destination URL."},
					"description":     schema.StringAttribute{Computed: true, MarkdownDescription: "Description."},
					"action":          schema.StringAttribute{Computed: true, MarkdownDescription: "Triggering action."},
					"type":            schema.StringAttribute{Computed: true, MarkdownDescription: "`license` or `bot`."},
					"owner_client_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Owner client ID."},
					"additional_data": strs("Additional data sent with the webhook; null when none, or when the answer does not show it (the List Webhooks example does not)."),
					"filters": schema.SingleNestedAttribute{
						Computed: true, MarkdownDescription: "Filters as the answer shows them; null when none. The List Webhooks example shows only `chat_presence.user_ids.values` and `chat_presence.my_bots`: other filters are null when an answer leaves them out.",
						Attributes: map[string]schema.Attribute{
							"author_type":   schema.StringAttribute{Computed: true, MarkdownDescription: "`customer` or `agent`."},
							"only_my_chats": schema.BoolAttribute{Computed: true, MarkdownDescription: "Only chats of the owner client."},
							"source_type":   strs("Source types."),
							"chat_presence": schema.SingleNestedAttribute{
								Computed: true, MarkdownDescription: "Chat presence filter.",
								Attributes: map[string]schema.Attribute{
									"my_bots": schema.BoolAttribute{Computed: true, MarkdownDescription: "When a bot of the owner client is in the chat."},
									"user_ids": schema.SingleNestedAttribute{
										Computed: true, MarkdownDescription: "User IDs.",
										Attributes: map[string]schema.Attribute{
											"values":         strs("Send when any of these users is in the chat."),
											"exclude_values": strs("Do not send when any of these users is in the chat."),
										},
									},
								},
							},
						},
					},
				}},
			},
		},
	}
}

func (d *webhooksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhooksDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner := m.OwnerClientID.ValueString()
	if owner == "" {
		owner = d.data.clientID
	}
	if owner == "" {
		resp.Diagnostics.AddAttributeError(path.Root("owner_client_id"), "Missing owner_client_id",
			"Webhooks are listed per Client ID: set owner_client_id on this data source, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
		return
	}
	hooks, err := d.data.config.ListWebhooks(ctx, owner, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing the webhooks of "+owner, err)
		return
	}
	items := []attr.Value{}
	ids := []string{}
	for i := range hooks {
		w := &hooks[i]
		if known(m.Action) && w.Action != m.Action.ValueString() {
			continue
		}
		var wm webhookModel
		wm.fromAPI(ctx, w, &resp.Diagnostics)
		items = append(items, types.ObjectValueMust(webhookItemType.AttrTypes, map[string]attr.Value{
			"id": wm.ID, "url": wm.URL, "description": wm.Description, "action": wm.Action, "type": wm.Type,
			"owner_client_id": wm.OwnerClientID, "additional_data": wm.AdditionalData, "filters": wm.Filters,
		}))
		ids = append(ids, w.ID)
	}
	m.OwnerClientID = types.StringValue(owner)
	m.Webhooks = types.ListValueMust(webhookItemType, items)
	m.IDs = listOfStrings(ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
