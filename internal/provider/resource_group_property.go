package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure        = (*groupPropertyResource)(nil)
	_ resource.ResourceWithImportState      = (*groupPropertyResource)(nil)
	_ resource.ResourceWithConfigValidators = (*groupPropertyResource)(nil)
)

type groupPropertyResource struct{ data *providerData }

func newGroupPropertyResource() resource.Resource { return &groupPropertyResource{} }

type groupPropertyModel struct {
	ID        types.String `tfsdk:"id"`
	GroupID   types.Int64  `tfsdk:"group_id"`
	Namespace types.String `tfsdk:"namespace"`
	Name      types.String `tfsdk:"name"`
	propertyValueModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *groupPropertyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_property"
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
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *groupPropertyResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return propertyValueConfigValidators()
}

func (r *groupPropertyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func groupPropertyID(gid int64, ns, name string) string {
	return strconv.FormatInt(gid, 10) + "/" + ns + "/" + name
}

func (r *groupPropertyResource) read(gid int64, ns, name string, fresh bool) func(context.Context) (json.RawMessage, bool, error) {
	return func(ctx context.Context) (json.RawMessage, bool, error) {
		values, err := r.data.config.GroupProperties(ctx, gid, fresh)
		if err != nil {
			return nil, false, err
		}
		v, ok := values.Get(ns, name)
		return v, ok, nil
	}
}

// write sets the planned value and waits until the API shows it; saveID (Create only) records
// the id as soon as the write succeeded.
func (r *groupPropertyResource) write(ctx context.Context, plan *groupPropertyModel, diags *diag.Diagnostics, saveID func(string)) bool {
	gid, ns, name := plan.GroupID.ValueInt64(), plan.Namespace.ValueString(), plan.Name.ValueString()
	id := groupPropertyID(gid, ns, name)
	value := plan.raw()
	err := retryWhilePending(ctx, "setting group property "+id, isPropertyPending, func(ctx context.Context) error {
		return r.data.config.UpdateGroupProperties(ctx, gid, configuration.PropertyValues{ns: {name: value}})
	})
	if err != nil {
		addAPIError(diags, "Setting group property "+id, err)
		return false
	}
	if saveID != nil {
		saveID(id)
	}
	got, err := awaitPropertyValue(ctx, "group property "+id, value, nil, r.read(gid, ns, name, true))
	if err != nil {
		addAPIError(diags, "Waiting for group property "+id, err)
		return false
	}
	plan.ID = types.StringValue(id)
	if err := plan.fromAPI(got); err != nil {
		diags.AddError("Reading group property "+id, err.Error())
		return false
	}
	return true
}

func (r *groupPropertyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan groupPropertyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	saveID := func(id string) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), plan.GroupID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), plan.Namespace)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), plan.Name)...)
	}
	if r.write(ctx, &plan, &resp.Diagnostics, saveID) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *groupPropertyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state groupPropertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	gid, ns, name := state.GroupID.ValueInt64(), state.Namespace.ValueString(), state.Name.ValueString()
	id := groupPropertyID(gid, ns, name)
	v, ok, err := r.read(gid, ns, name, false)(ctx)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Group no longer exists",
			fmt.Sprintf("Group %d of property value %s was not found; the value was removed from the state.", gid, id))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading group property "+id, err)
		return
	}
	if !ok {
		resp.Diagnostics.AddWarning("Group property value no longer exists",
			fmt.Sprintf("Group property %s has no value (and no default); it was removed from the state and the next plan will set it again.", id))
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(id)
	if err := state.fromAPI(v); err != nil {
		resp.Diagnostics.AddError("Reading group property "+id, err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *groupPropertyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan groupPropertyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	if r.write(ctx, &plan, &resp.Diagnostics, nil) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *groupPropertyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state groupPropertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	gid, ns, name := state.GroupID.ValueInt64(), state.Namespace.ValueString(), state.Name.ValueString()
	id := groupPropertyID(gid, ns, name)
	err := r.data.config.DeleteGroupProperties(ctx, gid, map[string][]string{ns: {name}})
	if client.IsNotFound(err) {
		return // the group or the property is gone, and the value with it
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Deleting group property "+id, err)
		return
	}
	dflt := propertyDefault(ctx, r.data.config, ns, name)
	_, err = awaitPropertyValue(ctx, "deleting group property "+id, nil, dflt, r.read(gid, ns, name, true))
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Waiting for group property "+id+" to be deleted", err)
	}
}

func (r *groupPropertyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := strings.SplitN(req.ID, "/", 3)
	var gid int64
	var err error
	if len(parts) == 3 {
		gid, err = strconv.ParseInt(parts[0], 10, 64)
	}
	if len(parts) != 3 || err != nil || gid < 0 || parts[1] == "" || parts[2] == "" {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A group property value is imported as <group_id>/<namespace>/<name>, e.g. 0/test/string_property; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), gid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), parts[2])...)
}
