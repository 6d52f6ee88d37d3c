package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure      = (*propertyResource)(nil)
	_ resource.ResourceWithImportState    = (*propertyResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*propertyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*propertyResource)(nil)
)

type propertyResource struct{ resourceBase }

func newPropertyResource() resource.Resource {
	return &propertyResource{resourceBase{name: "property"}}
}

type propertyModel struct {
	ID            types.String `tfsdk:"id"`
	OwnerClientID types.String `tfsdk:"owner_client_id"`
	Name          types.String `tfsdk:"name"`
	propertyDefinition
	ForgetOnDestroy types.Bool     `tfsdk:"forget_on_destroy"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

func propertyUsersSchema(loc string) schema.SingleNestedAttribute {
	access := func(user string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: fmt.Sprintf("What the %s may do with the property in the `%s` location: `read`, `write` or both.", user, loc),
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(stringvalidator.OneOf(propertyAccessModes...)),
			},
		}
	}
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: fmt.Sprintf("Access in the `%s` location; at least one of `agent` and `customer`.", loc),
		Attributes:          map[string]schema.Attribute{"agent": access("agent"), "customer": access("customer")},
	}
}

func (r *propertyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	locations := map[string]schema.Attribute{}
	for _, loc := range propertyLocations {
		locations[loc] = propertyUsersSchema(loc)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A property: a typed key-value storage owned by a Client Id (Configuration API v3.6 `register_property`, `publish_property`, `unregister_property`, read through `list_properties`). " +
			"Its values are set with `livechat_license_property` and `livechat_group_property`.\n\n" +
			"The API has no method to change a registered property: every attribute except `public_access` (and the provider-only `forget_on_destroy` and `timeouts`) replaces it. " +
			"Setting `public_access` publishes the property (`publish_property`) so that other Client Ids can read and/or write it.\n\n" +
			"**Publishing is irreversible.** A published property cannot be unpublished, its public access cannot be narrowed, and it cannot be unregistered. " +
			"A plan that would do any of that, or replace or destroy a published property, fails at plan time. " +
			"Set `forget_on_destroy = true` (and apply it) to let destroy, or a replacement under a new name, only remove the published property from the Terraform state, with a warning; it stays registered in LiveChat.\n\n" +
			"Properties are read with one `list_properties` call per owner Client Id and run, shared by every property of that owner.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`<owner_client_id>/<name>`; the import ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client Id that owns the property; it must be owned by your organization, and it is the property's namespace. " +
					"Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); one of the two is required. Changing it (also through the provider default) replaces the property.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Property name, unique within the owner's namespace. Changing it replaces the property.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replace,
			},
			"type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Property type: " + quoted(propertyTypes) + ". `int` is 32-bit; `tokenized_string` is a string split into tokens before indexing, " +
					"for longer texts such as messages, not for keywords. Changing it replaces the property.",
				Validators:    []validator.String{stringvalidator.OneOf(propertyTypes...)},
				PlanModifiers: replace,
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Property description. Default empty. Changing it replaces the property.",
				PlanModifiers:       replace,
			},
			"access": schema.SingleNestedAttribute{
				Required: true,
				MarkdownDescription: "Where the property can be set (its locations: " + quoted(propertyLocations) + ", at least one) and, per location, what agents and customers may do with it " +
					"(`read`, `write`). Locations left out are not available. The owner Client Id itself can always read and write the values. Changing it replaces the property.",
				Attributes:    locations,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
			},
			"domain": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "The values the property may be set to, written as text in the property's type (`\"42\"`, `\"true\"`, `\"premium\"`). " +
					"Conflicts with `range`: a property has a domain or a range, never both. Changing it replaces the property." +
					" The List Properties example does not show it: when an answer leaves it out, the registered value is kept; after an import it reads as unset.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ConflictsWith(path.MatchRoot("range")),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
			"range": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "For `int` properties only: the values from `from` to `to` (inclusive) are allowed; set one or both ends. " +
					"Conflicts with `domain`. Changing it replaces the property. The List Properties example does not show it: when an answer leaves it out, the registered value is kept; after an import it reads as unset.",
				Attributes: map[string]schema.Attribute{
					"from": schema.Int64Attribute{
						Optional: true, MarkdownDescription: "Smallest allowed value.",
						Validators: []validator.Int64{int64validator.Between(math.MinInt32, math.MaxInt32)},
					},
					"to": schema.Int64Attribute{
						Optional: true, MarkdownDescription: "Largest allowed value; not less than `from`.",
						Validators: []validator.Int64{int64validator.Between(math.MinInt32, math.MaxInt32)},
					},
				},
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
			},
			"default_value": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Value returned for the license or a group while no value is set there. Allowed only when `access` includes the `license` or `group` location; " +
					"written as text in the property's type like `domain`, and within the domain or range. Changing it replaces the property. The List Properties example does not show it: when an answer leaves it out, the registered value is kept; after an import it reads as unset.",
				PlanModifiers: replace,
			},
			"public_access": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Publishes the property: what Client Ids other than the owner may do with it, `read`, `write` or both. " +
					"Unset: private (only the owner Client Id has access). Publishing cannot be undone: once set, it can only be widened (e.g. `[\"read\"]` to `[\"read\", \"write\"]`).",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(propertyAccessModes...)),
				},
			},
			"forget_on_destroy": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Provider-only. When `true`, destroying (or replacing under a new name) a published property, which the API cannot unregister, only removes it from the Terraform state, with a warning. " +
					"It takes effect once applied: set it in its own apply before the destroy. Default `false`: such a plan fails.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ValidateConfig checks the documented combinations that depend on more than one attribute.
