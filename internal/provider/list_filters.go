package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// listQuery is what a list block's config asks for.
type listQuery struct {
	filter          listing.Filter
	includeDefaults bool
}

// listFilter is one attribute of list blocks' config and what it does to the query.
type listFilter struct {
	name      string
	attribute listschema.Attribute
	read      func(ctx context.Context, cfg tfsdk.Config, q *listQuery) diag.Diagnostics
}

// listValued is a filter of a list of values, read into the query's field that into returns.
func listValued[T any](name string, elem attr.Type, desc string, validators []validator.List, into func(*listQuery) *[]T) listFilter {
	return listFilter{
		name:      name,
		attribute: listschema.ListAttribute{ElementType: elem, Optional: true, MarkdownDescription: desc, Validators: validators},
		read: func(ctx context.Context, cfg tfsdk.Config, q *listQuery) diag.Diagnostics {
			var v types.List
			diags := cfg.GetAttribute(ctx, path.Root(name), &v)
			if diags.HasError() || !known(v) {
				return diags
			}
			return v.ElementsAs(ctx, into(q), false)
		},
	}
}

// groupIDsFilter keeps objects of some groups; what says what that means for the type.
func groupIDsFilter(what string) listFilter {
	return listValued("group_ids", types.Int64Type, "Only "+what+". Default: every group.",
		[]validator.List{listvalidator.SizeAtLeast(1)}, func(q *listQuery) *[]int64 { return &q.filter.GroupIDs })
}

var ownerClientIDsFilter = listValued("owner_client_ids", types.StringType,
	"Client IDs whose objects are listed: the API lists these per owner client ID. Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, the query fails.",
	[]validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
	func(q *listQuery) *[]string { return &q.filter.ClientIDs })

var organizationIDsFilter = listValued("organization_ids", types.StringType,
	"Solution organization IDs (UUIDs) whose licenses get `organization_id` in their identity and state. The Partner API cannot list organizations nor tell a license's organization: every license is listed, and those of organizations not named here come without `organization_id`, which the generated configuration then needs.",
	[]validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
	func(q *listQuery) *[]string { return &q.filter.Organizations })

var suspendedFilter = listFilter{
	name: "suspended",
	attribute: listschema.BoolAttribute{
		Optional:            true,
		MarkdownDescription: "`true`: only suspended agents; `false`: only agents not suspended (`list_agents` `filters.suspended`). Default: both.",
	},
	read: func(ctx context.Context, cfg tfsdk.Config, q *listQuery) diag.Diagnostics {
		var v types.Bool
		diags := cfg.GetAttribute(ctx, path.Root("suspended"), &v)
		if known(v) {
			b := v.ValueBool()
			q.filter.Suspended = &b
		}
		return diags
	},
}

var namespaceFilter = listFilter{
	name: "namespace",
	attribute: listschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Only values of properties of this namespace (the owner client ID of the property). Default: every namespace.",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	},
	read: func(ctx context.Context, cfg tfsdk.Config, q *listQuery) diag.Diagnostics {
		var v types.String
		diags := cfg.GetAttribute(ctx, path.Root("namespace"), &v)
		if known(v) {
			q.filter.Namespace = v.ValueString()
		}
		return diags
	},
}

// includeDefaultsFilter lists what every license has from the start too; defaults names it.
func includeDefaultsFilter(defaults string) listFilter {
	return listFilter{
		name: "include_defaults",
		attribute: listschema.BoolAttribute{
			Optional:            true,
			MarkdownDescription: "Also list " + defaults + ", which every license (or partner account) has from the start; livechat-export leaves them out too unless `-include-defaults`. Default `false`.",
		},
		read: func(ctx context.Context, cfg tfsdk.Config, q *listQuery) diag.Diagnostics {
			var v types.Bool
			diags := cfg.GetAttribute(ctx, path.Root("include_defaults"), &v)
			q.includeDefaults = known(v) && v.ValueBool()
			return diags
		},
	}
}
