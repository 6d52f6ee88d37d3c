package provider

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The license and group value resources (livechat_license_property, livechat_group_property)
// differ only in where a value lives, in how their messages name it and in their schema and
// import ID. propertyValueResource is everything else, written once; a model's ref carries the
// difference.

// propertyValueResourceModel is the model of a value resource but for where the value lives
// (a group's value adds group_id).
type propertyValueResourceModel struct {
	ID        types.String `tfsdk:"id"`
	Namespace types.String `tfsdk:"namespace"`
	Name      types.String `tfsdk:"name"`
	propertyValueModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// common is promoted to the models that embed propertyValueResourceModel, for
// propertyValueResource to reach it.
func (m *propertyValueResourceModel) common() *propertyValueResourceModel { return m }

// propertyValueResourceState is a pointer to a value resource's whole model.
type propertyValueResourceState interface {
	common() *propertyValueResourceModel
	// ref is the value the model names and the calls that reach it.
	ref(c *configuration.Client) propertyValueRef
}

// propertyValueResource is a value resource but for Metadata, Schema and ImportState, which
// the resource that embeds it adds.
type propertyValueResource struct {
	resourceBase
	// newModel returns an empty model of the embedding resource, to read a plan or state into.
	newModel func() propertyValueResourceState
}

func (r *propertyValueResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return propertyValueConfigValidators()
}

func (r *propertyValueResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.apply(ctx, req.Plan, &resp.State, &resp.Diagnostics, true)
}

func (r *propertyValueResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.apply(ctx, req.Plan, &resp.State, &resp.Diagnostics, false)
}

// apply writes the planned value and, once the API shows it, saves the plan as the state.
// On create, the id and key are saved as soon as the write succeeded, so a failed wait loses
// nothing.
func (r *propertyValueResource) apply(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics, create bool) {
	model := r.newModel()
	diags.Append(plan.Get(ctx, model)...)
	if diags.HasError() {
		return
	}
	m := model.common()
	timeoutOf := m.Timeouts.Update
	if create {
		timeoutOf = m.Timeouts.Create
	}
	ctx, cancel := r.operation(ctx, timeoutOf, diags)
	defer cancel()

	ref := model.ref(r.data.config)
	ref.base = &r.resourceBase
	var saveID func()
	if create {
		saveID = func() {
			diags.Append(state.SetAttribute(ctx, path.Root("id"), ref.id)...)
			for k, v := range ref.key {
				diags.Append(state.SetAttribute(ctx, path.Root(k), v)...)
			}
		}
	}
	if ref.write(ctx, &m.propertyValueModel, unknownBesides(plan, "id"), diags, saveID) {
		m.ID = types.StringValue(ref.id)
		diags.Append(state.Set(ctx, model)...)
	}
}

func (r *propertyValueResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	model := r.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := model.common()
	ctx, cancel := r.operation(ctx, m.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	ref := model.ref(r.data.config)
	if ref.refresh(ctx, &m.propertyValueModel, resp, r.gone) {
		m.ID = types.StringValue(ref.id)
		resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
	}
}

func (r *propertyValueResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	model := r.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, model.common().Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	ref := model.ref(r.data.config)
	ref.base = &r.resourceBase
	ref.remove(ctx, model.common().raw(), &resp.Diagnostics)
}

// propertyValueRef is one property value, of the license or of a group, and the calls that
// reach it.
type propertyValueRef struct {
	scope    string // "license" or "group", for messages
	id       string // the resource's id, for messages
	ns, name string
	config   *configuration.Client
	base     *resourceBase // the resource's, for the waits of its writes (awaitWrite)
	// key is the attributes besides id that name the value; Create saves them with the id.
	key map[string]attr.Value

	listValues   func(ctx context.Context, fresh bool) (configuration.PropertyValues, error)
	setValues    func(ctx context.Context, values configuration.PropertyValues) error
	deleteValues func(ctx context.Context, names map[string][]string) error

	// ownerGone, set for a group's value, adds the warning for a read that answers not found:
	// the group was deleted, and its values with it. The license never goes.
	ownerGone func(diags *diag.Diagnostics)
}

// what is how messages name the value, e.g. "group property 0/test/string_property".
func (p propertyValueRef) what() string { return p.scope + " property " + p.id }

// read returns a reader of the value; fresh bypasses the read cache. ok is false when the value
// is not set (and the property has no default).
func (p propertyValueRef) read(fresh bool) func(context.Context) (json.RawMessage, bool, error) {
	return func(ctx context.Context) (json.RawMessage, bool, error) {
		values, err := p.listValues(ctx, fresh)
		if err != nil {
			return nil, false, err
		}
		v, ok := values.Get(p.ns, p.name)
		return v, ok, nil
	}
}

// write sets the planned value v; when the state needs the API's answer (needValue) or writes
// wait, it waits until the API shows the value and fills v from that read (awaitWrite). saveID
// (Create only) records the id as soon as the write succeeded, so a failed wait loses nothing.
func (p propertyValueRef) write(ctx context.Context, v *propertyValueModel, needValue bool, diags *diag.Diagnostics, saveID func()) bool {
	value := v.raw()
	_, err := retryWhilePending(ctx, "setting "+p.what(), isPropertyPending, func(ctx context.Context) (any, error) {
		return nil, p.setValues(ctx, configuration.PropertyValues{p.ns: {p.name: value}})
	})
	if err != nil {
		addAPIError(diags, "Setting "+p.what(), err)
		return false
	}
	if saveID != nil {
		saveID()
	}
	read := p.read(true) // bypassing the read cache
	got, shown, err := awaitWrite(ctx, p.base, needValue, p.what(), func(ctx context.Context) (json.RawMessage, bool, error) {
		v, ok, err := read(ctx)
		return v, err == nil && ok && samePropertyValue(v, value), err
	})
	if err != nil {
		addAPIError(diags, "Waiting for "+p.what(), err)
		return false
	}
	if !shown {
		return true
	}
	if err := v.fromAPI(got); err != nil {
		diags.AddError("Reading "+p.what(), err.Error())
		return false
	}
	return true
}

// refresh fills v from the API for Read. It is false when the value (or its group) is gone,
// after removing the resource from the state with a warning, and when the read failed.
func (p propertyValueRef) refresh(ctx context.Context, v *propertyValueModel, resp *resource.ReadResponse,
	gone func(context.Context, *tfsdk.State, *diag.Diagnostics, string, string),
) bool {
	got, ok, err := p.read(false)(ctx)
	if client.IsNotFound(err) && keepUnseen(ctx) {
		return false // created by this provider within the propagation window (written.go)
	}
	if p.ownerGone != nil && client.IsNotFound(err) {
		p.ownerGone(&resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return false
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading "+p.what(), err)
		return false
	}
	if !ok { // no value, and no default
		gone(ctx, &resp.State, &resp.Diagnostics, p.id, "set it again")
		return false
	}
	if err := v.fromAPI(got); err != nil {
		resp.Diagnostics.AddError("Reading "+p.what(), err.Error())
		return false
	}
	return true
}

// documentedPropagation is the reference's bound on the propagation delay: "All configurations
// set by this API will have action in system after max 2 minutes."
const documentedPropagation = 2 * time.Minute

// remove deletes the value old and waits until the API shows it gone: absent, or back to the
// property's default. When the definition does not show the default (the List Properties
// example has no default_value), another value than old shows it gone too, and old still shown
// after the documented propagation bound can only be the default itself.
func (p propertyValueRef) remove(ctx context.Context, old json.RawMessage, diags *diag.Diagnostics) {
	err := p.deleteValues(ctx, map[string][]string{p.ns: {p.name}})
	if client.IsNotFound(err) {
		return // the property (or the group) is gone, and the value with it
	}
	if err != nil {
		addAPIError(diags, "Deleting "+p.what(), err)
		return
	}
	dflt := propertyDefault(ctx, p.config, p.ns, p.name)
	settled := time.Now().Add(documentedPropagation)
	read := p.read(true)
	err = p.base.afterWrite(ctx, "deleting "+p.what(), func(ctx context.Context) (bool, error) {
		v, ok, err := read(ctx)
		switch {
		case err != nil:
			return false, err
		case !ok:
			return true, nil
		case dflt != nil:
			return samePropertyValue(v, dflt), nil
		}
		return !samePropertyValue(v, old) || time.Now().After(settled), nil
	})
	if err != nil && (p.ownerGone == nil || !client.IsNotFound(err)) {
		addAPIError(diags, "Waiting for "+p.what()+" to be deleted", err)
	}
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

// propertyDefault is the default value of a property when its owner's list can be read (nil
// otherwise, e.g. for another organization's published property).
func propertyDefault(ctx context.Context, c *configuration.Client, ns, name string) json.RawMessage {
	p, err := c.GetProperty(ctx, ns, name, false)
	if err != nil {
		return nil
	}
	return p.DefaultValue
}

// isPropertyPending is the error of a value write that names a property (or group) created a
// moment ago: the API answers not_found (group_not_found) until it has propagated.
func isPropertyPending(err error) bool { return client.IsNotFound(err) }
