package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

var (
	_ resource.ResourceWithConfigure      = (*expertProfileResource)(nil)
	_ resource.ResourceWithImportState    = (*expertProfileResource)(nil)
	_ resource.ResourceWithValidateConfig = (*expertProfileResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*expertProfileResource)(nil)
)

const (
	expertProfileImportID = "expert_profile"
	// expertOutsourcing is the category that needs agents and languages.
	expertOutsourcing = "chat-agent-outsourcing"
)

var (
	expertCategories  = []string{"chat-agent-outsourcing", "custom-development", "product-implementation", "chatbot-building", "training"}
	expertIndustryIDs = []int64{1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49}
	expertAgents      = []string{"1-5", "6-15", "16-30", "31-50", "51+"}
)

type expertProfileResource struct{ resourceBase }

func newExpertProfileResource() resource.Resource {
	return &expertProfileResource{resourceBase{name: "expert_profile"}}
}

type expertProfileModel struct {
	ID               types.String   `tfsdk:"id"`
	Company          types.String   `tfsdk:"company"`
	Phone            types.String   `tfsdk:"phone"`
	Description      types.String   `tfsdk:"description"`
	ShortDescription types.String   `tfsdk:"short_description"`
	Country          types.String   `tfsdk:"country"`
	Website          types.String   `tfsdk:"website"`
	Categories       types.Set      `tfsdk:"categories"`
	IndustryIDs      types.Set      `tfsdk:"industry_ids"`
	Projects         types.List     `tfsdk:"projects"`
	Agents           types.String   `tfsdk:"agents"`
	Languages        types.Set      `tfsdk:"languages"`
	HourRate         types.Int64    `tfsdk:"hour_rate"`
	ProjectRate      types.Int64    `tfsdk:"project_rate"`
	Facebook         types.String   `tfsdk:"facebook"`
	Twitter          types.String   `tfsdk:"twitter"`
	Linkedin         types.String   `tfsdk:"linkedin"`
	ExpertID         types.String   `tfsdk:"expert_id"`
	PartnerID        types.String   `tfsdk:"partner_id"`
	Status           types.String   `tfsdk:"status"`
	Logo             types.String   `tfsdk:"logo"`
	LogoFile         types.String   `tfsdk:"logo_file"`
	LogoSHA256       types.String   `tfsdk:"logo_sha256"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func industryList() string {
	out := ""
	for i, id := range expertIndustryIDs {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("`%d`", id)
	}
	return out
}

func (r *expertProfileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	url := []validator.String{partnerURLValidator()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The partner's Expert profile in the Partner Directory (Partner API v2 `create_expert_profile`, `get_expert_profile`, `update_expert_profile`): a singleton. Needs `partner_api_token`.\n\n" +
			"Creating the resource creates the profile, or adopts an existing one and updates it; destroying it only removes it from the Terraform state, with a warning (the API cannot delete a profile). " +
			"Update Expert Profile replaces the whole profile, so optional arguments left unset are cleared. Import with the fixed ID `" + expertProfileImportID + "`.\n\n" +
			"The category `" + expertOutsourcing + "` needs `agents` and `languages` (the reference names this category `outsourcing-customer-service` in one place; the documented category list has `" + expertOutsourcing + "`).\n\n" +
			"The logo is managed with `logo_file` (Upload Logo): the plan reads the local file, checks it against the API's limits and records its SHA-256 in `logo_sha256`; " +
			"the file is uploaded when that hash differs from the one last uploaded. The URL the API gives the logo is exposed as `logo`.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Always `" + expertProfileImportID + "`."},
			"company":     schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(4)}, MarkdownDescription: "Company name, at least 4 characters."},
			"phone":       schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: "Phone number."},
			"description": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(10)}, MarkdownDescription: "Description shown in the profile details, at least 10 characters."},
			"short_description": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(10)}, MarkdownDescription: "Description shown in the Expert tile, at least 10 characters.",
			},
			"country": schema.StringAttribute{Required: true, Validators: []validator.String{partnerCountryValidator()}, MarkdownDescription: "Two-letter country code in capitals, e.g. `US`."},
			"website": schema.StringAttribute{Required: true, Validators: url, MarkdownDescription: "Website URL."},
			"categories": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "Categories, at least one of " + quoted(expertCategories) + ".",
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(expertCategories...))},
			},
			"industry_ids": schema.SetAttribute{
				ElementType: types.Int64Type, Required: true,
				MarkdownDescription: "Industry specializations, at least one of " + industryList() + " (1 Banks, 4 Financial Services, 7 Government, 10 Healthcare, 13 Education & Universities, 16 Telecommunications, 19 Technology, 22 Media & Entertainment, 25 Travelling, 28 Charities, Foundations & Non-Profits, 31 E-commerce, 34 Medical & Wellness, 37 Hospitality, 40 Real Estate, 43 Automotive, 46 Professional Services, 49 Other).",
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueInt64sAre(int64validator.OneOf(expertIndustryIDs...))},
			},
			"projects": schema.ListAttribute{
				ElementType: types.StringType, Required: true, MarkdownDescription: "URLs of projects, in display order (may be empty).",
				Validators: []validator.List{listvalidator.ValueStringsAre(partnerURLValidator())},
			},
			"agents": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Number of agents: " + quoted(expertAgents) + ". Required with the category `" + expertOutsourcing + "`.",
				Validators: []validator.String{stringvalidator.OneOf(expertAgents...)},
			},
			"languages": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Language codes in capitals, e.g. `EN`. Required (at least one) with the category `" + expertOutsourcing + "`.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(partnerLanguageValidator())},
			},
			"hour_rate":    schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)}, MarkdownDescription: "Minimum hourly rate."},
			"project_rate": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)}, MarkdownDescription: "Minimum project rate."},
			"facebook":     schema.StringAttribute{Optional: true, Validators: url, MarkdownDescription: "URL of the Facebook page. The Get Expert Profile example does not show it: when an answer leaves it out, the configured value is kept (a change made outside Terraform cannot be seen)."},
			"twitter":      schema.StringAttribute{Optional: true, Validators: url, MarkdownDescription: "URL of the Twitter page."},
			"linkedin":     schema.StringAttribute{Optional: true, Validators: url, MarkdownDescription: "URL of the LinkedIn page. The Get Expert Profile example does not show it: when an answer leaves it out, the configured value is kept (a change made outside Terraform cannot be seen)."},
			"expert_id":    schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Expert ID in the Partner Directory."},
			"partner_id":   schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Partner ID."},
			"status":       schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "Verification status, e.g. `verified`."},
			"logo": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "URL of the logo as Get Expert Profile shows it (the URL Upload Logo answers), empty without one. Unknown in a plan that uploads a new `logo_file`.",
			},
			"logo_file": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Path of a local image uploaded as the Expert logo (Partner API Upload Logo). The API takes a `.png` or `.jpg` image of at least " +
					expertLogoSizes + ": the file must be named `.png`, `.jpg` or `.jpeg`, be a PNG or JPEG image of that type (its content sets the `Content-Type` sent) and measure " +
					"350 to 1000 px on each side (the reference does not ask for a square image, so none is required). The file must exist when Terraform plans: the plan checks it " +
					"and reports problems on this attribute. A relative path is resolved from the directory Terraform runs in; write `\"${path.module}/logo.png\"` for a file next to the configuration.\n\n" +
					"The logo is uploaded at create, and afterwards whenever the file's content changes (see `logo_sha256`); renaming or moving a file with the same content uploads nothing. " +
					"Removing `logo_file` leaves the current logo on the profile: the API cannot delete a logo.",
			},
			"logo_sha256": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Hex SHA-256 of the `logo_file` content last uploaded; null without `logo_file`. The plan computes it from the file, so an edited file shows as a change of " +
					"this attribute and the apply uploads it; an unchanged file leaves the plan empty. It is cleared when the profile's `logo` is no longer the URL the upload gave " +
					"(the logo was replaced outside Terraform), so that the next apply uploads the file again.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ModifyPlan reads logo_file, checks it against Upload Logo's limits and plans logo_sha256 as its
