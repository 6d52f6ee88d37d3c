package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.ResourceWithConfigure   = (*licenseWebhooksStateResource)(nil)
	_ resource.ResourceWithImportState = (*licenseWebhooksStateResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*licenseWebhooksStateResource)(nil)
)

type licenseWebhooksStateResource struct{ resourceBase }

func newLicenseWebhooksStateResource() resource.Resource {
	return &licenseWebhooksStateResource{resourceBase{name: "license_webhooks_state"}}
}

type licenseWebhooksStateModel struct {
	ID            types.String   `tfsdk:"id"`
	OwnerClientID types.String   `tfsdk:"owner_client_id"`
	Enabled       types.Bool     `tfsdk:"enabled"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (r *licenseWebhooksStateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Whether the webhooks of a Client ID (application) are enabled on the license (Configuration API v3.6 `enable_license_webhooks`, " +
			"`disable_license_webhooks`, `get_license_webhooks_state`). The webhooks are enabled automatically when the application is installed; " +
			"once disabled they stay disabled, also across reinstalls, until enabled again.\n\n" +
			"This is a setting, not an object: there is one per license and Client ID, and it always exists. Creating the resource adopts and sets it. " +
			"**Destroying it leaves the webhooks as they are** (enabled or disabled) and only removes the resource from the state, with a warning: " +
			"to re-enable the webhooks, apply `enabled = true` before destroying.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The owner client ID; the import ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID whose webhooks are enabled or disabled. Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); " +
					"with neither set, planning fails. Changing it manages another Client ID's state (replacement).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"enabled": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "`true`: the license's webhooks of the Client ID are sent; `false`: they are disabled.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ModifyPlan defaults owner_client_id to the provider's client_id.
func (r *licenseWebhooksStateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planOwnerClientID(ctx, r.data, "The license webhooks state", req, resp)
}

// set writes the state; the wait until the API shows it is afterWrite's.
func (r *licenseWebhooksStateResource) set(ctx context.Context, owner string, enabled bool) error {
	if err := r.data.config.SetLicenseWebhooks(ctx, owner, enabled); err != nil {
		return err
	}
	return r.afterWrite(ctx, "license webhooks state of "+owner, func(ctx context.Context) (bool, error) {
		got, err := r.data.config.GetLicenseWebhooksState(ctx, owner)
		return got == enabled, err
	})
}

func (r *licenseWebhooksStateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan licenseWebhooksStateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	owner := plan.OwnerClientID.ValueString()
	if err := r.set(ctx, owner, plan.Enabled.ValueBool()); err != nil {
		addAPIError(&resp.Diagnostics, "Setting the license webhooks state of "+owner, err)
		return
	}
	plan.ID = types.StringValue(owner)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *licenseWebhooksStateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state licenseWebhooksStateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	owner := state.ID.ValueString()
	enabled, err := r.data.config.GetLicenseWebhooksState(ctx, owner)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading the license webhooks state of "+owner, err)
		return
	}
	state.OwnerClientID = types.StringValue(owner)
	state.Enabled = types.BoolValue(enabled)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *licenseWebhooksStateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan licenseWebhooksStateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	owner := plan.OwnerClientID.ValueString()
	if err := r.set(ctx, owner, plan.Enabled.ValueBool()); err != nil {
		addAPIError(&resp.Diagnostics, "Setting the license webhooks state of "+owner, err)
		return
	}
	plan.ID = types.StringValue(owner)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete leaves the state as it is: the API has no "unset", and enabling the
// webhooks on destroy could send webhooks nobody asked for.
func (r *licenseWebhooksStateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state licenseWebhooksStateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	what := "enabled"
	if !state.Enabled.ValueBool() {
		what = "disabled"
	}
	resp.Diagnostics.AddWarning("License webhooks state left as it is",
		fmt.Sprintf("The webhooks of client %s stay %s on the license; the setting was only removed from the Terraform state. "+
			"To change it, apply the resource with another value before destroying it.", state.ID.ValueString(), what))
}
