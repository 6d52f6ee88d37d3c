package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

const partnerBillingImportID = "partner_billing"

var partnerBillingTypes = []string{"business", "individual"}

func newPartnerBillingResource() resource.Resource {
	return &partnerSingleton[partnerBillingModel, partner.Billing, partner.Billing]{
		resourceBase: resourceBase{name: partnerBillingImportID}, forgotten: "partner billing information",
		schema: partnerBillingSchema, fromAPI: (*partnerBillingModel).fromAPI, toAPI: (*partnerBillingModel).toAPI,
		get: (*partner.Client).GetBilling, update: (*partner.Client).UpdateBilling,
		// Update Billing replaces every field: a read shows the plan when it equals it (state only
		// when the answer shows it: the Get Billing example does not).
		shows: func(m *partnerBillingModel, b *partner.Billing) bool {
			got, want := *b, m.toAPI()
			shownState := got.State == nil || *got.State == stringOrEmptyPtr(want.State)
			got.State, want.State = nil, nil
			return shownState && got == want
		},
	}
}

type partnerBillingModel struct {
	ID       types.String   `tfsdk:"id"`
	Type     types.String   `tfsdk:"type"`
	Company  types.String   `tfsdk:"company"`
	Address  types.String   `tfsdk:"address"`
	City     types.String   `tfsdk:"city"`
	Country  types.String   `tfsdk:"country"`
	PayPal   types.String   `tfsdk:"paypal"`
	ZipCode  types.String   `tfsdk:"zip_code"`
	VAT      types.String   `tfsdk:"vat"`
	State    types.String   `tfsdk:"state"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func partnerBillingSchema(ctx context.Context) schema.Schema {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	optional := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""), MarkdownDescription: desc + " Empty by default: Update Billing replaces every field, so an unset one is cleared."}
	}
	return schema.Schema{
		MarkdownDescription: "The partner's billing (payout) information (Partner API v2 `get_billing`, `update_billing`): a singleton. Needs `partner_api_token`.\n\n" +
			"Creating the resource adopts the billing information and replaces it with the configured values; destroying it only removes it from the Terraform state, with a warning (the API cannot delete it). " +
			"Import with the fixed ID `" + partnerBillingImportID + "`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}, MarkdownDescription: "Always `" + partnerBillingImportID + "`."},
			"type": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(partnerBillingTypes...)},
				MarkdownDescription: "`business` or `individual`."},
			"company":  schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "Company name (business) or full name (individual)."},
			"address":  schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "Street address."},
			"city":     schema.StringAttribute{Required: true, Validators: nonEmpty, MarkdownDescription: "City."},
			"country":  schema.StringAttribute{Required: true, Validators: []validator.String{partnerCountryValidator()}, MarkdownDescription: "Two-letter country code in capitals, e.g. `US`."},
			"paypal":   schema.StringAttribute{Required: true, Validators: []validator.String{partnerEmailValidator()}, MarkdownDescription: "PayPal login (e-mail) payouts go to."},
			"zip_code": optional("ZIP / postal code."),
			"vat":      optional("VAT number."),
			"state":    optional("State or region. The Get Billing example does not show it: when an answer leaves it out, the configured value is kept (a change made outside Terraform cannot be seen)."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (m *partnerBillingModel) toAPI() partner.Billing {
	return partner.Billing{
		Type: m.Type.ValueString(), Company: m.Company.ValueString(), Address: m.Address.ValueString(), City: m.City.ValueString(),
		Country: m.Country.ValueString(), PayPal: m.PayPal.ValueString(), ZipCode: m.ZipCode.ValueString(),
		VAT: m.VAT.ValueString(), State: nonEmptyPtr(m.State),
	}
}

func (m *partnerBillingModel) fromAPI(b *partner.Billing) {
	m.ID = types.StringValue(partnerBillingImportID)
	m.Type, m.Company, m.Address, m.City = types.StringValue(b.Type), types.StringValue(b.Company), types.StringValue(b.Address), types.StringValue(b.City)
	m.Country, m.PayPal, m.ZipCode = types.StringValue(b.Country), types.StringValue(b.PayPal), types.StringValue(b.ZipCode)
	m.VAT = types.StringValue(b.VAT)
	if b.State != nil || !known(m.State) {
		m.State = types.StringValue(stringOrEmptyPtr(b.State)) // unknown before: not shown reads as unset
	}
}
