package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure   = (*partnerProfileResource)(nil)
	_ resource.ResourceWithImportState = (*partnerProfileResource)(nil)
)

// partnerProfileImportID is the fixed import ID of the partner profile singleton.
const partnerProfileImportID = "partner_profile"

type partnerProfileResource struct{ data *providerData }

func newPartnerProfileResource() resource.Resource { return &partnerProfileResource{} }

type partnerProfileModel struct {
	ID                        types.String   `tfsdk:"id"`
	FirstName                 types.String   `tfsdk:"first_name"`
	LastName                  types.String   `tfsdk:"last_name"`
	ContactName               types.String   `tfsdk:"contact_name"`
	ContactEmail              types.String   `tfsdk:"contact_email"`
	SendMonthlySummary        types.Bool     `tfsdk:"send_monthly_summary"`
	SendResellerWeeklySummary types.Bool     `tfsdk:"send_reseller_weekly_summary"`
	SendNewsletter            types.Bool     `tfsdk:"send_newsletter"`
	SendNotifications         types.Bool     `tfsdk:"send_notifications"`
	PartnerID                 types.String   `tfsdk:"partner_id"`
	Login                     types.String   `tfsdk:"login"`
	SolutionStatus            types.String   `tfsdk:"solution_status"`
	Timeouts                  timeouts.Value `tfsdk:"timeouts"`
}

func (r *partnerProfileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partner_profile"
}

func (r *partnerProfileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	optIn := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, MarkdownDescription: "Opt in (`true`) or out (`false`) of " + what + ". Sent only when set; the API does not return it, so it is kept from the configuration (null after an import)."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The partner's profile (Partner API v2 `get_profile`, `update_profile`): a singleton that every partner has. Needs `partner_api_token`.\n\n" +
			"Creating the resource adopts the profile and sets the configured values; destroying it only removes it from the Terraform state, with a warning (the API cannot delete a profile). " +
			"Import with the fixed ID `" + partnerProfileImportID + "`.",
		Attributes: map[string]schema.Attribute{
			"id":                           schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Always `" + partnerProfileImportID + "`."},
			"first_name":                   schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "First name."},
			"last_name":                    schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "Last name."},
			"contact_name":                 schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "Contact person's name."},
			"contact_email":                schema.StringAttribute{Required: true, Validators: []validator.String{partnerEmailValidator()}, MarkdownDescription: "Contact e-mail."},
			"send_monthly_summary":         optIn("the monthly summary"),
			"send_reseller_weekly_summary": optIn("the weekly reseller summary"),
			"send_newsletter":              optIn("the partner newsletter"),
			"send_notifications":           optIn("notifications"),
			"partner_id":                   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Partner ID."},
			"login":                        schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Login e-mail of the partner account."},
			"solution_status":              schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Status in the Solution Program (e.g. `accepted`)."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *partnerProfileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *partnerProfileModel) fromAPI(p *partner.Profile) {
	m.ID = types.StringValue(partnerProfileImportID)
	m.FirstName, m.LastName = types.StringValue(p.FirstName), types.StringValue(p.LastName)
	m.ContactName, m.ContactEmail = types.StringValue(p.ContactName), types.StringValue(p.ContactEmail)
	m.PartnerID, m.Login, m.SolutionStatus = types.StringValue(p.PartnerID), types.StringValue(p.Login), types.StringValue(p.SolutionStatus)
}

func (m *partnerProfileModel) matches(p *partner.Profile) bool {
	return p.FirstName == m.FirstName.ValueString() && p.LastName == m.LastName.ValueString() &&
		p.ContactName == m.ContactName.ValueString() && p.ContactEmail == m.ContactEmail.ValueString()
}

// apply sends the profile and waits until a read shows it (create adopts, update updates).
func (r *partnerProfileResource) apply(ctx context.Context, plan *partnerProfileModel, diags *partnerDiags) {
	pc := partnerClient(r.data, diags, "Updating partner profile")
	if diags.HasError() {
		return
	}
	in := partner.ProfileUpdate{
		FirstName: plan.FirstName.ValueString(), LastName: plan.LastName.ValueString(),
		ContactName: plan.ContactName.ValueString(), ContactEmail: plan.ContactEmail.ValueString(),
		SendMonthlySummary: plan.SendMonthlySummary.ValueBoolPointer(), SendResellerWeeklySummary: plan.SendResellerWeeklySummary.ValueBoolPointer(),
		SendNewsletter: plan.SendNewsletter.ValueBoolPointer(), SendNotifications: plan.SendNotifications.ValueBoolPointer(),
	}
	if err := pc.UpdateProfile(ctx, in); err != nil {
		addAPIError(diags, "Updating partner profile", err)
		return
	}
	var got *partner.Profile
	err := awaitConsistent(ctx, "partner profile", func(ctx context.Context) (bool, error) {
		p, err := pc.GetProfile(ctx)
		if err != nil {
			return false, err
		}
		got = p
		return plan.matches(p), nil
	})
	if err != nil {
		addAPIError(diags, "Waiting for the partner profile", err)
		return
	}
	plan.fromAPI(got)
}

func (r *partnerProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan partnerProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *partnerProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state partnerProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading partner profile")
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()
	p, err := pc.GetProfile(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading partner profile", err)
		return
	}
	state.fromAPI(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *partnerProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan partnerProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *partnerProfileResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	partnerSingletonForget(&resp.Diagnostics, "partner profile")
}

func (r *partnerProfileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != partnerProfileImportID {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The partner profile is a singleton imported with the fixed ID %q, not %q.", partnerProfileImportID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), partnerProfileImportID)...)
}
