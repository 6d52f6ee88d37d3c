package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// partnerProfileImportID is the fixed import ID of the partner profile singleton.
const partnerProfileImportID = "partner_profile"

func newPartnerProfileResource() resource.Resource {
	return &partnerSingleton[partnerProfileModel, partner.Profile, partner.ProfileUpdate]{
		resourceBase: resourceBase{name: partnerProfileImportID}, forgotten: "partner profile",
		schema: partnerProfileSchema, fromAPI: (*partnerProfileModel).fromAPI, toAPI: (*partnerProfileModel).toAPI,
		get: (*partner.Client).GetProfile, update: (*partner.Client).UpdateProfile,
		shows: (*partnerProfileModel).matches,
	}
}

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

func partnerProfileSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	optIn := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, MarkdownDescription: "Opt in (`true`) or out (`false`) of " + what + ". Sent only when set; the API does not return it, so it is kept from the configuration (null after an import)."}
	}
	return schema.Schema{
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
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (m *partnerProfileModel) fromAPI(p *partner.Profile) {
	m.ID = types.StringValue(partnerProfileImportID)
	m.FirstName, m.LastName = types.StringValue(p.FirstName), types.StringValue(p.LastName)
	m.ContactName, m.ContactEmail = types.StringValue(p.ContactName), types.StringValue(p.ContactEmail)
	m.PartnerID, m.Login, m.SolutionStatus = types.StringValue(p.PartnerID), types.StringValue(p.Login), types.StringValue(p.SolutionStatus)
}

// matches leaves out the opt-ins: the API does not return them.
func (m *partnerProfileModel) matches(p *partner.Profile) bool {
	return p.FirstName == m.FirstName.ValueString() && p.LastName == m.LastName.ValueString() &&
		p.ContactName == m.ContactName.ValueString() && p.ContactEmail == m.ContactEmail.ValueString()
}

// toAPI is the Update Profile request; the opt-ins are sent only when set.
func (m *partnerProfileModel) toAPI() partner.ProfileUpdate {
	return partner.ProfileUpdate{
		FirstName: m.FirstName.ValueString(), LastName: m.LastName.ValueString(),
		ContactName: m.ContactName.ValueString(), ContactEmail: m.ContactEmail.ValueString(),
		SendMonthlySummary: m.SendMonthlySummary.ValueBoolPointer(), SendResellerWeeklySummary: m.SendResellerWeeklySummary.ValueBoolPointer(),
		SendNewsletter: m.SendNewsletter.ValueBoolPointer(), SendNotifications: m.SendNotifications.ValueBoolPointer(),
	}
}
