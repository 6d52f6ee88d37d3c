package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure   = (*partnerAPITokenResource)(nil)
	_ resource.ResourceWithImportState = (*partnerAPITokenResource)(nil)
)

type partnerAPITokenResource struct{ resourceBase }

func newPartnerAPITokenResource() resource.Resource {
	return &partnerAPITokenResource{resourceBase{name: "partner_api_token"}}
}

type partnerAPITokenModel struct {
	ID                types.Int64    `tfsdk:"id"`
	Label             types.String   `tfsdk:"label"`
	Token             types.String   `tfsdk:"token"`
	CreationTimestamp types.String   `tfsdk:"creation_timestamp"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func (r *partnerAPITokenResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Partner API token (Partner API v2 `create_api_token`, `get_api_tokens`, `revoke_api_token`), e.g. one per CI system. Needs `partner_api_token`.\n\n" +
			"The token value is `Sensitive` and stored in the state: protect the state. Destroy revokes the token. A token cannot be renamed: changing `label` replaces (revokes and re-creates) it. " +
			"Import by the numeric token ID; the API lists token values, so the imported token is complete.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Token ID; the import ID.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"label": schema.StringAttribute{
				Required: true, MarkdownDescription: "A label for the token, at least 3 characters. Changing it replaces the token.",
				Validators:    []validator.String{stringvalidator.UTF8LengthAtLeast(3)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"token": schema.StringAttribute{
				Computed: true, Sensitive: true, PlanModifiers: keep,
				MarkdownDescription: "The token, to send as `Authorization: Bearer <token>` (e.g. as another provider's `partner_api_token`).",
			},
			"creation_timestamp": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Creation time, `YYYY-MM-DD HH:MM:SS`."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (m *partnerAPITokenModel) fromAPI(t *partner.APIToken) {
	m.ID = types.Int64Value(t.ID)
	m.Label = types.StringValue(t.Label)
	m.Token = types.StringValue(t.Token)
	m.CreationTimestamp = types.StringValue(t.CreationTimestamp)
}

func (r *partnerAPITokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan partnerAPITokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Creating Partner API token")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	since := time.Now()
	t, err := pc.CreateAPIToken(ctx, plan.Label.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating Partner API token "+plan.Label.ValueString(), err)
		return
	}
	plan.fromAPI(t)
	// Save the token at once: it is the only copy if the wait below fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	err = r.afterWrite(ctx, fmt.Sprintf("Partner API token %d", t.ID), listedByPoll(since, func(ctx context.Context, since time.Time) (*partner.APIToken, time.Time, error) {
		return pollAPIToken(ctx, pc, t.ID, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for Partner API token %d", t.ID), err)
	}
}

func (r *partnerAPITokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state partnerAPITokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading Partner API token")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueInt64()
	t, err := pc.GetAPIToken(ctx, id, false)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, strconv.FormatInt(id, 10), "create a new one (revoked outside Terraform)")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading Partner API token %d", id), err)
		return
	}
	state.fromAPI(t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes the timeouts: label requires a replacement.
func (r *partnerAPITokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan partnerAPITokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *partnerAPITokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state partnerAPITokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Revoking Partner API token")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueInt64()
	since := time.Now()
	if err := pc.RevokeAPIToken(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Revoking Partner API token %d", id), err)
		return
	}
	err := r.afterWrite(ctx, fmt.Sprintf("revoking Partner API token %d", id), goneByPoll(since, func(ctx context.Context, since time.Time) (*partner.APIToken, time.Time, error) {
		return pollAPIToken(ctx, pc, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for Partner API token %d to be revoked", id), err)
	}
}
