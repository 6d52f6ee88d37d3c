package provider

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure      = (*solutionLicenseResource)(nil)
	_ resource.ResourceWithImportState    = (*solutionLicenseResource)(nil)
	_ resource.ResourceWithValidateConfig = (*solutionLicenseResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*solutionLicenseResource)(nil)
)

// partnerPasswordEnv is read at destroy time when the state holds no close_subscription_password
// (write-only values are not available to destroy).
const partnerPasswordEnv = "LIVECHAT_PARTNER_PASSWORD"

var (
	solutionProducts    = []string{"livechat", "chatbot", "helpdesk"}
	solutionPlans       = []string{"starter", "team", "business"}
	solutionCycles      = []string{"monthly", "annual"}
	solutionOrigins     = []string{"client", "partner"}
	solutionOperatorRls = []string{"administrator", "agent", "viewer"}
)

type solutionLicenseResource struct{ resourceBase }

func newSolutionLicenseResource() resource.Resource {
	return &solutionLicenseResource{resourceBase{name: "solution_license"}}
}

type solutionLicenseModel struct {
	ID                     types.String   `tfsdk:"id"`
	LicenseID              types.String   `tfsdk:"license_id"`
	OrganizationID         types.String   `tfsdk:"organization_id"`
	Product                types.String   `tfsdk:"product"`
	ClientName             types.String   `tfsdk:"client_name"`
	ClientEmail            types.String   `tfsdk:"client_email"`
	PaymentOrigin          types.String   `tfsdk:"payment_origin"`
	TrialDuration          types.Int64    `tfsdk:"trial_duration"`
	CouponID               types.Int64    `tfsdk:"coupon_id"`
	PurchaseOrder          types.String   `tfsdk:"purchase_order"`
	Operators              types.Set      `tfsdk:"operators"`
	Subscription           types.Object   `tfsdk:"subscription"`
	ClosePassword          types.String   `tfsdk:"close_subscription_password"`
	ClosePasswordWO        types.String   `tfsdk:"close_subscription_password_wo"`
	ClosePasswordWOVersion types.Int64    `tfsdk:"close_subscription_password_wo_version"`
	Status                 types.String   `tfsdk:"status"`
	Paid                   types.Bool     `tfsdk:"paid"`
	CCAdded                types.Bool     `tfsdk:"cc_added"`
	CreationTimestamp      types.String   `tfsdk:"creation_timestamp"`
	EndTimestamp           types.String   `tfsdk:"end_timestamp"`
	DataCenter             types.String   `tfsdk:"data_center"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

type licenseOperatorModel struct {
	Email types.String `tfsdk:"email"`
	Role  types.String `tfsdk:"role"`
}

type licenseSubscriptionModel struct {
	Plan           types.String `tfsdk:"plan"`
	BillingCycle   types.String `tfsdk:"billing_cycle"`
	Seats          types.Int64  `tfsdk:"seats"`
	TokenWO        types.String `tfsdk:"token_wo"`
	TokenWOVersion types.Int64  `tfsdk:"token_wo_version"`
}

var (
	licenseOperatorType     = types.ObjectType{AttrTypes: map[string]attr.Type{"email": types.StringType, "role": types.StringType}}
	licenseSubscriptionAttr = map[string]attr.Type{
		"plan": types.StringType, "billing_cycle": types.StringType, "seats": types.Int64Type,
		"token_wo": types.StringType, "token_wo_version": types.Int64Type,
	}
)

func (r *solutionLicenseResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A license a Solution Partner creates for a client organization, with its operators and its subscription (Partner API v2 `create_license`, `get_license_details`, `update_license_details`, `invite_license_operators`, `create_subscription`, `update_subscription`, `close_subscription`, `update_license_billing`). Needs `partner_api_token`.\n\n" +
			"* `client_name` and `purchase_order` are updated in place; the other arguments replace the license.\n" +
			"* `operators` can only be **invited**: adding one sends an invitation; removing one from the configuration only stops tracking it (the plan shows the change, the apply warns) — the user keeps access until removed in the product. Roles cannot be read back from the API.\n" +
			"* `subscription` buys a subscription with a Recurly billing token (`token_wo`, write-only, never stored), changes plan, cycle and seats in place, and replaces the payment method when `token_wo_version` changes. Removing the block closes the subscription at the end of the billing cycle (`expire = false`).\n" +
			"* The API cannot delete a license. **Destroy** closes an open subscription with `expire = true` (the license expires at once), using `close_subscription_password` or, when the state has none, the `" + partnerPasswordEnv + "` environment variable; without a password, or without a subscription, destroy only removes the license from the state, with a warning.\n\n" +
			"Import with `<product>/<license_id>` (e.g. `livechat/104130623`), or `<organization_id>/<product>/<license_id>` to also set `organization_id`, which the API does not return. " +
			"`coupon_id`, operator roles, the passwords and (once the license is paid) `trial_duration` cannot be read back either: after an import they are taken over from the configuration without a replacement.\n\n" +
			"A refresh reads each license with Get License Details: Get Solution Licenses lacks `purchase_order`, `operators`, the subscription's plan, cycle and seats, and `data_center`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep, MarkdownDescription: "`<product>/<license_id>`.",
			},
			"license_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep, MarkdownDescription: "License ID assigned by the product.",
			},
			"organization_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "UUID of the organization (`livechat_solution_organization.id`). Changing it replaces the license. Not readable from the API: after an import by `<product>/<license_id>` the first apply that updates the license takes the configured value over without a replacement.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"product": schema.StringAttribute{
				Required: true, MarkdownDescription: "Product: " + quoted(solutionProducts) + ". Changing it replaces the license.",
				Validators: []validator.String{stringvalidator.OneOf(solutionProducts...)}, PlanModifiers: replace,
			},
			"client_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "The client's full name, at least 5 characters. Updated in place.",
				Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(5)},
			},
			"client_email": schema.StringAttribute{
				Required: true, MarkdownDescription: "The client's e-mail; must be the organization owner's e-mail (`client_email` of the organization). Changing it replaces the license.",
				Validators: []validator.String{partnerEmailValidator()}, PlanModifiers: replace,
			},
			"payment_origin": schema.StringAttribute{
				Required: true, MarkdownDescription: "Who manages the subscription: `client` or `partner`. Changing it replaces the license.",
				Validators: []validator.String{stringvalidator.OneOf(solutionOrigins...)}, PlanModifiers: replace,
			},
			"trial_duration": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(14),
				MarkdownDescription: "Days of the trial, 14 (the default) to 30. Changing it replaces the license. " +
					"Readable from the API only while the license has not been paid for (the trial's end tells it; a paid license's end is its billing period's): an import of a paid license leaves it unset, and the first apply that updates the license takes the configured value over without a replacement.",
				Validators:    []validator.Int64{int64validator.Between(14, 30)},
				PlanModifiers: []planmodifier.Int64{requiresReplaceUnlessImportedInt64()},
			},
			"coupon_id": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "A custom coupon parameter of the license. Not readable from the API. Changing it replaces the license; " +
					"after an import, the first apply that updates the license takes the configured value over in place (it is assumed to be the license's), every later change replaces it.",
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers: []planmodifier.Int64{requiresReplaceUnlessImportedInt64()},
			},
			"purchase_order": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "A custom purchase-order reference. Updated in place; empty by default.",
			},
			"operators": schema.SetNestedAttribute{
				Optional: true,
				MarkdownDescription: "Users invited to the license (LiveChat and HelpDesk licenses only). Adding one invites it; removing one does **not** remove the user from the license (the API can only invite): the apply warns and the user keeps access. " +
					"An operator removed in the product disappears from here at the next refresh.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"email": schema.StringAttribute{Required: true, MarkdownDescription: "The user's e-mail.", Validators: []validator.String{partnerEmailValidator()}},
					"role": schema.StringAttribute{
						Required: true, MarkdownDescription: "`administrator`, `agent` (all products) or `viewer` (HelpDesk only). Cannot be read back from the API.",
						Validators: []validator.String{stringvalidator.OneOf(solutionOperatorRls...)},
					},
				}},
			},
			"subscription": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "The paid subscription. Adding the block buys it (needs `token_wo`), changes of `plan`, `billing_cycle` and `seats` update it in place, removing the block closes it at the end of the billing cycle (needs a password, see `close_subscription_password`).",
				Attributes: map[string]schema.Attribute{
					"plan": schema.StringAttribute{Required: true, MarkdownDescription: "Sales plan: " + quoted(solutionPlans) + ".", Validators: []validator.String{stringvalidator.OneOf(solutionPlans...)}},
					"billing_cycle": schema.StringAttribute{
						Required: true, MarkdownDescription: "`monthly` or `annual`.", Validators: []validator.String{stringvalidator.OneOf(solutionCycles...)},
					},
					"seats": schema.Int64Attribute{Required: true, MarkdownDescription: "Number of users, at least 1.", Validators: []validator.Int64{int64validator.AtLeast(1)}},
					"token_wo": schema.StringAttribute{
						Optional: true, Sensitive: true, WriteOnly: true,
						MarkdownDescription: "Recurly billing token (from Recurly's `GET /js/v1/token` with the card details). Write-only: sent when the subscription is created and when `token_wo_version` changes (Update License Billing), never stored. Needs Terraform 1.11 or later.",
					},
					"token_wo_version": schema.Int64Attribute{
						Optional: true, MarkdownDescription: "Change this number to send a new `token_wo` as the license's payment method.",
					},
				},
			},
			"close_subscription_password": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Your Partner Program password, which Close Subscription requires. Stored (sensitive) in the state so that destroy can close the subscription. Alternatives: `close_subscription_password_wo` (used only while applying, e.g. when removing the `subscription` block) and, for destroy, the `" + partnerPasswordEnv + "` environment variable.",
				Validators:          []validator.String{stringvalidator.ConflictsWith(path.MatchRoot("close_subscription_password_wo"))},
			},
			"close_subscription_password_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Write-only alternative to `close_subscription_password` (Terraform 1.11 or later), never stored; available to applies only, not to destroy.",
			},
			"close_subscription_password_wo_version": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Version of `close_subscription_password_wo`; change it together with the password.",
			},
			"status":             schema.StringAttribute{Computed: true, MarkdownDescription: "`trial`, `paid` or `expired`."},
			"paid":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the license is paid."},
			"cc_added":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether a credit card was added."},
			"creation_timestamp": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Creation time, `YYYY-MM-DD HH:MM:SS`."},
			"end_timestamp":      schema.StringAttribute{Computed: true, MarkdownDescription: "End of the trial or of the paid period, `YYYY-MM-DD HH:MM:SS`."},
			"data_center":        schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Region of the license (`dal` or `fra`)."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ValidateConfig checks the combinations the API documents: operators only for LiveChat and
// HelpDesk, the viewer role only for HelpDesk.
func (r *solutionLicenseResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var product types.String
	var ops types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("product"), &product)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("operators"), &ops)...)
	if resp.Diagnostics.HasError() || !known(product) || !known(ops) {
		return
	}
	if product.ValueString() == "chatbot" && len(ops.Elements()) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("operators"), "Operators not supported",
			"The API invites operators to livechat and helpdesk licenses only; remove operators from this chatbot license.")
		return
	}
	var list []licenseOperatorModel
	resp.Diagnostics.Append(ops.ElementsAs(ctx, &list, false)...)
	for _, o := range list {
		if o.Role.ValueString() == "viewer" && product.ValueString() != "helpdesk" {
			resp.Diagnostics.AddAttributeError(path.Root("operators"), "Invalid operator role",
				fmt.Sprintf("Operator %s: the role viewer exists for helpdesk licenses only; use administrator or agent.", o.Email.ValueString()))
		}
	}
}

func (m *solutionLicenseModel) operators(ctx context.Context, diags *diag.Diagnostics) []licenseOperatorModel {
	var out []licenseOperatorModel
	if known(m.Operators) {
		diags.Append(m.Operators.ElementsAs(ctx, &out, false)...)
	}
	return out
}

func (m *solutionLicenseModel) subscription(ctx context.Context, diags *diag.Diagnostics) *licenseSubscriptionModel {
	if !known(m.Subscription) {
		return nil
	}
	var s licenseSubscriptionModel
	diags.Append(m.Subscription.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	return &s
}

func subscriptionValue(ctx context.Context, s *licenseSubscriptionModel, diags *diag.Diagnostics) types.Object {
	if s == nil {
		return types.ObjectNull(licenseSubscriptionAttr)
	}
	s.TokenWO = types.StringNull() // write-only: never in the state
	v, d := types.ObjectValueFrom(ctx, licenseSubscriptionAttr, s)
	diags.Append(d...)
	return v
}

// fromAPI sets what the license details tell; operators keep only the tracked ones the API still
// lists, the subscription follows the license's plan while the license is paid.
func (m *solutionLicenseModel) fromAPI(ctx context.Context, d *partner.LicenseDetails, imported bool, diags *diag.Diagnostics) {
	m.LicenseID = types.StringValue(d.License)
	m.ID = types.StringValue(m.Product.ValueString() + "/" + d.License)
	m.ClientName = types.StringValue(d.ClientName)
	m.ClientEmail = types.StringValue(d.ClientEmail)
	m.PaymentOrigin = types.StringValue(d.PaymentOrigin)
	m.Status = types.StringValue(d.Status)
	m.Paid = types.BoolValue(d.Paid)
	m.CCAdded = types.BoolValue(d.CCAdded)
	m.CreationTimestamp = types.StringValue(d.CreationTimestamp)
	m.EndTimestamp = types.StringValue(d.EndTimestamp)
	m.PurchaseOrder = types.StringValue(d.PurchaseOrder)
	m.DataCenter = types.StringValue(d.DataCenter)
	// The trial's length shows only while the license has not been paid for (its end is then the
	// trial's); otherwise it stays unknown rather than guessed (an import takes the configured one).
	if days := partnerDays(d.CreationTimestamp, d.EndTimestamp); !known(m.TrialDuration) && !d.Paid && days >= 14 && days <= 30 {
		m.TrialDuration = types.Int64Value(days)
	}
	if known(m.Operators) {
		invited := map[string]bool{}
		for _, a := range d.InvitedAgents {
			invited[strings.ToLower(a.Email)] = true
		}
		var kept []licenseOperatorModel
		for _, o := range m.operators(ctx, diags) {
			if invited[strings.ToLower(o.Email.ValueString())] {
				kept = append(kept, o)
			}
		}
		v, dg := types.SetValueFrom(ctx, licenseOperatorType, kept)
		diags.Append(dg...)
		if len(kept) == 0 && len(m.Operators.Elements()) > 0 {
			v = types.SetValueMust(licenseOperatorType, []attr.Value{})
		}
		m.Operators = v
	}
	sub := m.subscription(ctx, diags)
	// A subscription is open until the license expires: the status need not be paid at once (the
	// reference does not promise it).
	open := d.Status != "expired" && d.Plan != ""
	switch {
	case sub != nil && !open:
		sub = nil // closed or expired outside Terraform
	case sub != nil:
		sub.Plan, sub.BillingCycle, sub.Seats = types.StringValue(d.Plan), types.StringValue(d.BillingCycle), types.Int64Value(d.Seats)
	case imported && open:
		sub = &licenseSubscriptionModel{Plan: types.StringValue(d.Plan), BillingCycle: types.StringValue(d.BillingCycle),
			Seats: types.Int64Value(d.Seats), TokenWOVersion: types.Int64Null()}
	}
	m.Subscription = subscriptionValue(ctx, sub, diags)
}

// configString reads a write-only (or any) string from the configuration; "" when absent.
func configString(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics, p path.Path) string {
	var v types.String
	if d := get(ctx, p, &v); d.HasError() || !known(v) {
		return ""
	}
	return v.ValueString()
}

// ModifyPlan refuses, at plan time, a subscription that would be bought
// without a billing token: the block is new (the license or the subscription
// is created) and subscription.token_wo is null in the configuration. An
// unknown token (from a value known only at apply) is let through.
func (r *solutionLicenseResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var planSub, stateSub types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("subscription"), &planSub)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("subscription"), &stateSub)...)
	}
	if resp.Diagnostics.HasError() || !known(planSub) || known(stateSub) {
		return
	}
	var cfgSub types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("subscription"), &cfgSub)...)
	if !known(cfgSub) {
		return
	}
	if token, ok := cfgSub.Attributes()["token_wo"].(types.String); ok && token.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("subscription").AtName("token_wo"), "Missing billing token",
			"Buying a subscription needs a Recurly billing token: set subscription.token_wo (write-only, Terraform 1.11+), e.g. from a variable marked ephemeral. Without a subscription block the license is created on trial.")
	}
}

// subscriptionToken is subscription.token_wo from the configuration.
func subscriptionToken(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics) string {
	var sub types.Object
	if d := get(ctx, path.Root("subscription"), &sub); d.HasError() || !known(sub) {
		return ""
	}
	if v, ok := sub.Attributes()["token_wo"].(types.String); ok && known(v) {
		return v.ValueString()
	}
	return ""
}

// awaitLicense polls Get License Details until they show what ok wants. A license this run
// created (created: when its create began; zero for one that existed before the write) is read,
// with coalescing on, only once the list of licenses created that day shows it
// (shownOnceListed): the waits of concurrent license creates share one list per poll instead of
// reading each license's details. The list alone cannot end the wait: it lacks the purchase
// order, operators and plan.
func (r *solutionLicenseResource) awaitLicense(ctx context.Context, pc *partner.Client, product, id string, created time.Time, ok func(*partner.LicenseDetails) bool) (*partner.LicenseDetails, error) {
	get := func(ctx context.Context) (*partner.LicenseDetails, error) { return pc.GetLicense(ctx, product, id) }
	check := shownBy(get, ok)
	if !created.IsZero() && pc.Core().Coalescing() {
		check = shownOnceListed(get, ok, listedByPoll(created, func(ctx context.Context, since time.Time) (*partner.License, time.Time, error) {
			return pollListedLicense(ctx, pc, product, id, created, since)
		}))
	}
	return awaitValue(ctx, "license "+product+"/"+id, check)
}

// awaitExpired polls until the license shows expired. The list of licenses created on its
// creation day (created, from the state; zero if unknown) carries the status: with coalescing on,
// the waits of concurrent destroys share it, one list per poll; otherwise the details are read.
func (r *solutionLicenseResource) awaitExpired(ctx context.Context, pc *partner.Client, product, id string, created time.Time) error {
	if created.IsZero() || !pc.Core().Coalescing() {
		_, err := r.awaitLicense(ctx, pc, product, id, time.Time{}, func(d *partner.LicenseDetails) bool { return d.Status == "expired" })
		return err
	}
	_, err := awaitValue(ctx, "license "+product+"/"+id, shownByPoll(time.Now(), func(ctx context.Context, since time.Time) (*partner.License, time.Time, error) {
		return pollListedLicense(ctx, pc, product, id, created, since)
	}, func(_ context.Context, l *partner.License) bool { return l.Status == "expired" }))
	return err
}

// pollListedLicense is license id as the list of licenses created on created's day, fetched at or
// after since, shows it (not found when it does not), and the since of the next poll.
func pollListedLicense(ctx context.Context, pc *partner.Client, product, id string, created, since time.Time) (*partner.License, time.Time, error) {
	licenses, started, err := pc.ListLicensesCreatedAfter(ctx, created, since)
	return pick(licenses, started, err, func(l *partner.License) bool { return l.License == id && l.Product == product },
		notListed(client.Partner, "get_solution_licenses", client.ErrTypeNotFound, "license "+product+"/"+id))
}

// inviteOperators invites ops; an operator already invited (409) is fine, any other per-operator
// failure is an error naming the operator.
func inviteOperators(ctx context.Context, pc *partner.Client, product, id string, ops []licenseOperatorModel) error {
	if len(ops) == 0 {
		return nil
	}
	in := make([]partner.Operator, 0, len(ops))
	for _, o := range ops {
		in = append(in, partner.Operator{Email: o.Email.ValueString(), Role: o.Role.ValueString()})
	}
	res, err := pc.InviteOperators(ctx, product, id, in)
	if err != nil {
		return err
	}
	var bad []string
	for _, r := range res {
		if r.StatusCode != 200 && r.StatusCode != 409 {
			bad = append(bad, fmt.Sprintf("%s (HTTP %d)", r.Operator, r.StatusCode))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("the API refused to invite %s; check the e-mail addresses and roles (viewer exists for helpdesk only)", strings.Join(bad, ", "))
	}
	return nil
}

func operatorEmails(ops []licenseOperatorModel) []string {
	var out []string
	for _, o := range ops {
		out = append(out, strings.ToLower(o.Email.ValueString()))
	}
	sort.Strings(out)
	return out
}

func hasOperators(d *partner.LicenseDetails, ops []licenseOperatorModel) bool {
	invited := map[string]bool{}
	for _, a := range d.InvitedAgents {
		invited[strings.ToLower(a.Email)] = true
	}
	for _, e := range operatorEmails(ops) {
		if !invited[e] {
			return false
		}
	}
	return true
}

// matches reports whether the license details show every known value of m that a write sends:
// client name, purchase order, invited operators, subscription terms.
func (m *solutionLicenseModel) matches(ctx context.Context, d *partner.LicenseDetails, diags *diag.Diagnostics) bool {
	return (!known(m.ClientName) || d.ClientName == m.ClientName.ValueString()) &&
		(!known(m.PurchaseOrder) || d.PurchaseOrder == m.PurchaseOrder.ValueString()) &&
		hasOperators(d, m.operators(ctx, diags)) && subscriptionMatches(d, m.subscription(ctx, diags))
}

func subscriptionMatches(d *partner.LicenseDetails, s *licenseSubscriptionModel) bool {
	if s == nil {
		return true
	}
	return d.Status != "expired" && d.Plan == s.Plan.ValueString() && d.BillingCycle == s.BillingCycle.ValueString() && d.Seats == s.Seats.ValueInt64()
}

func (r *solutionLicenseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan solutionLicenseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Creating license")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	product, org := plan.Product.ValueString(), plan.OrganizationID.ValueString()
	in := partner.LicenseCreate{
		ClientName: plan.ClientName.ValueString(), ClientEmail: plan.ClientEmail.ValueString(),
		PaymentOrigin: plan.PaymentOrigin.ValueString(), TrialDuration: plan.TrialDuration.ValueInt64(),
		PurchaseOrder: plan.PurchaseOrder.ValueString(),
	}
	if known(plan.CouponID) {
		in.CouponID = plan.CouponID.ValueInt64Pointer()
	}
	sub := plan.subscription(ctx, &resp.Diagnostics)
	token := subscriptionToken(ctx, req.Config.GetAttribute)
	if sub != nil && token == "" {
		resp.Diagnostics.AddAttributeError(path.Root("subscription").AtName("token_wo"), "Missing billing token",
			"Creating a subscription needs a Recurly billing token: set subscription.token_wo (write-only, Terraform 1.11+).")
		return
	}
	// Every list the wait reads was fetched after this write began.
	created := time.Now()
	// An organization created a moment ago answers 404 until it has propagated.
	id, err := retryWhilePending(ctx, "creating "+product+" license in organization "+org, client.IsNotFound, func(ctx context.Context) (string, error) {
		return pc.CreateLicense(ctx, org, product, in)
	})
	if client.IsAlreadyExists(err) {
		addAPIError(&resp.Diagnostics, "Creating license", fmt.Errorf("%w\n\nAn organization has at most one license per product; import the existing one with: terraform import livechat_solution_license.<name> %s/<license_id>", err, product))
		return
	}
	if err == nil && id == "" {
		// Proven created by a 409 after an unclear attempt, not visible yet: its id is looked for
		// past an interrupt too (for up to request_timeout), so that the license reaches the state.
		finishing, done := r.data.core.Finishing(ctx)
		defer done()
		id, err = awaitValue(finishing, "finding the "+product+" license of organization "+org, func(ctx context.Context) (string, bool, error) {
			id, err := pc.FindLicense(ctx, org, product)
			return id, id != "", err
		})
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating "+product+" license in organization "+org, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), product+"/"+id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("license_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("product"), product)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_id"), org)...)

	ops := plan.operators(ctx, &resp.Diagnostics)
	if err := inviteOperators(ctx, pc, product, id, ops); err != nil {
		addAPIError(&resp.Diagnostics, "Inviting operators to license "+id, err)
		return
	}
	if sub != nil {
		s := partner.Subscription{Plan: sub.Plan.ValueString(), BillingCycle: sub.BillingCycle.ValueString(), Seats: sub.Seats.ValueInt64()}
		if err := pc.CreateSubscription(ctx, product, id, token, s); err != nil {
			addAPIError(&resp.Diagnostics, "Creating the subscription of license "+id, err)
			return
		}
	}
	d, err := r.awaitLicense(ctx, pc, product, id, created, func(d *partner.LicenseDetails) bool {
		return plan.matches(ctx, d, &resp.Diagnostics)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for license "+id, err)
		return
	}
	plan.fromAPI(ctx, d, false, &resp.Diagnostics)
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *solutionLicenseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state solutionLicenseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading license")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	product, id := state.Product.ValueString(), state.LicenseID.ValueString()
	d, err := pc.GetLicense(ctx, product, id)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, product+"/"+id, "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading license "+product+"/"+id, err)
		return
	}
	state.fromAPI(ctx, d, wasImported(ctx, req.Private) && !known(state.Subscription), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// closePassword is the Close Subscription password available to an apply.
func closePassword(ctx context.Context, m *solutionLicenseModel, get func(context.Context, path.Path, any) diag.Diagnostics) string {
	if known(m.ClosePassword) && m.ClosePassword.ValueString() != "" {
		return m.ClosePassword.ValueString()
	}
	if get != nil {
		if pw := configString(ctx, get, path.Root("close_subscription_password_wo")); pw != "" {
			return pw
		}
	}
	return os.Getenv(partnerPasswordEnv)
}

func (r *solutionLicenseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want solutionLicenseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Updating license")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	product, id := state.Product.ValueString(), state.LicenseID.ValueString()
	plan.LicenseID, plan.ID = state.LicenseID, state.ID
	name, po := plan.ClientName.ValueString(), plan.PurchaseOrder.ValueString()
	if !plan.ClientName.Equal(state.ClientName) || !plan.PurchaseOrder.Equal(state.PurchaseOrder) {
		if err := pc.UpdateLicense(ctx, product, id, name, po); err != nil {
			addAPIError(&resp.Diagnostics, "Updating license "+product+"/"+id, err)
			return
		}
	}

	// Operators: invite the new ones; removed ones can only be forgotten.
	planOps, stateOps := plan.operators(ctx, &resp.Diagnostics), state.operators(ctx, &resp.Diagnostics)
	had := map[string]bool{}
	for _, e := range operatorEmails(stateOps) {
		had[e] = true
	}
	var added []licenseOperatorModel
	keep := map[string]bool{}
	for _, o := range planOps {
		e := strings.ToLower(o.Email.ValueString())
		keep[e] = true
		if !had[e] {
			added = append(added, o)
		}
	}
	var removed []string
	for _, e := range operatorEmails(stateOps) {
		if !keep[e] {
			removed = append(removed, e)
		}
	}
	if len(removed) > 0 {
		resp.Diagnostics.AddWarning("Operators not removed from the license",
			fmt.Sprintf("The Partner API can only invite operators. %s no longer tracked by Terraform but keep their access to license %s until removed in the product.", strings.Join(removed, ", "), id))
	}
	if err := inviteOperators(ctx, pc, product, id, added); err != nil {
		addAPIError(&resp.Diagnostics, "Inviting operators to license "+id, err)
		return
	}

	// Subscription: create, update, replace the payment method, or close.
	newSub, oldSub := plan.subscription(ctx, &resp.Diagnostics), state.subscription(ctx, &resp.Diagnostics)
	token := subscriptionToken(ctx, req.Config.GetAttribute)
	switch {
	case newSub != nil && oldSub == nil:
		if token == "" {
			resp.Diagnostics.AddAttributeError(path.Root("subscription").AtName("token_wo"), "Missing billing token",
				"Creating a subscription needs a Recurly billing token: set subscription.token_wo (write-only, Terraform 1.11+).")
			return
		}
		s := partner.Subscription{Plan: newSub.Plan.ValueString(), BillingCycle: newSub.BillingCycle.ValueString(), Seats: newSub.Seats.ValueInt64()}
		if err := pc.CreateSubscription(ctx, product, id, token, s); err != nil {
			addAPIError(&resp.Diagnostics, "Creating the subscription of license "+id, err)
			return
		}
	case newSub != nil && oldSub != nil:
		if !newSub.Plan.Equal(oldSub.Plan) || !newSub.BillingCycle.Equal(oldSub.BillingCycle) || !newSub.Seats.Equal(oldSub.Seats) {
			s := partner.Subscription{Plan: newSub.Plan.ValueString(), BillingCycle: newSub.BillingCycle.ValueString(), Seats: newSub.Seats.ValueInt64()}
			if err := pc.UpdateSubscription(ctx, product, id, s); err != nil {
				addAPIError(&resp.Diagnostics, "Updating the subscription of license "+id, err)
				return
			}
		} else {
			want.Subscription = types.ObjectUnknown(licenseSubscriptionAttr) // a new payment method only: nothing to see
		}
		if !newSub.TokenWOVersion.Equal(oldSub.TokenWOVersion) && known(newSub.TokenWOVersion) {
			if token == "" {
				resp.Diagnostics.AddAttributeError(path.Root("subscription").AtName("token_wo"), "Missing billing token",
					"token_wo_version changed: set subscription.token_wo to the new Recurly billing token.")
				return
			}
			if err := pc.UpdateLicenseBilling(ctx, product, id, token); err != nil {
				addAPIError(&resp.Diagnostics, "Updating the payment method of license "+id, err)
				return
			}
		}
	case newSub == nil && oldSub != nil:
		pw := closePassword(ctx, &plan, req.Config.GetAttribute)
		if pw == "" {
			resp.Diagnostics.AddAttributeError(path.Root("close_subscription_password"), "Missing password",
				"Closing the subscription needs your Partner Program password: set close_subscription_password or close_subscription_password_wo (or the "+partnerPasswordEnv+" environment variable).")
			return
		}
		err := pc.CloseSubscription(ctx, product, id, pw, false)
		if client.ErrorType(err) == client.ErrTypeAuthorization {
			addAPIError(&resp.Diagnostics, "Closing the subscription of license "+id, fmt.Errorf("%w\n\nThe API refused the Partner Program password; check close_subscription_password", err))
			return
		}
		if err != nil && !client.IsAlreadyExists(err) { // 409: no open subscription, nothing to close
			addAPIError(&resp.Diagnostics, "Closing the subscription of license "+id, err)
			return
		}
	}
	d, err := r.awaitLicense(ctx, pc, product, id, time.Time{}, func(d *partner.LicenseDetails) bool {
		return want.matches(ctx, d, &resp.Diagnostics)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for license "+id, err)
		return
	}
	plan.fromAPI(ctx, d, false, &resp.Diagnostics)
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
	clearImported(ctx, resp)
}

func (r *solutionLicenseResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state solutionLicenseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	product, id := state.Product.ValueString(), state.LicenseID.ValueString()
	if !known(state.Subscription) {
		resp.Diagnostics.AddWarning("License "+product+"/"+id+" was not deleted",
			"The Partner API has no way to delete a license. It was removed from the Terraform state only; a trial ends by itself at its end_timestamp.")
		return
	}
	pw := closePassword(ctx, &state, nil)
	if pw == "" {
		resp.Diagnostics.AddWarning("Subscription of license "+product+"/"+id+" left open",
			"Destroy closes the subscription only with your Partner Program password (close_subscription_password, or the "+partnerPasswordEnv+" environment variable; write-only values are not available to destroy). "+
				"The license was removed from the Terraform state only, and its subscription keeps renewing: close it in the Partner App.")
		return
	}
	pc := partnerClient(r.data, &resp.Diagnostics, "Closing subscription")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	err := pc.CloseSubscription(ctx, product, id, pw, true)
	switch {
	case client.ErrorType(err) == client.ErrTypeAuthorization:
		addAPIError(&resp.Diagnostics, "Closing the subscription of license "+id, fmt.Errorf("%w\n\nThe API refused the Partner Program password; fix close_subscription_password (or %s) and destroy again", err, partnerPasswordEnv))
		return
	case client.IsNotFound(err):
		return
	case client.IsAlreadyExists(err): // 409: no open subscription (closed elsewhere)
		resp.Diagnostics.AddWarning("License "+product+"/"+id+" was not deleted",
			"The license has no open subscription to close, and the Partner API cannot delete licenses. It was removed from the Terraform state only.")
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "Closing the subscription of license "+id, err)
		return
	}
	created, _ := time.Parse(partner.TimestampFormat, state.CreationTimestamp.ValueString())
	if err := r.awaitExpired(ctx, pc, product, id, created); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Waiting for license "+id+" to expire", err)
		return
	}
	resp.Diagnostics.AddWarning("License "+product+"/"+id+" expired, not deleted",
		"The subscription was closed and the license expired at once. The Partner API cannot delete licenses: it stays listed in the Partner App as expired.")
}

func (r *solutionLicenseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.importByID(ctx, req, resp) {
		return
	}
	var product, license string
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("product"), &product)...)
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("license_id"), &license)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), product+"/"+license)...)
	markImported(ctx, resp)
}
