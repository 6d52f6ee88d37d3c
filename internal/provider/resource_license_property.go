package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure        = (*licensePropertyResource)(nil)
	_ resource.ResourceWithImportState      = (*licensePropertyResource)(nil)
	_ resource.ResourceWithConfigValidators = (*licensePropertyResource)(nil)
)

type licensePropertyResource struct{ data *providerData }

func newLicensePropertyResource() resource.Resource { return &licensePropertyResource{} }

type licensePropertyModel struct {
	ID        types.String `tfsdk:"id"`
	Namespace types.String `tfsdk:"namespace"`
	Name      types.String `tfsdk:"name"`
	propertyValueModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *licensePropertyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_license_property"
}

// propertyKeySchema is the namespace and name of a value resource.
func propertyKeySchema(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs["namespace"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: "Namespace of the property: the Client Id that owns it (`livechat_property.owner_client_id`), or `test` for the license's test properties " +
			"(`bool_property`, `int_property`, `string_property`, `tokenized_string_property`). Changing it replaces the value.",
		Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers: replace,
	}
	attrs["name"] = schema.StringAttribute{
		Required: true, MarkdownDescription: "Property name. Changing it replaces the value.",
		Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers: replace,
	}
	return attrs
}

func (r *licensePropertyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := propertyValueSchema()
	attrs["id"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "`<namespace>/<name>`; the import ID.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The value of a property within the license (Configuration API v3.6 `update_license_properties`, `delete_license_properties`, read through `list_license_properties`). " +
			"The property must be registered (e.g. with `livechat_property`) with the `license` location in its `access`; a property of another Client Id must be published with `write` access.\n\n" +
			"The value is typed by the property: set exactly one of `value_string` (`string`, `tokenized_string`), `value_int` (`int`) or `value_bool` (`bool`). " +
			"Destroying the value deletes it; the license then shows the property's `default_value`, if it has one. " +
			"Because the API lists a default like a value, a value equal to the default that is deleted outside Terraform is not detected as drift.\n\n" +
			"Values are read with one `list_license_properties` call per namespace and run.",
		Attributes: propertyKeySchema(attrs),
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *licensePropertyResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return propertyValueConfigValidators()
}

func (r *licensePropertyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// propertyDefault is the default value of a property when its owner's list can be read (nil
// otherwise, e.g. for another organization's published property).
func propertyDefault(ctx context.Context, c *configuration.Client, ns, name string) json.RawMessage {
	p, err := c.GetProperty(ctx, ns, name, false)
	if err != nil {
		return nil
	}
	return p.DefaultValue
}

// awaitPropertyValue polls read (bypassing the read cache) until it shows want; want == nil
// waits until the value is gone (absent, or back to the default dflt).
func awaitPropertyValue(ctx context.Context, what string, want, dflt json.RawMessage, read func(context.Context) (json.RawMessage, bool, error)) (json.RawMessage, error) {
	var got json.RawMessage
	err := awaitConsistent(ctx, what, func(ctx context.Context) (bool, error) {
		v, ok, err := read(ctx)
		if err != nil {
			return false, err
		}
		got = v
		if want == nil {
			return !ok || (dflt != nil && samePropertyValue(v, dflt)), nil
		}
		return ok && samePropertyValue(v, want), nil
	})
	return got, err
}

// isPropertyPending is the error of a value write that names a property (or group) created a
// moment ago: the API answers not_found (group_not_found) until it has propagated.
func isPropertyPending(err error) bool { return client.IsNotFound(err) }

func (r *licensePropertyResource) read(ns, name string, fresh bool) func(context.Context) (json.RawMessage, bool, error) {
	return func(ctx context.Context) (json.RawMessage, bool, error) {
		values, err := r.data.config.LicenseProperties(ctx, ns, fresh)
		if err != nil {
			return nil, false, err
		}
		v, ok := values.Get(ns, name)
		return v, ok, nil
	}
}

// write sets the planned value and waits until the API shows it; saveID (Create only) records
// the id as soon as the write succeeded.
func (r *licensePropertyResource) write(ctx context.Context, plan *licensePropertyModel, diags *diag.Diagnostics, saveID func(string)) bool {
	ns, name := plan.Namespace.ValueString(), plan.Name.ValueString()
	id := ns + "/" + name
	value := plan.raw()
	err := retryWhilePending(ctx, "setting license property "+id, isPropertyPending, func(ctx context.Context) error {
		return r.data.config.UpdateLicenseProperties(ctx, configuration.PropertyValues{ns: {name: value}})
	})
	if err != nil {
		addAPIError(diags, "Setting license property "+id, err)
		return false
	}
	if saveID != nil {
		saveID(id)
	}
	got, err := awaitPropertyValue(ctx, "license property "+id, value, nil, r.read(ns, name, true))
	if err != nil {
		addAPIError(diags, "Waiting for license property "+id, err)
		return false
	}
	plan.ID = types.StringValue(id)
	if err := plan.fromAPI(got); err != nil {
		diags.AddError("Reading license property "+id, err.Error())
		return false
	}
	return true
}

func (r *licensePropertyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan licensePropertyModel
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
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), plan.Namespace)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), plan.Name)...)
	}
	if r.write(ctx, &plan, &resp.Diagnostics, saveID) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *licensePropertyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state licensePropertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	ns, name := state.Namespace.ValueString(), state.Name.ValueString()
	v, ok, err := r.read(ns, name, false)(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading license property "+ns+"/"+name, err)
		return
	}
	if !ok {
		resp.Diagnostics.AddWarning("License property value no longer exists",
			fmt.Sprintf("License property %s/%s has no value (and no default); it was removed from the state and the next plan will set it again.", ns, name))
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(ns + "/" + name)
	if err := state.fromAPI(v); err != nil {
		resp.Diagnostics.AddError("Reading license property "+ns+"/"+name, err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *licensePropertyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan licensePropertyModel
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

func (r *licensePropertyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state licensePropertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	ns, name := state.Namespace.ValueString(), state.Name.ValueString()
	id := ns + "/" + name
	err := r.data.config.DeleteLicenseProperties(ctx, map[string][]string{ns: {name}})
	if client.IsNotFound(err) {
		return // the property itself is gone, and its values with it
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Deleting license property "+id, err)
		return
	}
	dflt := propertyDefault(ctx, r.data.config, ns, name)
	if _, err := awaitPropertyValue(ctx, "deleting license property "+id, nil, dflt, r.read(ns, name, true)); err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for license property "+id+" to be deleted", err)
	}
}

func (r *licensePropertyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ns, name, ok := strings.Cut(req.ID, "/")
	if !ok || ns == "" || name == "" {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A license property value is imported as <namespace>/<name>, e.g. test/string_property; got %q.", req.ID))
		return
	}
	for k, v := range map[string]string{"id": req.ID, "namespace": ns, "name": name} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(k), v)...)
	}
}
