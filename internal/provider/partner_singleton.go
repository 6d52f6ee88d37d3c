package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// partnerSingleton is a resource for a Partner API object every partner has exactly one of (the
// profile, the billing information). The API can read and replace it but not create or delete
// it, so create adopts it and sends the configured values as update does, destroy only forgets it,
// and import takes a fixed ID. M is the resource's model, A the API's object and U its update
// request; the schema has a timeouts block.
type partnerSingleton[M, A, U any] struct {
	// resourceBase's name is the type name without the provider prefix, and the fixed import ID
	// (identities: singleton).
	// Diagnostics name the object as its entry in identities does (resourceBase.spec).
	resourceBase
	// forgotten names the object in destroy's warning.
	forgotten string
	schema    func(context.Context) schema.Schema
	// get and update are the client's methods, e.g. (*partner.Client).GetBilling.
	get    func(*partner.Client, context.Context) (*A, error)
	update func(*partner.Client, context.Context, U) error
	toAPI  func(*M) U
	// shows tells whether a read has the planned values yet (the API's propagation delay).
	shows   func(*M, *A) bool
	fromAPI func(*M, *A)
}

var (
	_ resource.ResourceWithConfigure   = (*partnerSingleton[struct{}, struct{}, struct{}])(nil)
	_ resource.ResourceWithImportState = (*partnerSingleton[struct{}, struct{}, struct{}])(nil)
)

// attributeReader is what tfsdk.Plan and tfsdk.State offer to read one attribute.
type attributeReader interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// operationFrom is operation with the timeout op of the timeouts block in from.
func (r *partnerSingleton[M, A, U]) operationFrom(ctx context.Context, from attributeReader, op timeoutFor, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	var block timeouts.Value
	diags.Append(from.GetAttribute(ctx, path.Root("timeouts"), &block)...)
	return r.operationIn(ctx, block, op, diags)
}

func (r *partnerSingleton[M, A, U]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema(ctx)
}

// apply sends the plan and waits until a read shows it; plan then holds what the API answered.
func (r *partnerSingleton[M, A, U]) apply(ctx context.Context, plan *M, diags *partnerDiags) {
	pc := partnerClient(r.data, diags, "Updating "+r.spec().what)
	if diags.HasError() {
		return
	}
	if err := r.update(pc, ctx, r.toAPI(plan)); err != nil {
		addAPIError(diags, "Updating "+r.spec().what, err)
		return
	}
	got, err := awaitValue(ctx, r.spec().what, func(ctx context.Context) (*A, bool, error) {
		a, err := r.get(pc, ctx)
		return a, err == nil && r.shows(plan, a), err
	})
	if err != nil {
		addAPIError(diags, "Waiting for the "+r.spec().what, err)
		return
	}
	r.fromAPI(plan, got)
}

// write is Create and Update alike: the API has no separate create.
func (r *partnerSingleton[M, A, U]) write(ctx context.Context, in tfsdk.Plan, out *tfsdk.State, diags *partnerDiags, timeout timeoutFor) {
	var plan M
	diags.Append(in.Get(ctx, &plan)...)
	if diags.HasError() {
		return
	}
	ctx, cancel := r.operationFrom(ctx, in, timeout, diags)
	defer cancel()
	r.apply(ctx, &plan, diags)
	if !diags.HasError() {
		diags.Append(out.Set(ctx, &plan)...)
	}
}

func (r *partnerSingleton[M, A, U]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan, &resp.State, &resp.Diagnostics, timeouts.Value.Create)
}

func (r *partnerSingleton[M, A, U]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, &resp.State, &resp.Diagnostics, timeouts.Value.Update)
}

// Read keeps what the state has besides the API's answer (attributes the API does not return).
func (r *partnerSingleton[M, A, U]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading "+r.spec().what)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operationFrom(ctx, req.State, timeouts.Value.Read, &resp.Diagnostics)
	defer cancel()
	got, err := r.get(pc, ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading "+r.spec().what, err)
		return
	}
	r.fromAPI(&state, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *partnerSingleton[M, A, U]) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	partnerSingletonForget(&resp.Diagnostics, r.forgotten)
}

// partnerSingletonForget is the warning a singleton's destroy leaves: the API cannot delete it.
func partnerSingletonForget(diags *diag.Diagnostics, what string) {
	diags.AddWarning(what+" was not deleted",
		fmt.Sprintf("The Partner API has no way to delete the %s. It was removed from the Terraform state only and keeps its current settings; a later apply adopts it again.", what))
}
