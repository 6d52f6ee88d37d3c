package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure   = (*solutionOrganizationResource)(nil)
	_ resource.ResourceWithImportState = (*solutionOrganizationResource)(nil)
)

var solutionDataCenters = []string{"us-south1", "eu-west3"}

type solutionOrganizationResource struct{ resourceBase }

func newSolutionOrganizationResource() resource.Resource {
	return &solutionOrganizationResource{resourceBase{name: "solution_organization"}}
}

type solutionOrganizationModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationName types.String   `tfsdk:"organization_name"`
	ClientName       types.String   `tfsdk:"client_name"`
	ClientEmail      types.String   `tfsdk:"client_email"`
	DataCenter       types.String   `tfsdk:"data_center"`
	Identifier       types.String   `tfsdk:"identifier"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (r *solutionOrganizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A client organization of a Solution Partner (Partner API v2 `create_organization`; read through `get_organization_details` and `get_organization_licenses`). Needs `partner_api_token`.\n\n" +
			"The API can neither update nor delete an organization: every argument forces a new organization, and **destroy only removes it from the Terraform state** (with a warning); the organization stays in the Partner App. " +
			"The API cannot list organizations either, so an ambiguous failure of the create call (a dropped connection) is reported instead of being retried, to never create two organizations.\n\n" +
			"`identifier` cannot be read back: it is kept from the configuration and is empty after an import.\n\n" +
			"It is the one type without a list resource for `terraform query`, since the API cannot list organizations: import them by UUID (livechat-export takes them with `-organizations`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Organization UUID; the import ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the client's organization. Changing it creates a new organization.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"client_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "The client's full name. Changing it creates a new organization.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"client_email": schema.StringAttribute{
				Required: true, MarkdownDescription: "E-mail of the organization owner. Licenses of the organization must use the same `client_email`. Changing it creates a new organization.",
				Validators: []validator.String{partnerEmailValidator()}, PlanModifiers: replace,
			},
			"data_center": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("us-south1"),
				MarkdownDescription: "Where the organization's data is stored: `us-south1` (USA, the default) or `eu-west3` (EU). Changing it creates a new organization.",
				Validators:          []validator.String{stringvalidator.OneOf(solutionDataCenters...)}, PlanModifiers: replace,
			},
			"identifier": schema.StringAttribute{
				Optional: true, MarkdownDescription: "A custom identifier of the organization (unique: the API answers 409 for a second organization with the same identifier). Not readable from the API: after an import, the first apply that updates the organization takes the configured value over without a replacement; later, changing it creates a new organization.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time, RFC 3339." + readAtRefresh,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// read fetches the details and the client of an organization.
func readOrganization(ctx context.Context, pc *partner.Client, id string, m *solutionOrganizationModel) error {
	org, err := pc.GetOrganization(ctx, id)
	if err != nil {
		return err
	}
	lic, err := pc.GetOrganizationLicenses(ctx, id)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(org.OrganizationID)
	m.OrganizationName = types.StringValue(org.Name)
	m.DataCenter = types.StringValue(org.DataCenter)
	m.CreatedAt = types.StringValue(org.CreatedAt)
	m.ClientName = types.StringValue(lic.ClientName)
	m.ClientEmail = types.StringValue(lic.ClientEmail)
	return nil
}

func (r *solutionOrganizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan solutionOrganizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Creating organization")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in := partner.OrganizationCreate{
		OrganizationName: plan.OrganizationName.ValueString(), ClientName: plan.ClientName.ValueString(),
		ClientEmail: plan.ClientEmail.ValueString(), DataCenter: plan.DataCenter.ValueString(), Identifier: plan.Identifier.ValueString(),
	}
	id, err := pc.CreateOrganization(ctx, in)
	var amb *client.AmbiguousError
	switch {
	case errors.As(err, &amb): // before already_exists: an unclear create's re-send may answer it
		addAPIError(&resp.Diagnostics, "Creating organization "+in.OrganizationName, fmt.Errorf("%w\n\nThe organization may or may not have been created, and the API cannot list organizations to check. Look it up in the Partner App; import it by its UUID if it exists, or apply again", err))
		return
	case client.IsAlreadyExists(err):
		addAPIError(&resp.Diagnostics, "Creating organization "+in.OrganizationName, fmt.Errorf("%w\n\nAnother organization has the identifier %q; choose another identifier, or import that organization by its UUID", err, in.Identifier))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "Creating organization "+in.OrganizationName, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	// created_at is left to the next refresh: waiting for it would hold a parallelism slot for
	// the propagation delay.
	got, shown, err := awaitWrite(ctx, &r.resourceBase, false, "organization "+id, shownBy(func(ctx context.Context) (solutionOrganizationModel, error) {
		m := plan
		err := readOrganization(ctx, pc, id, &m)
		return m, err
	}, func(solutionOrganizationModel) bool { return true }))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for organization "+id, err)
		return
	}
	if shown {
		plan = got
	}
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *solutionOrganizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state solutionOrganizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading organization")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	err := readOrganization(ctx, pc, id, &state)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id, "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading organization "+id, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only takes over the timeouts and an identifier set after an import.
func (r *solutionOrganizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan solutionOrganizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	clearImported(ctx, resp)
}

func (r *solutionOrganizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state solutionOrganizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning("Organization "+state.ID.ValueString()+" was not deleted",
		"The Partner API has no way to delete an organization. It was removed from the Terraform state only and stays in the Partner App with its licenses.")
}

func (r *solutionOrganizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		markImported(ctx, resp)
	}
}