func (r *propertyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m propertyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validatePropertyDefinition(&m.propertyDefinition, &resp.Diagnostics)
}

func validatePropertyDefinition(d *propertyDefinition, diags *diag.Diagnostics) {
	locations := map[string]bool{}
	if known(d.Access) {
		anyUnknown := false
		for loc, v := range d.Access.Attributes() {
			users, _ := v.(types.Object)
			if users.IsUnknown() {
				anyUnknown = true
				continue
			}
			if users.IsNull() {
				continue
			}
			locations[loc] = true
			a, c := users.Attributes()["agent"], users.Attributes()["customer"]
			if a.IsNull() && c.IsNull() {
				diags.AddAttributeError(path.Root("access").AtName(loc), "Location without users",
					fmt.Sprintf("access.%s must set agent, customer or both (the API needs at least one user per location); remove %s to leave the location out.", loc, loc))
			}
		}
		if len(locations) == 0 && !anyUnknown {
			diags.AddAttributeError(path.Root("access"), "No location",
				"access must set at least one location: "+strings.Join(propertyLocations, ", ")+".")
		}
	}
	typ := d.Type.ValueString()
	if !known(d.Type) {
		return
	}
	var rng *configuration.PropertyRange
	if known(d.Range) {
		attrs := d.Range.Attributes()
		from, _ := attrs["from"].(types.Int64)
		to, _ := attrs["to"].(types.Int64)
		switch {
		case typ != "int":
			diags.AddAttributeError(path.Root("range"), "Range on a non-int property",
				fmt.Sprintf("range works only for properties of type int, not %s; use domain to list the allowed values.", typ))
		case from.IsNull() && to.IsNull():
			diags.AddAttributeError(path.Root("range"), "Empty range", "range must set from, to or both.")
		case known(from) && known(to) && from.ValueInt64() > to.ValueInt64():
			diags.AddAttributeError(path.Root("range"), "Inverted range",
				fmt.Sprintf("range.from (%d) must not be greater than range.to (%d).", from.ValueInt64(), to.ValueInt64()))
		case known(from) || known(to):
			rng = &configuration.PropertyRange{From: from.ValueInt64Pointer(), To: to.ValueInt64Pointer()}
		}
	}
	var domain []json.RawMessage
	domainKnown := known(d.Domain)
	if domainKnown {
		for _, v := range d.Domain.Elements() {
			s, ok := v.(types.String)
			if !ok || !known(s) {
				domainKnown = false
				continue
			}
			j, err := propertyValueJSON(typ, s.ValueString())
			if err != nil {
				diags.AddAttributeError(path.Root("domain"), "Invalid domain value", err.Error())
				continue
			}
			domain = append(domain, j)
		}
	}
	if !known(d.DefaultValue) {
		return
	}
	if known(d.Access) && !locations["license"] && !locations["group"] && !d.Access.Attributes()["license"].IsUnknown() && !d.Access.Attributes()["group"].IsUnknown() {
		diags.AddAttributeError(path.Root("default_value"), "Default value without a license or group location",
			"The API accepts default_value only for properties whose access includes the license or group location; add access.license or access.group, or remove default_value.")
	}
	v, err := propertyValueJSON(typ, d.DefaultValue.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("default_value"), "Invalid default value", err.Error())
		return
	}
	if domainKnown && len(domain) > 0 && !slices.ContainsFunc(domain, func(x json.RawMessage) bool { return samePropertyValue(x, v) }) {
		diags.AddAttributeError(path.Root("default_value"), "Default value outside the domain",
			fmt.Sprintf("default_value %q is not one of the domain values.", d.DefaultValue.ValueString()))
	}
	if rng != nil {
		var i int64
		_ = json.Unmarshal(v, &i)
		if (rng.From != nil && i < *rng.From) || (rng.To != nil && i > *rng.To) {
			diags.AddAttributeError(path.Root("default_value"), "Default value outside the range",
				fmt.Sprintf("default_value %d is outside range.from..range.to.", i))
		}
	}
}