// content hash: the logo is uploaded only when that differs from the hash in the state, and
// logo (its URL) is unknown only then.
func (r *expertProfileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var file types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("logo_file"), &file)...)
	stateSum := types.StringNull()
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("logo_sha256"), &stateSum)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case file.IsUnknown():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("logo_sha256"), types.StringUnknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("logo"), types.StringUnknown())...)
	case file.IsNull():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("logo_sha256"), types.StringNull())...)
	default:
		logo, err := readExpertLogo(file.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("logo_file"), "Invalid logo_file", err.Error())
			return
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("logo_sha256"), logo.sum)...)
		if stateSum.IsNull() || stateSum.ValueString() != logo.sum {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("logo"), types.StringUnknown())...)
		}
	}
}

func partnerLanguageValidator() validator.String {
	return stringvalidator.RegexMatches(partnerCountryPattern, "must be a two-letter language code in capitals, such as EN")
}

func expertOpt(v types.String) string { return v.ValueString() }

// ValidateConfig: the outsourcing category needs agents and languages.
func (r *expertProfileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m expertProfileModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !known(m.Categories) || !slices.Contains(stringsFrom(m.Categories), expertOutsourcing) {
		return
	}
	if m.Agents.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("agents"), "Missing agents",
			"The category "+expertOutsourcing+" needs agents: set agents to one of "+fmt.Sprint(expertAgents)+".")
	}
	if m.Languages.IsNull() || (known(m.Languages) && len(m.Languages.Elements()) == 0) {
		resp.Diagnostics.AddAttributeError(path.Root("languages"), "Missing languages",
			"The category "+expertOutsourcing+" needs at least one language: set languages, e.g. [\"EN\"].")
	}
}

