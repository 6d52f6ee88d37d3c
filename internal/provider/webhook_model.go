package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Object types of webhook filters, shared by livechat_webhook and the
// livechat_webhooks data source.
var (
	webhookUserIDsType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"values": types.SetType{ElemType: types.StringType}, "exclude_values": types.SetType{ElemType: types.StringType},
	}}
	webhookChatPresenceType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"user_ids": webhookUserIDsType, "my_bots": types.BoolType,
	}}
	webhookFiltersType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"author_type": types.StringType, "only_my_chats": types.BoolType,
		"chat_presence": webhookChatPresenceType, "source_type": types.SetType{ElemType: types.StringType},
	}}
)

// webhookFilterNames are the filters of register_webhook, as attribute names.
var webhookFilterNames = []string{"author_type", "only_my_chats", "chat_presence", "source_type"}

func webhookActionNames() []string {
	out := make([]string, len(configuration.WebhookActions))
	for i, a := range configuration.WebhookActions {
		out[i] = a.Name
	}
	return out
}

// actionsAllowing lists the actions whose filters include filter.
func actionsAllowing(filter string) []string {
	var out []string
	for _, a := range configuration.WebhookActions {
		if slices.Contains(a.Filters, filter) {
			out = append(out, a.Name)
		}
	}
	return out
}

func nullableStringSet(items []string) types.Set {
	if items == nil {
		return types.SetNull(types.StringType)
	}
	return stringSetValue(items)
}

func nullableString(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

func nullableBool(p *bool) types.Bool {
	if p == nil {
		return types.BoolNull()
	}
	return types.BoolValue(*p)
}

func webhookFiltersValue(f *configuration.WebhookFilters) types.Object {
	if f == nil {
		return types.ObjectNull(webhookFiltersType.AttrTypes)
	}
	presence := types.ObjectNull(webhookChatPresenceType.AttrTypes)
	if cp := f.ChatPresence; cp != nil {
		ids := types.ObjectNull(webhookUserIDsType.AttrTypes)
		if cp.UserIDs != nil {
			ids = types.ObjectValueMust(webhookUserIDsType.AttrTypes, map[string]attr.Value{
				"values": nullableStringSet(cp.UserIDs.Values), "exclude_values": nullableStringSet(cp.UserIDs.ExcludeValues),
			})
		}
		presence = types.ObjectValueMust(webhookChatPresenceType.AttrTypes, map[string]attr.Value{
			"user_ids": ids, "my_bots": nullableBool(cp.MyBots),
		})
	}
	return types.ObjectValueMust(webhookFiltersType.AttrTypes, map[string]attr.Value{
		"author_type": nullableString(f.AuthorType), "only_my_chats": nullableBool(f.OnlyMyChats),
		"chat_presence": presence, "source_type": nullableStringSet(f.SourceType),
	})
}

// mergeShownFilters is kept (the filters of the state or the plan) with every filter that shown
// (an answer's filters) has taken from shown: an answer may leave filters out. A webhook whose
// answer shows no filters and that has none to keep has none.
func mergeShownFilters(kept, shown *configuration.WebhookFilters) *configuration.WebhookFilters {
	shown = prunedFilters(shown)
	if kept == nil {
		return shown
	}
	if shown == nil {
		return kept
	}
	out := *kept
	if shown.AuthorType != nil {
		out.AuthorType = shown.AuthorType
	}
	if shown.OnlyMyChats != nil {
		out.OnlyMyChats = shown.OnlyMyChats
	}
	if shown.SourceType != nil {
		out.SourceType = shown.SourceType
	}
	if cp := shown.ChatPresence; cp != nil {
		merged := configuration.WebhookChatPresence{}
		if out.ChatPresence != nil {
			merged = *out.ChatPresence
		}
		if cp.MyBots != nil {
			merged.MyBots = cp.MyBots
		}
		if ids := cp.UserIDs; ids != nil {
			m := configuration.WebhookUserIDs{}
			if merged.UserIDs != nil {
				m = *merged.UserIDs
			}
			if ids.Values != nil {
				m.Values = ids.Values
			}
			if ids.ExcludeValues != nil {
				m.ExcludeValues = ids.ExcludeValues
			}
			merged.UserIDs = &m
		}
		out.ChatPresence = &merged
	}
	return &out
}

// prunedFilters is f without empty objects (an answer whose keys were left out may show
// "filters": {} or "user_ids": {}): nil when no filter is shown.
func prunedFilters(f *configuration.WebhookFilters) *configuration.WebhookFilters {
	if f == nil {
		return nil
	}
	out := *f
	if cp := out.ChatPresence; cp != nil {
		c := *cp
		if c.UserIDs != nil && c.UserIDs.Values == nil && c.UserIDs.ExcludeValues == nil {
			c.UserIDs = nil
		}
		out.ChatPresence = &c
		if c.UserIDs == nil && c.MyBots == nil {
			out.ChatPresence = nil
		}
	}
	if out.AuthorType == nil && out.OnlyMyChats == nil && out.SourceType == nil && out.ChatPresence == nil {
		return nil
	}
	return &out
}

type webhookFiltersModel struct {
	AuthorType   types.String `tfsdk:"author_type"`
	OnlyMyChats  types.Bool   `tfsdk:"only_my_chats"`
	ChatPresence types.Object `tfsdk:"chat_presence"`
	SourceType   types.Set    `tfsdk:"source_type"`
}

type webhookChatPresenceModel struct {
	UserIDs types.Object `tfsdk:"user_ids"`
	MyBots  types.Bool   `tfsdk:"my_bots"`
}

type webhookUserIDsModel struct {
	Values        types.Set `tfsdk:"values"`
	ExcludeValues types.Set `tfsdk:"exclude_values"`
}

func setStrings(s types.Set) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	return stringsFrom(s)
}

