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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure   = (*partnerBillingResource)(nil)
	_ resource.ResourceWithImportState = (*partnerBillingResource)(nil)
)

const partnerBillingImportID = "partner_billing"

var partnerBillingTypes = []string{"business", "individual"}

type partnerBillingResource struct{ data *providerData }

func newPartnerBillingResource() resource.Resource { return &partnerBillingResource{} }

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

func (r *partnerBillingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partner_billing"
}

func (r *partnerBillingResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	optional := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""), MarkdownDescription: desc + " Empty by default: Update Billing replaces every field, so an unset one is cleared."}
	}
	resp.Schema = schema.Schema{
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
			"state":    optional("State or region."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *partnerBillingResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *partnerBillingModel) toAPI() partner.Billing {
	return partner.Billing{
		Type: m.Type.ValueString(), Company: m.Company.ValueString(), Address: m.Address.ValueString(), City: m.City.ValueString(),
		Country: m.Country.ValueString(), PayPal: m.PayPal.ValueString(), ZipCode: m.ZipCode.ValueString(),
		VAT: m.VAT.ValueString(), State: m.State.ValueString(),
	}
}

func (m *partnerBillingModel) fromAPI(b *partner.Billing) {
	m.ID = types.StringValue(partnerBillingImportID)
	m.Type, m.Company, m.Address, m.City = types.StringValue(b.Type), types.StringValue(b.Company), types.StringValue(b.Address), types.StringValue(b.City)
	m.Country, m.PayPal, m.ZipCode = types.StringValue(b.Country), types.StringValue(b.PayPal), types.StringValue(b.ZipCode)
	m.VAT, m.State = types.StringValue(b.VAT), types.StringValue(b.State)
}

func (r *partnerBillingResource) apply(ctx context.Context, plan *partnerBillingModel, diags *partnerDiags) {
	pc := partnerClient(r.data, diags, "Updating partner billing")
	if diags.HasError() {
		return
	}
	want := plan.toAPI()
	if err := pc.UpdateBilling(ctx, want); err != nil {
		addAPIError(diags, "Updating partner billing", err)
		return
	}
	var got *partner.Billing
	err := awaitConsistent(ctx, "partner billing", func(ctx context.Context) (bool, error) {
		b, err := pc.GetBilling(ctx)
		if err != nil {
			return false, err
		}
		got = b
		return *b == want, nil
	})
	if err != nil {
		addAPIError(diags, "Waiting for the partner billing", err)
		return
	}
	plan.fromAPI(got)
}

func (r *partnerBillingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan partnerBillingModel
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

func (r *partnerBillingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state partnerBillingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading partner billing")
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()
	b, err := pc.GetBilling(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading partner billing", err)
		return
	}
	state.fromAPI(b)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *partnerBillingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan partnerBillingModel
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

func (r *partnerBillingResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	partnerSingletonForget(&resp.Diagnostics, "partner billing information")
}

func (r *partnerBillingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != partnerBillingImportID {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The partner billing is a singleton imported with the fixed ID %q, not %q.", partnerBillingImportID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), partnerBillingImportID)...)
}
