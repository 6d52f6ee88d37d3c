package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure   = (*campaignResource)(nil)
	_ resource.ResourceWithImportState = (*campaignResource)(nil)
)

// campaignProducts are the products of Create Campaign.
var campaignProducts = []string{"livechat", "chatbot", "helpdesk", "partner_program"}

// campaignHomepages are the default landing pages ("default: product homepage").
var campaignHomepages = map[string]string{
	"livechat": "https://www.livechat.com/", "chatbot": "https://www.chatbot.com/",
	"helpdesk": "https://www.helpdesk.com/", "partner_program": "https://partners.livechat.com/",
}

type campaignResource struct{ resourceBase }

func newCampaignResource() resource.Resource {
	return &campaignResource{resourceBase{name: "campaign"}}
}

type campaignModel struct {
	ID                types.Int64    `tfsdk:"id"`
	Product           types.String   `tfsdk:"product"`
	Name              types.String   `tfsdk:"name"`
	Link              types.String   `tfsdk:"link"`
	TrialDuration     types.Int64    `tfsdk:"trial_duration"`
	CouponID          types.Int64    `tfsdk:"coupon_id"`
	Slug              types.String   `tfsdk:"slug"`
	URL               types.String   `tfsdk:"url"`
	ShortURL          types.String   `tfsdk:"short_url"`
	Discount          types.String   `tfsdk:"discount"`
	CreationTimestamp types.String   `tfsdk:"creation_timestamp"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func (r *campaignResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	computed := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An affiliate campaign of the Partner Program (Partner API v2 `create_campaign`, `disable_campaign`; read through `search_campaigns` and `get_campaigns`). Needs `partner_api_token`.\n\n" +
			"The API cannot update a campaign: changing any argument replaces it (the old one is disabled, a new one created). " +
			"Destroying a campaign **disables** it (the API keeps disabled campaigns; they are listed as `archived`/`disabled`).\n\n" +
			"The create answer carries no campaign ID. The provider finds the new campaign with Search Campaigns (state `active`, a `slug` filter): " +
			"the slug is `pp_` plus the name in lower case with other characters than letters and digits turned into `-`, and no two *active* campaigns may share a slug " +
			"(the API answers 409; disable the other one or choose another name). The same lookup settles an ambiguous failure of the create call, so it is never sent twice.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Campaign ID (from Search Campaigns); the import ID.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"product": schema.StringAttribute{
				Required: true, MarkdownDescription: "Product the campaign promotes: " + quoted(campaignProducts) + ". Changing it replaces the campaign.",
				Validators: []validator.String{stringvalidator.OneOf(campaignProducts...)}, PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Campaign name, 5 to 100 characters. The slug is derived from it. Changing it replaces the campaign.",
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(5, 100)}, PlanModifiers: replace,
			},
			"link": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "URL of the product landing page the campaign links to. Default: the product's homepage (e.g. `https://www.livechat.com/`). Changing it replaces the campaign.",
				Validators:          []validator.String{partnerURLValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"trial_duration": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(14),
				MarkdownDescription: "Days of the trial period of licenses from this campaign, 14 (the default) to 30. Changing it replaces the campaign. " +
					"Read from Get Campaigns, matched to the campaign by slug and creation time: when no entry matches, an import leaves it unset and the configured value is taken over without a replacement.",
				Validators:    []validator.Int64{int64validator.Between(14, 30)},
				PlanModifiers: []planmodifier.Int64{requiresReplaceUnlessImportedInt64()},
			},
			"coupon_id": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "ID of one of the partner's coupons (see the `livechat_partner_coupons` data source); its discount applies to licenses from this campaign. Changing it replaces the campaign.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}, PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"slug":               schema.StringAttribute{Computed: true, PlanModifiers: computed, MarkdownDescription: "URL-friendly campaign name with the `pp_` prefix, used as `utm_campaign`."},
			"url":                schema.StringAttribute{Computed: true, PlanModifiers: computed, MarkdownDescription: "Tracking URL of the campaign."},
			"short_url":          schema.StringAttribute{Computed: true, PlanModifiers: computed, MarkdownDescription: "Short tracking URL (`https://lc.chat/...`)."},
			"discount":           schema.StringAttribute{Computed: true, PlanModifiers: computed, MarkdownDescription: "Label of the coupon's discount, empty without a coupon."},
			"creation_timestamp": schema.StringAttribute{Computed: true, PlanModifiers: computed, MarkdownDescription: "Creation time, `YYYY-MM-DD HH:MM:SS` (UTC)."},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// fromAPI sets the model from a campaign; coupon_id is found from the discount label.
func (m *campaignModel) fromAPI(ctx context.Context, pc *partner.Client, cp *partner.Campaign) error {
	m.ID = types.Int64Value(cp.ID)
	m.Product = types.StringValue(cp.Product)
	m.Name = types.StringValue(cp.Name)
	m.Slug = types.StringValue(cp.Slug)
	m.CreationTimestamp = types.StringValue(cp.CreationTimestamp)
	if cp.Link != "" {
		m.Link = types.StringValue(cp.Link)
	}
	// Get Campaigns may lag behind Search Campaigns; keep what is known.
	if cp.URL != "" || !known(m.URL) {
		m.URL = types.StringValue(cp.URL)
		m.ShortURL = types.StringValue(cp.ShortURL)
		m.Discount = types.StringValue(cp.Discount)
		if cp.TrialDuration > 0 {
			m.TrialDuration = types.Int64Value(cp.TrialDuration)
		}
	}
	label := cp.Discount
	if label == "" {
		label = cp.Offer
	}
	if label == "" {
		m.CouponID = types.Int64Null()
		return nil
	}
	if known(m.CouponID) {
		return nil
	}
	coupons, err := pc.GetCoupons(ctx)
	if err != nil {
		return err
	}
	for _, c := range coupons {
		if c.Label == label {
			m.CouponID = types.Int64Value(c.ID)
		}
	}
	return nil
}

func (r *campaignResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan campaignModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Creating campaign")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in := partner.CampaignCreate{
		Product: plan.Product.ValueString(), Name: plan.Name.ValueString(), Link: plan.Link.ValueString(),
		TrialDuration: plan.TrialDuration.ValueInt64(),
	}
	if !known(plan.Link) {
		in.Link = campaignHomepages[in.Product]
	}
	if known(plan.CouponID) {
		in.CouponID = plan.CouponID.ValueInt64Pointer()
	}
	since := time.Now() // every poll of the wait reads a list fetched after this write began
	created, err := pc.CreateCampaign(ctx, in)
	if client.IsAlreadyExists(err) {
		addAPIError(&resp.Diagnostics, "Creating campaign "+in.Name, fmt.Errorf("%w\n\nAn active campaign already has the slug %s (derived from the name). Choose another name, or import the existing campaign: terraform import livechat_campaign.<name> <id>", err, partner.CampaignSlug(in.Name)))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating campaign "+in.Name, err)
		return
	}
	// The answer has no id: wait until Search Campaigns shows the active campaign with this slug,
	// past an interrupt too (for up to request_timeout), so that the campaign reaches the state.
	// The waits of the run's concurrent campaign writes share each poll's list.
	finishing, done := r.data.core.Finishing(ctx)
	defer done()
	listed := func(cp *partner.Campaign) bool { return cp.Slug == created.Slug && cp.URL != "" }
	got, err := awaitValue(finishing, "campaign "+created.Slug, shownByPoll(since, func(ctx context.Context, since time.Time) (*partner.Campaign, time.Time, error) {
		return pollActiveCampaign(ctx, pc, since, listed, "active campaign "+created.Slug)
	}, func(context.Context, *partner.Campaign) bool { return true }))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for campaign "+created.Slug, fmt.Errorf("%w\n\nThe campaign was created but is not tracked yet; once it is listed, import it by its ID (see the livechat_partner_campaigns data source)", err))
		return
	}
	// Saved first: if what follows fails, the campaign is still tracked.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), got.ID)...)
	if err := plan.fromAPI(ctx, pc, got); err != nil {
		addAPIError(&resp.Diagnostics, "Reading coupons", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *campaignResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state campaignModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading campaign")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueInt64()
	cp, err := readActiveCampaign(ctx, pc, id) // one list of the active campaigns per run
	if client.IsNotFound(err) || (err == nil && !cp.Active) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, strconv.FormatInt(id, 10), "create it again (a campaign disabled outside Terraform counts as deleted)")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading campaign %d", id), err)
		return
	}
	if err := state.fromAPI(ctx, pc, cp); err != nil {
		addAPIError(&resp.Diagnostics, "Reading coupons", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes the timeouts: every argument requires a replacement.
func (r *campaignResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan campaignModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	clearImported(ctx, resp)
}

func (r *campaignResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state campaignModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Disabling campaign")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueInt64()
	since := time.Now() // every poll of the wait reads a list fetched after this write began
	if err := pc.DisableCampaign(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Disabling campaign %d", id), err)
		return
	}
	// Disabled (or gone) once the active campaigns lack it; the waits of the run's concurrent
	// campaign writes share each poll's list.
	err := awaitConsistent(ctx, fmt.Sprintf("disabling campaign %d", id), goneByPoll(since, func(ctx context.Context, since time.Time) (*partner.Campaign, time.Time, error) {
		return pollActiveCampaign(ctx, pc, since, func(cp *partner.Campaign) bool { return cp.ID == id }, fmt.Sprintf("active campaign %d", id))
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for campaign %d to be disabled", id), err)
	}
}

func (r *campaignResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		markImported(ctx, resp)
	}
}