// published reports whether the state's property is published.
func (m *propertyModel) published() bool {
	return known(m.PublicAccess) && len(m.PublicAccess.Elements()) > 0
}

// ModifyPlan fills owner_client_id from the provider default and refuses, at plan time, what the
// API cannot do to a published property.
func (r *propertyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state *propertyModel
	if !req.State.Raw.IsNull() {
		state = &propertyModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy
		if state != nil && state.published() && !state.ForgetOnDestroy.ValueBool() {
			resp.Diagnostics.AddError("Cannot destroy a published property",
				fmt.Sprintf("Property %s is published (public access: %s). The API cannot unregister a published property. "+
					"To remove it from Terraform only, set forget_on_destroy = true on it and apply that first; "+
					"or drop it from the state with a removed block (lifecycle { destroy = false }) or terraform state rm.",
					state.ID.ValueString(), strings.Join(stringsFrom(state.PublicAccess), ", ")))
		}
		return
	}
	var plan, config propertyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.OwnerClientID.IsNull() {
		switch {
		case r.data == nil:
			// The provider is not configured yet (unknown provider settings): leave it unknown.
		case r.data.clientID == "":
			resp.Diagnostics.AddAttributeError(path.Root("owner_client_id"), "Missing owner client id",
				"Set owner_client_id on this resource, or client_id in the provider block (env LIVECHAT_CLIENT_ID): a property is owned by a Client Id of your organization.")
			return
		default:
			plan.OwnerClientID = types.StringValue(r.data.clientID)
		}
	}
	if known(plan.OwnerClientID) && known(plan.Name) {
		plan.ID = types.StringValue(plan.OwnerClientID.ValueString() + "/" + plan.Name.ValueString())
	} else {
		plan.ID = types.StringUnknown()
	}
	if state != nil {
		if !plan.OwnerClientID.Equal(state.OwnerClientID) {
			resp.RequiresReplace.Append(path.Root("owner_client_id"))
		}
		if state.published() {
			r.checkPublished(state, &plan, &resp.Diagnostics)
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// checkPublished refuses plans that would unpublish, narrow, or replace a published property.
func (r *propertyResource) checkPublished(state, plan *propertyModel, diags *diag.Diagnostics) {
	id := state.ID.ValueString()
	sameKey := plan.OwnerClientID.Equal(state.OwnerClientID) && plan.Name.Equal(state.Name)
	changed := []string{}
	unknown := false
	for name, pair := range map[string][2]attr.Value{
		"owner_client_id": {state.OwnerClientID, plan.OwnerClientID}, "name": {state.Name, plan.Name},
		"type": {state.Type, plan.Type}, "description": {state.Description, plan.Description},
		"access": {state.Access, plan.Access}, "domain": {state.Domain, plan.Domain},
		"range": {state.Range, plan.Range}, "default_value": {state.DefaultValue, plan.DefaultValue},
	} {
		if pair[1].IsUnknown() {
			unknown = true
		} else if !pair[0].Equal(pair[1]) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	if len(changed) > 0 {
		switch {
		case sameKey:
			diags.AddError("Cannot change a published property",
				fmt.Sprintf("Property %s is published. Changing %s needs a replacement, but the API has no method to change a property and cannot unregister a published one, "+
					"so a property with the same name cannot be registered again. Keep these attributes as they are, or register a new property under another name.",
					id, strings.Join(changed, ", ")))
			return
		case !state.ForgetOnDestroy.ValueBool():
			diags.AddError("Cannot replace a published property",
				fmt.Sprintf("Property %s is published, and the API cannot unregister it, so it cannot be replaced by %s/%s. "+
					"Set forget_on_destroy = true and apply that first: the replacement then only removes the old property from the Terraform state (it stays registered in LiveChat).",
					id, plan.OwnerClientID.ValueString(), plan.Name.ValueString()))
			return
		}
		return // a new property under a new key; the old one is forgotten
	}
	if unknown || plan.PublicAccess.IsUnknown() {
		return
	}
	kept := stringsFrom(plan.PublicAccess)
	var lost []string
	for _, a := range stringsFrom(state.PublicAccess) {
		if !slices.Contains(kept, a) {
			lost = append(lost, a)
		}
	}
	switch {
	case plan.PublicAccess.IsNull():
		diags.AddAttributeError(path.Root("public_access"), "Cannot unpublish a property",
			fmt.Sprintf("Property %s is published with public access %s; the API cannot unpublish it. Set public_access = %s (or wider).",
				id, strings.Join(stringsFrom(state.PublicAccess), ", "), propertyHCLList(stringsFrom(state.PublicAccess))))
	case len(lost) > 0:
		diags.AddAttributeError(path.Root("public_access"), "Cannot narrow the public access of a published property",
			fmt.Sprintf("Property %s is published with public access %s; the API can only widen it. Keep %s in public_access.",
				id, strings.Join(stringsFrom(state.PublicAccess), ", "), strings.Join(lost, ", ")))
	}
}

func propertyHCLList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// registration is the register_property request of a plan.
func (m *propertyModel) registration() (configuration.PropertyRegistration, error) {
	in := configuration.PropertyRegistration{
		Name: m.Name.ValueString(), OwnerClientID: m.OwnerClientID.ValueString(), Type: m.Type.ValueString(),
		Description: m.Description.ValueString(), Access: propertyAccessFrom(m.Access),
	}
	typ := in.Type
	if known(m.Domain) {
		for _, s := range stringsFrom(m.Domain) {
			v, err := propertyValueJSON(typ, s)
			if err != nil {
				return in, err
			}
			in.Domain = append(in.Domain, v)
		}
	}
	if known(m.Range) {
		attrs := m.Range.Attributes()
		from, _ := attrs["from"].(types.Int64)
		to, _ := attrs["to"].(types.Int64)
		in.Range = &configuration.PropertyRange{From: from.ValueInt64Pointer(), To: to.ValueInt64Pointer()}
	}
	if known(m.DefaultValue) {
		v, err := propertyValueJSON(typ, m.DefaultValue.ValueString())
		if err != nil {
			return in, err
		}
		in.DefaultValue = v
	}
	return in, nil
}

func (m *propertyModel) fromAPI(owner string, p *configuration.Property) error {
	m.ID = types.StringValue(owner + "/" + p.Name)
	m.OwnerClientID = types.StringValue(owner)
	m.Name = types.StringValue(p.Name)
	if m.ForgetOnDestroy.IsNull() || m.ForgetOnDestroy.IsUnknown() {
		m.ForgetOnDestroy = types.BoolValue(false)
	}
	return m.propertyDefinition.fromAPI(p)
}

// awaitProperty polls list_properties, never an answer fetched before since (when the write
// began), until the property shows the public access want holds (getWritten: what the write sent;
// unknown: any, null: none); the waits of concurrent writes of one owner share each poll's list
// (pollProperty). It waits here only when the state needs the answer (needValue) or writes wait
// (awaitWrite).
func (r *propertyResource) awaitProperty(ctx context.Context, needValue bool, owner, name string, want *propertyModel, since time.Time) (*configuration.Property, bool, error) {
	return awaitWrite(ctx, &r.resourceBase, needValue, "property "+owner+"/"+name, shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Property, time.Time, error) {
		return r.data.pollProperty(ctx, owner, name, since)
	}, func(_ context.Context, p *configuration.Property) bool {
		return want.PublicAccess.IsUnknown() || samePropertyAccess(p.PublicAccess, stringsFrom(want.PublicAccess))
	}))
}

func samePropertyAccess(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func (r *propertyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan propertyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in, err := plan.registration()
	if err != nil {
		resp.Diagnostics.AddError("Invalid property", err.Error())
		return
	}
	id := in.OwnerClientID + "/" + in.Name
	since := time.Now()
	err = r.data.config.RegisterProperty(ctx, in)
	if client.IsAlreadyExists(err) {
		addAPIError(&resp.Diagnostics, "Registering property "+id, fmt.Errorf("%w\n\nA property with this name is registered for this Client Id already. Import it with: terraform import livechat_property.<name> '%s'", err, id))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Registering property "+id, err)
		return
	}
	// Save the key first: if a later step fails, the property is still tracked.
	for attrName, v := range map[string]string{"id": id, "owner_client_id": in.OwnerClientID, "name": in.Name} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attrName), v)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("forget_on_destroy"), plan.ForgetOnDestroy)...)
	if known(plan.PublicAccess) {
		if err := r.data.config.PublishProperty(ctx, in.OwnerClientID, in.Name, stringsFrom(plan.PublicAccess)); err != nil {
			addAPIError(&resp.Diagnostics, "Publishing property "+id, err)
			return
		}
	}
	p, shown, err := r.awaitProperty(ctx, unknownBesides(req.Plan), in.OwnerClientID, in.Name, &plan, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for property "+id, err)
		return
	}
	if shown {
		if err := plan.fromAPI(in.OwnerClientID, p); err != nil {
			resp.Diagnostics.AddError("Reading property "+id, err.Error())
			return
		}
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *propertyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state propertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	owner, name := state.OwnerClientID.ValueString(), state.Name.ValueString()
	p, err := r.data.config.GetProperty(ctx, owner, name, false)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, owner+"/"+name, "register it again")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading property "+owner+"/"+name, err)
		return
	}
	if err := state.fromAPI(owner, p); err != nil {
		resp.Diagnostics.AddError("Reading property "+owner+"/"+name, err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update publishes (or widens the publication of) the property; ModifyPlan has made sure that
// nothing else changes in place.
func (r *propertyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want propertyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	owner, name := state.OwnerClientID.ValueString(), state.Name.ValueString()
	id := owner + "/" + name
	public := []string{}
	if known(plan.PublicAccess) {
		public = stringsFrom(plan.PublicAccess)
	}
	since := time.Now()
	if !plan.PublicAccess.Equal(state.PublicAccess) && len(public) > 0 {
		if err := r.data.config.PublishProperty(ctx, owner, name, public); err != nil {
			addAPIError(&resp.Diagnostics, "Publishing property "+id, err)
			return
		}
	}
	p, shown, err := r.awaitProperty(ctx, !req.Plan.Raw.IsFullyKnown(), owner, name, &want, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for property "+id, err)
		return
	}
	if shown {
		if err := plan.fromAPI(owner, p); err != nil {
			resp.Diagnostics.AddError("Reading property "+id, err.Error())
			return
		}
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *propertyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state propertyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner, name := state.OwnerClientID.ValueString(), state.Name.ValueString()
	id := owner + "/" + name
	if state.published() {
		if state.ForgetOnDestroy.ValueBool() {
			resp.Diagnostics.AddWarning("Published property was not unregistered",
				fmt.Sprintf("Property %s is published and the API cannot unregister it. It was removed from the Terraform state only (forget_on_destroy = true); it stays registered in LiveChat with its values.", id))
			return
		}
		resp.Diagnostics.AddError("Cannot destroy a published property",
			fmt.Sprintf("Property %s is published and the API cannot unregister it. Set forget_on_destroy = true and apply that first to remove it from Terraform only.", id))
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	since := time.Now()
	err := r.data.config.UnregisterProperty(ctx, owner, name)
	if client.IsValidation(err) {
		// Published outside Terraform since the last refresh?
		if p, gerr := r.data.config.GetProperty(ctx, owner, name, true); gerr == nil && len(p.PublicAccess) > 0 {
			addAPIError(&resp.Diagnostics, "Unregistering property "+id, fmt.Errorf("%w\n\nThe property was published outside Terraform (public access: %s), and published properties cannot be unregistered. "+
				"Run terraform apply -refresh-only, set forget_on_destroy = true and apply it, then destroy: it will only be removed from the state", err, strings.Join(p.PublicAccess, ", ")))
			return
		}
	}
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Unregistering property "+id, err)
		return
	}
	err = r.afterWrite(ctx, "unregistering property "+id, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Property, time.Time, error) {
		return r.data.pollProperty(ctx, owner, name, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for property "+id+" to be unregistered", err)
	}
}

func (r *propertyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("forget_on_destroy"), false)...)
	}
}