func (m *expertProfileModel) toAPI(ctx context.Context, diags *partnerDiags) partner.ExpertProfile {
	var projects []string
	diags.Append(m.Projects.ElementsAs(ctx, &projects, false)...)
	if projects == nil {
		projects = []string{}
	}
	out := partner.ExpertProfile{
		Company: m.Company.ValueString(), Phone: m.Phone.ValueString(), Description: m.Description.ValueString(),
		ShortDescription: m.ShortDescription.ValueString(), Country: m.Country.ValueString(), Website: m.Website.ValueString(),
		Categories: stringsFrom(m.Categories), IndustryIDs: int64sFrom(m.IndustryIDs), Projects: projects,
		Agents: expertOpt(m.Agents), Facebook: nonEmptyPtr(m.Facebook), Twitter: expertOpt(m.Twitter), Linkedin: nonEmptyPtr(m.Linkedin),
		HourRate: m.HourRate.ValueInt64Pointer(), ProjectRate: m.ProjectRate.ValueInt64Pointer(),
	}
	if known(m.Languages) {
		out.Languages = stringsFrom(m.Languages)
	}
	slices.Sort(out.Categories)
	slices.Sort(out.IndustryIDs)
	slices.Sort(out.Languages)
	return out
}

func expertNullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func (m *expertProfileModel) fromAPI(e *partner.ExpertProfile) {
	m.ID = types.StringValue(expertProfileImportID)
	m.Company, m.Phone, m.Description = types.StringValue(e.Company), types.StringValue(e.Phone), types.StringValue(e.Description)
	m.ShortDescription, m.Country, m.Website = types.StringValue(e.ShortDescription), types.StringValue(e.Country), types.StringValue(e.Website)
	m.Categories = stringSetValue(e.Categories)
	m.IndustryIDs = int64SetValue(e.IndustryIDs)
	projects := e.Projects
	if projects == nil {
		projects = []string{}
	}
	if known(m.Projects) { // the API keeps no order: the model's order while the projects are the same
		projects, _ = alignList(projects, stringElems(m.Projects.Elements()), func(a, b string) bool { return a == b })
	}
	m.Projects = types.ListValueMust(types.StringType, partnerStringAttrs(projects))
	m.Agents = expertNullIfEmpty(e.Agents)
	if len(e.Languages) == 0 && (m.Languages.IsNull() || m.Languages.IsUnknown()) {
		m.Languages = types.SetNull(types.StringType)
	} else {
		m.Languages = stringSetValue(e.Languages)
	}
	m.HourRate = types.Int64PointerValue(e.HourRate)
	m.ProjectRate = types.Int64PointerValue(e.ProjectRate)
	m.Twitter = expertNullIfEmpty(e.Twitter)
	// Links the reference's answer does not show keep their values when an answer leaves them out.
	if e.Facebook != nil {
		m.Facebook = shownString(e.Facebook)
	}
	if e.Linkedin != nil {
		m.Linkedin = shownString(e.Linkedin)
	}
	m.ExpertID, m.PartnerID, m.Status, m.Logo = types.StringValue(e.ExpertID), types.StringValue(e.PartnerID), types.StringValue(e.Status), types.StringValue(e.Logo)
}