// webhookFiltersFrom converts the filters attribute to the API shape.
func webhookFiltersFrom(ctx context.Context, o types.Object, diags *diag.Diagnostics) *configuration.WebhookFilters {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	var m webhookFiltersModel
	diags.Append(o.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	f := &configuration.WebhookFilters{
		AuthorType:  m.AuthorType.ValueStringPointer(),
		OnlyMyChats: m.OnlyMyChats.ValueBoolPointer(),
		SourceType:  setStrings(m.SourceType),
	}
	if known(m.ChatPresence) {
		var cp webhookChatPresenceModel
		diags.Append(m.ChatPresence.As(ctx, &cp, basetypes.ObjectAsOptions{})...)
		f.ChatPresence = &configuration.WebhookChatPresence{MyBots: cp.MyBots.ValueBoolPointer()}
		if known(cp.UserIDs) {
			var ids webhookUserIDsModel
			diags.Append(cp.UserIDs.As(ctx, &ids, basetypes.ObjectAsOptions{})...)
			f.ChatPresence.UserIDs = &configuration.WebhookUserIDs{Values: setStrings(ids.Values), ExcludeValues: setStrings(ids.ExcludeValues)}
		}
	}
	return f
}

// webhookActionValidator checks the "Triggering actions" table: each filter
// only with the actions that allow it, and additional_data not with the
// actions it is not available for.
type webhookActionValidator struct{}

func (webhookActionValidator) Description(context.Context) string {
	return "filters and additional_data must be available for the webhook's action"
}

func (v webhookActionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (webhookActionValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var action types.String
	var filters types.Object
	var data types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("action"), &action)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("filters"), &filters)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("additional_data"), &data)...)
	if resp.Diagnostics.HasError() || !known(action) {
		return
	}
	name := action.ValueString()
	allowed := configuration.WebhookActionFilters(name)
	if allowed == nil {
		return // the action's own validator reports it
	}
	if known(filters) {
		attrs := filters.Attributes()
		for _, f := range webhookFilterNames {
			if attrs[f].IsNull() || slices.Contains(allowed, f) {
				continue
			}
			resp.Diagnostics.AddAttributeError(path.Root("filters").AtName(f), "Filter not available for this action",
				fmt.Sprintf("The API does not allow filters.%s for action %q (its filters: %s). Remove filters.%s, or use an action that allows it: %s.",
					f, name, strings.Join(allowed, ", "), f, strings.Join(actionsAllowing(f), ", ")))
		}
	}
	if known(data) && len(data.Elements()) > 0 && slices.Contains(configuration.WebhookNoAdditionalData, name) {
		resp.Diagnostics.AddAttributeError(path.Root("additional_data"), "additional_data not available for this action",
			fmt.Sprintf("The API does not send additional data with %q webhooks (not available for: %s). Remove additional_data.",
				name, strings.Join(configuration.WebhookNoAdditionalData, ", ")))
	}
}

// planOwnerClientID gives an unset owner_client_id the provider's client_id
// (resource-level ModifyPlan: only the configured resource instance knows
// the provider's settings). It fails naming both settings when neither is
// set, and replaces the object when the owner changes through the default.
func planOwnerClientID(ctx context.Context, data *providerData, what string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || data == nil {
		return // destroy, or the provider is not configured yet (its settings are unknown)
	}
	owner := path.Root("owner_client_id")
	var configured, planned, prior types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, owner, &configured)...)
	if resp.Diagnostics.HasError() || !configured.IsNull() {
		return
	}
	if data.clientID == "" {
		resp.Diagnostics.AddAttributeError(owner, "Missing owner_client_id",
			what+" belongs to a Client ID (application) of your organization, and neither is set: "+
				"set owner_client_id on this resource, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
		return
	}
	planned = types.StringValue(data.clientID)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, owner, planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, owner, &prior)...)
		if !prior.Equal(planned) {
			resp.RequiresReplace.Append(owner)
		}
	}
}
