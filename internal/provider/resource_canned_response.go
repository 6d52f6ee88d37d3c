package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var (
	_ resource.ResourceWithConfigure   = (*cannedResponseResource)(nil)
	_ resource.ResourceWithImportState = (*cannedResponseResource)(nil)
)

type cannedResponseResource struct{ resourceBase }

func newCannedResponseResource() resource.Resource {
	return &cannedResponseResource{resourceBase{name: "canned_response"}}
}

type cannedResponseModel struct {
	ID               types.Int64    `tfsdk:"id"`
	Text             types.String   `tfsdk:"text"`
	Tags             types.Set      `tfsdk:"tags"`
	Group            types.Int64    `tfsdk:"group"`
	CreatedBy        types.String   `tfsdk:"created_by"`
	CreationDate     types.String   `tfsdk:"creation_date"`
	ModifiedBy       types.String   `tfsdk:"modified_by"`
	ModificationDate types.String   `tfsdk:"modification_date"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// trimmedRe matches a non-empty string without leading or trailing white space (the API trims
// canned response tags, which would otherwise show as a diff).
var trimmedRe = regexp.MustCompile(`^\S(.*\S)?$`)

func (r *cannedResponseResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A canned response: a prepared answer agents insert in chats by one of its tags (REST API v2 `/canned_responses`).\n\n" +
			"The API cannot move a canned response to another group: changing `group` replaces it. " +
			"Text and tags are updated in place; every update records `modified_by` and `modification_date`. " +
			"A refresh lists each group's canned responses once (the API lists one group per call), so it costs one call per group, not per canned response (`coalesce_requests`). " +
			"Import with the numeric ID: `terraform import livechat_canned_response.example 3151`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric ID assigned by the API; the import ID.",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"text": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Text of the response (required by the API, not blank).",
				Validators:          []validator.String{notBlank},
			},
			"tags": schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "Tags (shortcuts) agents use to find the response; the API requires at least one and keeps no order.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(trimmedRe, "must be a non-empty tag without leading or trailing spaces")),
				},
			},
			"group": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				MarkdownDescription: "ID of the group the response belongs to; default `0` (every agent). Changing it replaces the response.",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"created_by": schema.StringAttribute{
				Computed: true, PlanModifiers: useState,
				MarkdownDescription: "Login (e-mail) of the agent who created the response: the owner of the credentials Terraform uses.",
			},
			"creation_date": schema.StringAttribute{
				Computed: true, PlanModifiers: useState,
				MarkdownDescription: "Creation time, RFC 3339 (UTC).",
			},
			"modified_by": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Login of the agent who last modified the response; empty until the first modification.",
			},
			"modification_date": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Time of the last modification, RFC 3339 (UTC); empty until the first modification.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (m *cannedResponseModel) fromAPI(cr *legacy.CannedResponse) {
	m.ID = types.Int64Value(cr.ID)
	m.Text = types.StringValue(cr.Text)
	m.Tags = stringSetValue(cr.Tags)
	m.Group = types.Int64Value(cr.Group)
	m.CreatedBy = types.StringValue(cr.CreatedBy)
	m.CreationDate = types.StringValue(unixRFC3339(cr.CreationDate))
	m.ModifiedBy = types.StringValue(cr.ModifiedBy)
	m.ModificationDate = types.StringValue(unixRFC3339(cr.ModificationDate))
}

func sameStringSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// matches reports whether the API shows every known value of m.
func (m *cannedResponseModel) matches(_ context.Context, cr *legacy.CannedResponse) bool {
	return (m.Text.IsUnknown() || cr.Text == m.Text.ValueString()) && (m.Tags.IsUnknown() || sameStringSet(cr.Tags, stringsFrom(m.Tags))) &&
		(m.Group.IsUnknown() || cr.Group == m.Group.ValueInt64())
}

func (m *cannedResponseModel) objectID() int64               { return m.ID.ValueInt64() }
func (m *cannedResponseModel) timeoutsValue() timeouts.Value { return m.Timeouts }

// object describes canned responses to the shared legacy CRUD steps (legacy_resource.go).
func (r *cannedResponseResource) object() legacyObject[legacy.CannedResponse, cannedResponseModel] {
	return legacyObject[legacy.CannedResponse, cannedResponseModel]{
		get: r.data.legacy.GetCannedResponse,
		listed: func(ctx context.Context, m *cannedResponseModel, id int64, since time.Time) (*legacy.CannedResponse, time.Time, error) {
			if !known(m.Group) { // imported and not read yet: the group is not known
				cr, err := r.data.legacy.GetCannedResponse(ctx, id)
				return cr, time.Now(), err
			}
			return r.data.pollCannedResponse(ctx, id, m.Group.ValueInt64(), since)
		},
	}
}

func (r *cannedResponseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	legacyCreate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan *cannedResponseModel, diags *diag.Diagnostics) (*legacy.CannedResponse, int64, bool) {
		in := legacy.CannedResponseCreate{Text: plan.Text.ValueString(), Tags: stringsFrom(plan.Tags), Group: plan.Group.ValueInt64()}
		created, err := retryReferring(ctx, r.data, "creating canned response", createdInGroup(in.Group), func(ctx context.Context) (*legacy.CannedResponse, error) {
			return r.data.legacy.CreateCannedResponse(ctx, in)
		})
		if err != nil {
			addAPIError(diags, "Creating canned response", err)
			return nil, 0, false
		}
		return created, created.ID, true
	})
}

func (r *cannedResponseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	legacyRead(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *cannedResponseModel) (*legacy.CannedResponse, error) {
		// One list per group serves every canned response of the group (see ReadCannedResponse).
		return r.data.readCannedResponse(ctx, state.ID.ValueInt64(), state.Group.ValueInt64(), known(state.Group))
	})
}

func (r *cannedResponseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	legacyUpdate(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, plan, state *cannedResponseModel, diags *diag.Diagnostics) (*legacy.CannedResponse, bool) {
		var in legacy.CannedResponseUpdate
		if !plan.Text.Equal(state.Text) {
			in.Text = plan.Text.ValueStringPointer()
		}
		if !plan.Tags.Equal(state.Tags) {
			in.Tags = stringsFrom(plan.Tags)
		}
		if in.Text == nil && in.Tags == nil {
			return nil, true
		}
		id := state.ID.ValueInt64()
		updated, err := r.data.legacy.UpdateCannedResponse(ctx, id, state.Group.ValueInt64(), in)
		if err != nil {
			addAPIError(diags, fmt.Sprintf("Updating canned response %d", id), err)
			return nil, false
		}
		return updated, true
	})
}

func (r *cannedResponseResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	legacyDelete(ctx, &r.resourceBase, r.object(), req, resp, func(ctx context.Context, state *cannedResponseModel) error {
		return r.data.legacy.DeleteCannedResponse(ctx, state.ID.ValueInt64(), state.Group.ValueInt64())
	})
}