// sameExpert compares what was sent with what a read shows; links the answer leaves out (the
// reference's answer shows neither facebook nor linkedin) are not compared.
func sameExpert(want partner.ExpertProfile, got *partner.ExpertProfile) bool {
	g := *got
	shownLinks := (g.Facebook == nil || *g.Facebook == stringOrEmptyPtr(want.Facebook)) &&
		(g.Linkedin == nil || *g.Linkedin == stringOrEmptyPtr(want.Linkedin))
	g.Facebook, g.Linkedin, want.Facebook, want.Linkedin = nil, nil, nil, nil
	g.ExpertID, g.PartnerID, g.Status, g.Logo = "", "", "", ""
	slices.Sort(g.Categories)
	slices.Sort(g.IndustryIDs)
	slices.Sort(g.Languages)
	g.Projects, want.Projects = sortedCopy(g.Projects), sortedCopy(want.Projects) // kept in no order
	if len(g.Languages) == 0 {
		g.Languages = nil
	}
	if len(want.Languages) == 0 {
		want.Languages = nil
	}
	same := eqInt64Ptr(want.HourRate, g.HourRate) && eqInt64Ptr(want.ProjectRate, g.ProjectRate)
	want.HourRate, want.ProjectRate, g.HourRate, g.ProjectRate = nil, nil, nil, nil
	return same && shownLinks && fmt.Sprintf("%+v", want) == fmt.Sprintf("%+v", g)
}

func eqInt64Ptr(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// apply writes the profile, then uploads logo_file when uploadLogo says its content is new.
func (r *expertProfileResource) apply(ctx context.Context, plan *expertProfileModel, diags *partnerDiags, adopt, uploadLogo bool) {
	pc := partnerClient(r.data, diags, "Writing the Expert profile")
	if diags.HasError() {
		return
	}
	want := plan.toAPI(ctx, diags)
	if diags.HasError() {
		return
	}
	var err error
	create := false
	if adopt {
		_, err = pc.GetExpertProfile(ctx)
		create = client.IsNotFound(err)
		if err != nil && !create {
			addAPIError(diags, "Reading the Expert profile", err)
			return
		}
	}
	if create {
		err = pc.CreateExpertProfile(ctx, want)
		if client.IsAlreadyExists(err) { // created meanwhile (or not yet visible): update it
			err = pc.UpdateExpertProfile(ctx, want)
		}
	} else {
		err = pc.UpdateExpertProfile(ctx, want)
	}
	if err != nil {
		addAPIError(diags, "Writing the Expert profile", err)
		return
	}
	logoURL := ""
	if uploadLogo {
		if logoURL = r.uploadLogo(ctx, pc, plan, diags, create); diags.HasError() {
			return
		}
	}
	got, err := awaitShown(ctx, "Expert profile", pc.GetExpertProfile, func(e *partner.ExpertProfile) bool {
		return sameExpert(want, e) && (logoURL == "" || e.Logo == logoURL)
	})
	if err != nil {
		addAPIError(diags, "Waiting for the Expert profile", err)
		return
	}
	plan.fromAPI(got)
}

// uploadLogo sends logo_file and returns the URL the API answers. The file is read again: it must
// still have the content the plan hashed.
func (r *expertProfileResource) uploadLogo(ctx context.Context, pc *partner.Client, plan *expertProfileModel, diags *partnerDiags, created bool) string {
	logo, err := readExpertLogo(plan.LogoFile.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("logo_file"), "Invalid logo_file", err.Error())
		return ""
	}
	if known(plan.LogoSHA256) && plan.LogoSHA256.ValueString() != logo.sum {
		diags.AddAttributeError(path.Root("logo_file"), "logo_file changed after the plan",
			fmt.Sprintf("logo_file %q has SHA-256 %s now, the plan read %s. Run terraform plan or apply again to upload the current file.", plan.LogoFile.ValueString(), logo.sum, plan.LogoSHA256.ValueString()))
		return ""
	}
	// Upload Logo answers 404 until the profile exists: a profile created a moment ago may not be
	// visible to it yet.
	url, err := retryWhilePending(ctx, "Expert logo", func(err error) bool { return created && client.IsNotFound(err) }, func(ctx context.Context) (string, error) {
		return pc.UploadLogo(ctx, logo.content, logo.contentType)
	})
	if err != nil {
		addAPIError(diags, "Uploading the Expert logo from "+plan.LogoFile.ValueString(), err)
		return ""
	}
	plan.LogoSHA256 = types.StringValue(logo.sum)
	return url
}

