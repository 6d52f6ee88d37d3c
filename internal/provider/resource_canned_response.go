package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var (
	_ resource.ResourceWithConfigure   = (*cannedResponseResource)(nil)
	_ resource.ResourceWithImportState = (*cannedResponseResource)(nil)
)

type cannedResponseResource struct{ data *providerData }

func newCannedResponseResource() resource.Resource { return &cannedResponseResource{} }

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

// notBlankRe matches a string with at least one non-space character.
var notBlankRe = regexp.MustCompile(`\S`)

func (r *cannedResponseResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_canned_response"
}

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
				Validators:          []validator.String{stringvalidator.RegexMatches(notBlankRe, "must not be empty or blank")},
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
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *cannedResponseResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// unixTime renders a Unix time as RFC 3339; 0 is "".
func unixRFC3339(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
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

func (m *cannedResponseModel) matches(cr *legacy.CannedResponse) bool {
	return cr.Text == m.Text.ValueString() && sameStringSet(cr.Tags, stringsFrom(m.Tags)) && cr.Group == m.Group.ValueInt64()
}

// awaitCannedResponse polls until a read shows what plan asked for.
func (r *cannedResponseResource) awaitCannedResponse(ctx context.Context, id int64, plan *cannedResponseModel) (*legacy.CannedResponse, error) {
	var got *legacy.CannedResponse
	err := awaitConsistent(ctx, fmt.Sprintf("canned response %d", id), func(ctx context.Context) (bool, error) {
		cr, err := r.data.legacy.GetCannedResponse(ctx, id)
		if client.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		got = cr
		return plan.matches(cr), nil
	})
	return got, err
}

func (r *cannedResponseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan cannedResponseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	in := legacy.CannedResponseCreate{Text: plan.Text.ValueString(), Tags: stringsFrom(plan.Tags), Group: plan.Group.ValueInt64()}
	var created *legacy.CannedResponse
	// A 404 on create can only be the group: created a moment ago, it may not have propagated yet.
	err := retryWhilePending(ctx, "creating canned response", client.IsNotFound, func(ctx context.Context) error {
		var err error
		created, err = r.data.legacy.CreateCannedResponse(ctx, in)
		return err
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating canned response", err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), created.ID)...)
	cr, err := r.awaitCannedResponse(ctx, created.ID, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for canned response %d", created.ID), err)
		return
	}
	plan.fromAPI(cr)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *cannedResponseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state cannedResponseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	id := state.ID.ValueInt64()
	// One list per group serves every canned response of the group (see ReadCannedResponse).
	cr, err := r.data.legacy.ReadCannedResponse(ctx, id, state.Group.ValueInt64(), known(state.Group))
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Canned response no longer exists",
			fmt.Sprintf("Canned response %d was not found; it was removed from the state and the next plan will create it again.", id))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading canned response %d", id), err)
		return
	}
	state.fromAPI(cr)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *cannedResponseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state cannedResponseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	id := state.ID.ValueInt64()
	var in legacy.CannedResponseUpdate
	if !plan.Text.Equal(state.Text) {
		in.Text = plan.Text.ValueStringPointer()
	}
	if !plan.Tags.Equal(state.Tags) {
		in.Tags = stringsFrom(plan.Tags)
	}
	if in.Text != nil || in.Tags != nil {
		if _, err := r.data.legacy.UpdateCannedResponse(ctx, id, state.Group.ValueInt64(), in); err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Updating canned response %d", id), err)
			return
		}
	}
	plan.ID = state.ID
	cr, err := r.awaitCannedResponse(ctx, id, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for canned response %d", id), err)
		return
	}
	plan.fromAPI(cr)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *cannedResponseResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state cannedResponseModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, r.data.propagationTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, timeout, diags)
	defer cancel()

	id := state.ID.ValueInt64()
	if err := r.data.legacy.DeleteCannedResponse(ctx, id, state.Group.ValueInt64()); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Deleting canned response %d", id), err)
		return
	}
	err := awaitConsistent(ctx, fmt.Sprintf("deleting canned response %d", id), func(ctx context.Context) (bool, error) {
		_, err := r.data.legacy.GetCannedResponse(ctx, id)
		if client.IsNotFound(err) {
			return true, nil
		}
		return false, err
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for canned response %d to be deleted", id), err)
	}
}

// importNumericID sets id from a numeric import ID; what names the object in the error.
func importInt64ID(ctx context.Context, what string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := strconv.ParseInt(req.ID, 10, 64)
	if err != nil || id < 0 {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("A %s is imported by its numeric ID (e.g. 3151), not %q.", what, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

func (r *cannedResponseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importInt64ID(ctx, "canned response", req, resp)
}
