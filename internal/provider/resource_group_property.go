package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure        = (*groupPropertyResource)(nil)
	_ resource.ResourceWithImportState      = (*groupPropertyResource)(nil)
	_ resource.ResourceWithConfigValidators = (*groupPropertyResource)(nil)
)

// groupPropertyResource is livechat_group_property: the value of a property within a group.
type groupPropertyResource struct {
	propertyValueResource
}

func newGroupPropertyResource() resource.Resource {
	return &groupPropertyResource{propertyValueResource{resourceBase: resourceBase{name: "group_property"}, newModel: func() propertyValueResourceState { return &groupPropertyModel{} }}}
}

type groupPropertyModel struct {
	GroupID types.Int64 `tfsdk:"group_id"`
	propertyValueResourceModel
}

func (r *groupPropertyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := propertyValueSchema()
	attrs["id"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "`<group_id>/<namespace>/<name>`; the import ID.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["group_id"] = schema.Int64Attribute{
		Required: true, MarkdownDescription: "ID of the group the value is set for (`0` is \"General\"). Changing it replaces the value.",
		Validators:    []validator.Int64{int64validator.AtLeast(0)},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The value of a property within a group (Configuration API v3.6 `update_group_properties`, `delete_group_properties`, read through `list_groups_properties`). " +
			"The property must be registered (e.g. with `livechat_property`) with the `group` location in its `access`; a property of another Client Id must be published with `write` access.\n\n" +
			"The value is typed by the property: set exactly one of `value_string` (`string`, `tokenized_string`), `value_int` (`int`) or `value_bool` (`bool`). " +
			"Destroying the value deletes it; the group then shows the property's `default_value`, if it has one. " +
			"A value for a group created a moment ago is retried until the group has propagated (the API answers `group_not_found` until then). " +
			"Deleting the group deletes its values.\n\n" +
			"Values are read with one `list_groups_properties` call per group and run.",
		Attributes: propertyKeySchema(attrs),
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func groupPropertyID(gid int64, ns, name string) string {
	return strconv.FormatInt(gid, 10) + "/" + ns + "/" + name
}

// ref is the value the model names, in its group.
func (m *groupPropertyModel) ref(c *configuration.Client) propertyValueRef {
	gid, ns, name := m.GroupID.ValueInt64(), m.Namespace.ValueString(), m.Name.ValueString()
	id := groupPropertyID(gid, ns, name)
	return propertyValueRef{
		scope: "group", id: id, ns: ns, name: name, config: c,
		key: map[string]attr.Value{"group_id": m.GroupID, "namespace": m.Namespace, "name": m.Name},
		listValues: func(ctx context.Context, fresh bool) (configuration.PropertyValues, error) {
			return readGroupProperties(ctx, c, gid, fresh)
		},
		setValues: func(ctx context.Context, values configuration.PropertyValues) error {
			return c.UpdateGroupProperties(ctx, gid, values)
		},
		deleteValues: func(ctx context.Context, names map[string][]string) error {
			return c.DeleteGroupProperties(ctx, gid, names)
		},
		ownerGone: func(diags *diag.Diagnostics) {
			diags.AddWarning("Group no longer exists",
				fmt.Sprintf("Group %d of property value %s was not found; the value was removed from the state.", gid, id))
		},
	}
}

func (r *groupPropertyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	}
}
