package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// identifiedResource adds resource identity (identities) to a resource and forwards everything
// else to it.
//
// The framework finds a resource's optional features by interface assertion
// (resource.ResourceWith...). The wrapper always offers those whose absence the framework treats
// as "nothing to do" (Configure, ConfigValidators, ValidateConfig, ModifyPlan) and does nothing
// in them when the wrapped resource lacks them. Those whose absence is an error of its own
// (UpgradeState, MoveState) are offered only when the wrapped resource has them: identified
// picks a variant. ImportState is required: every resource here has one, and an identity import
// needs it. TestIdentifiedForwardsEveryInterface keeps this list in step with the framework.
//
// It also keeps the record of the provider's own writes in private state (written.go): after
// each create and update, and for each Read within the propagation window.
type identifiedResource struct {
	inner resource.Resource
	typ   string
	spec  identitySpec
	data  *providerData
}

var (
	_ resource.ResourceWithIdentity         = (*identifiedResource)(nil)
	_ resource.ResourceWithImportState      = (*identifiedResource)(nil)
	_ resource.ResourceWithConfigure        = (*identifiedResource)(nil)
	_ resource.ResourceWithConfigValidators = (*identifiedResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*identifiedResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*identifiedResource)(nil)
)

// identified wraps r with its type's identity. It panics on a resource without an entry in
// identities or without ImportState: both are programming errors that every test run catches.
func identified(r resource.Resource) resource.Resource {
	typ := typeName(r)
	spec, ok := identities[typ]
	if !ok {
		panic(fmt.Sprintf("%s has no entry in identities (identity.go)", typ))
	}
	return identifiedAs(r, typ, spec)
}

// identifiedAs wraps r with spec as the identity of type typ.
func identifiedAs(r resource.Resource, typ string, spec identitySpec) resource.Resource {
	if _, ok := r.(resource.ResourceWithImportState); !ok {
		panic(fmt.Sprintf("%s has no ImportState: an identity import needs one", typ))
	}
	if _, ok := r.(resource.ResourceWithIdentity); ok {
		panic(fmt.Sprintf("%s declares its own identity: remove it from identities", typ))
	}
	base := &identifiedResource{inner: r, typ: typ, spec: spec}
	upgrader, upgrades := r.(resource.ResourceWithUpgradeState)
	mover, moves := r.(resource.ResourceWithMoveState)
	switch {
	case upgrades && moves:
		return &struct {
			*identifiedResource
			upgradeStateOf
			moveStateOf
		}{base, upgradeStateOf{upgrader}, moveStateOf{mover}}
	case upgrades:
		return &struct {
			*identifiedResource
			upgradeStateOf
		}{base, upgradeStateOf{upgrader}}
	case moves:
		return &struct {
			*identifiedResource
			moveStateOf
		}{base, moveStateOf{mover}}
	}
	return base
}

// upgradeStateOf and moveStateOf lend one method of the wrapped resource to a variant of
// identifiedResource.
type upgradeStateOf struct {
	r resource.ResourceWithUpgradeState
}

func (u upgradeStateOf) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return u.r.UpgradeState(ctx)
}

type moveStateOf struct {
	r resource.ResourceWithMoveState
}

func (m moveStateOf) MoveState(ctx context.Context) []resource.StateMover { return m.r.MoveState(ctx) }

func (r *identifiedResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.inner.Metadata(ctx, req, resp)
	if r.spec.mutable {
		resp.ResourceBehavior.MutableIdentity = true
	}
}

func (r *identifiedResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.inner.Schema(ctx, req, resp)
}

func (r *identifiedResource) IdentitySchema(ctx context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	var sr resource.SchemaResponse
	r.inner.Schema(ctx, resource.SchemaRequest{}, &sr)
	s, err := r.spec.identitySchema(sr.Schema)
	if err != nil {
		resp.Diagnostics.AddError("Invalid identity of "+r.typ, err.Error()+"; this is a provider bug.")
		return
	}
	resp.IdentitySchema = s
}

func (r *identifiedResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.inner.Create(ctx, req, resp)
	if !resp.State.Raw.IsNull() && r.window() > 0 {
		resp.Diagnostics.Append(recordCreate(ctx, resp.Private, time.Now())...)
	}
	// Also after an error: a state saved before a failed wait keeps its identity.
	r.spec.setIdentity(ctx, resp.State, resp.Identity)
}

// window is the provider's propagation_window (0 before Configure).
func (r *identifiedResource) window() time.Duration {
	if r.data == nil {
		return 0
	}
	return r.data.propagationWindow
}

func (r *identifiedResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// Private state is read once: a refresh of a thousand objects is the hot path.
	rec, stored := storedRecord(ctx, req.Private)
	recent := stored && rec.holdsAt(time.Now(), r.window())
	var unseen *justCreated
	if recent && rec.Created {
		ctx, unseen = withJustCreated(ctx)
	}
	r.inner.Read(ctx, req, resp)
	switch {
	case unseen != nil && unseen.kept && !resp.Diagnostics.HasError():
		// Created by us a moment ago and not visible yet: keep what we wrote.
		resp.State.Raw = req.State.Raw
	case recent && !resp.State.Raw.IsNull():
		kept, err := keepWritten(rec, req.State.Raw, resp.State.Raw)
		if err != nil {
			resp.Diagnostics.Append(conversionError(err)...)
			return
		}
		resp.State.Raw = kept
	case stored && !recent && resp.Private != nil: // past the window: forget it
		resp.Diagnostics.Append(saveRecord(ctx, resp.Private, nil)...)
	}
	if resp.State.Raw.IsNull() {
		// Gone: the framework still wants an identity (the state may predate identities, e.g.
		// written by Terraform 1.11), so give the one the removed state had.
		r.spec.setIdentity(ctx, req.State, resp.Identity)
		return
	}
	r.spec.setIdentity(ctx, resp.State, resp.Identity)
}

func (r *identifiedResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.inner.Update(ctx, req, resp)
	if !resp.State.Raw.IsNull() && r.window() > 0 {
		resp.Diagnostics.Append(recordUpdate(ctx, req.Private, resp.Private, req.State.Raw, resp.State.Raw, time.Now(), r.window())...)
	}
	r.spec.setIdentity(ctx, resp.State, resp.Identity)
}

func (r *identifiedResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.inner.Delete(ctx, req, resp)
}

// ImportState turns an identity into the resource's string import ID, so its one parser handles
// both kinds of import.
func (r *identifiedResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil && !req.Identity.Raw.IsNull() {
		id, err := r.spec.importID(req.Identity.Raw)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import identity", fmt.Sprintf("%s: %v.", r.typ, err))
			return
		}
		req.ID = id
	}
	r.inner.(resource.ResourceWithImportState).ImportState(ctx, req, resp)
	r.spec.setIdentity(ctx, resp.State, resp.Identity)
}

func (r *identifiedResource) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
	if c, ok := r.inner.(resource.ResourceWithConfigure); ok {
		c.Configure(ctx, req, resp)
	}
}

func (r *identifiedResource) ConfigValidators(ctx context.Context) []resource.ConfigValidator {
	if c, ok := r.inner.(resource.ResourceWithConfigValidators); ok {
		return c.ConfigValidators(ctx)
	}
	return nil
}

func (r *identifiedResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if v, ok := r.inner.(resource.ResourceWithValidateConfig); ok {
		v.ValidateConfig(ctx, req, resp)
	}
}

func (r *identifiedResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if m, ok := r.inner.(resource.ResourceWithModifyPlan); ok {
		m.ModifyPlan(ctx, req, resp)
	}
}