func (r *expertProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan expertProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	r.apply(ctx, &plan, &resp.Diagnostics, true, !plan.LogoFile.IsNull())
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *expertProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state expertProfileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pc := partnerClient(r.data, &resp.Diagnostics, "Reading the Expert profile")
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	e, err := pc.GetExpertProfile(ctx)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, "", "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading the Expert profile", err)
		return
	}
	if known(state.LogoSHA256) && known(state.Logo) && e.Logo != state.Logo.ValueString() {
		// The logo was replaced outside Terraform: forget the upload, so the plan uploads logo_file again.
		state.LogoSHA256 = types.StringNull()
	}
	state.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *expertProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state expertProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	upload := !plan.LogoFile.IsNull() && (!known(plan.LogoSHA256) || plan.LogoSHA256.ValueString() != state.LogoSHA256.ValueString() || state.LogoSHA256.IsNull())
	r.apply(ctx, &plan, &resp.Diagnostics, false, upload)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *expertProfileResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	partnerSingletonForget(&resp.Diagnostics, "Expert profile")
}

// Upload Logo's limits: "a .jpg or .png image, min. 350x350px, max. 1000x1000px".
const (
	expertLogoMinSide = 350
	expertLogoMaxSide = 1000
	expertLogoSizes   = "350x350 px and at most 1000x1000 px"
	// expertLogoMaxBytes only stops an accidental huge file from being read into memory; a
	// 1000x1000 PNG or JPEG is far smaller.
	expertLogoMaxBytes = 32 << 20
)

// expertLogo is a checked logo file.
type expertLogo struct {
	content     []byte
	contentType string
	sum         string // hex SHA-256 of content
}

// readExpertLogo reads path and checks it against Upload Logo's limits: a .png/.jpg/.jpeg file
// holding a PNG or JPEG image of that type, 350 to 1000 px on each side. Errors name logo_file.
func readExpertLogo(p string) (*expertLogo, error) {
	st, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("logo_file %q does not exist. A relative path is resolved from the directory Terraform runs in; use \"${path.module}/<file>\" for a file next to the configuration", p)
	case err != nil:
		return nil, fmt.Errorf("logo_file %q cannot be read: %v", p, err)
	case st.IsDir():
		return nil, fmt.Errorf("logo_file %q is a directory, not an image file", p)
	case st.Size() > expertLogoMaxBytes:
		return nil, fmt.Errorf("logo_file %q has %d bytes; a logo of at most %dx%d px is far smaller (limit %d MiB)", p, st.Size(), expertLogoMaxSide, expertLogoMaxSide, expertLogoMaxBytes>>20)
	}
	want := map[string]string{".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}[strings.ToLower(filepath.Ext(p))]
	if want == "" {
		return nil, fmt.Errorf("logo_file %q must be a .png, .jpg or .jpeg file: the Expert logo is a PNG or JPEG image", p)
	}
	content, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("logo_file %q cannot be read: %v", p, err)
	}
	var cfg image.Config
	format := ""
	switch {
	case bytes.HasPrefix(content, []byte("\x89PNG\r\n\x1a\n")):
		format = "png"
		cfg, err = png.DecodeConfig(bytes.NewReader(content))
	case bytes.HasPrefix(content, []byte("\xff\xd8")):
		format = "jpeg"
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(content))
	default:
		return nil, fmt.Errorf("logo_file %q is not a PNG or JPEG image (its content does not start like one)", p)
	}
	if err != nil {
		return nil, fmt.Errorf("logo_file %q is not a valid %s image: %v", p, strings.ToUpper(format), err)
	}
	if format != want {
		return nil, fmt.Errorf("logo_file %q is named like a %s file but holds a %s image; rename it so that the name matches the content", p, strings.ToUpper(want), strings.ToUpper(format))
	}
	if cfg.Width < expertLogoMinSide || cfg.Height < expertLogoMinSide || cfg.Width > expertLogoMaxSide || cfg.Height > expertLogoMaxSide {
		return nil, fmt.Errorf("logo_file %q is %dx%d px; the Expert logo must be at least %s (350 to 1000 px on each side)", p, cfg.Width, cfg.Height, expertLogoSizes)
	}
	sum := sha256.Sum256(content)
	return &expertLogo{content: content, contentType: "image/" + format, sum: hex.EncodeToString(sum[:])}, nil
}
