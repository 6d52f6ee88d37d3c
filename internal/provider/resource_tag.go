package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*tagResource)(nil)
	_ resource.ResourceWithImportState = (*tagResource)(nil)
)

type tagResource struct{ resourceBase }

func newTagResource() resource.Resource { return &tagResource{resourceBase{name: "tag"}} }

type tagModel struct {
	ID        types.String   `tfsdk:"id"`
	Name      types.String   `tfsdk:"name"`
	GroupIDs  types.Set      `tfsdk:"group_ids"`
	AuthorID  types.String   `tfsdk:"author_id"`
	CreatedAt types.String   `tfsdk:"created_at"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (r *tagResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A chat tag (Configuration API v3.6 `create_tag`, `update_tag`, `delete_tag`, read through `list_tags`).\n\n" +
			"The API ignores letter case when it checks whether a tag exists on create, but matches the exact case on update and delete: " +
			"creating `Sales` fails while `sales` exists. A tag cannot be renamed: changing `name` replaces it. " +
			"Tags are read with one `list_tags` call per run, shared by every tag.\n\n" +
			"**A new license already has tags:** " + quoted(configuration.DefaultTagNames) + ", each in group `0`. " +
			"Declaring one of them (in any letter case) fails with `already_exists`: import it instead. " +
			"The second example takes all of them over with one `import` block with `for_each` (Terraform 1.7 or later); " +
			"its addresses are `livechat_tag.default[\"spam\"]` and so on. `data.livechat_tags` lists the tags a license has.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The tag name, exactly as created; the import ID.", PlanModifiers: useState,
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Tag name, without leading or trailing spaces or control characters. Changing it replaces the tag.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), tagName},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"group_ids": schema.SetAttribute{
				ElementType: types.Int64Type, Optional: true, Computed: true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.Int64Type, nil)),
				MarkdownDescription: "IDs of the groups the tag belongs to; may be empty (the default). A chat can be tagged only when the chat and the tag share a group.",
				Validators:          []validator.Set{setvalidator.ValueInt64sAre(int64validator.AtLeast(0))},
			},
			"author_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Agent who created the tag (empty for the license's default tags)." + readAtRefresh, PlanModifiers: useState,
			},
			"created_at": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Creation time, RFC 3339." + readAtRefresh, PlanModifiers: useState,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (m *tagModel) fromAPI(t *configuration.Tag) {
	m.ID = types.StringValue(t.Name)
	m.Name = types.StringValue(t.Name)
	m.GroupIDs = int64SetValue(t.GroupIDs)
	m.AuthorID = types.StringValue(t.AuthorID)
	m.CreatedAt = types.StringValue(t.CreatedAt)
}

func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// awaitTag polls list_tags, never an answer fetched before since, until the
// tag shows the planned groups; with a propagation window only when the state
// needs the answer (needValue), else the run's pending writes poll it (awaitWrite).
func (r *tagResource) awaitTag(ctx context.Context, needValue bool, name string, groupIDs []int64, since time.Time) (*configuration.Tag, bool, error) {
	return awaitWrite(ctx, &r.resourceBase, needValue, "tag "+name, shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Tag, time.Time, error) {
		return r.data.pollTag(ctx, name, since)
	}, func(_ context.Context, t *configuration.Tag) bool { return sameIDs(t.GroupIDs, groupIDs) }))
}

func (r *tagResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan tagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	name, groups := plan.Name.ValueString(), int64sFrom(plan.GroupIDs)
	since := time.Now()
	_, err := retryReferring(ctx, r.data, "creating tag "+name, groupsReference(path.Root("group_ids"), groups...), func(ctx context.Context) (any, error) {
		return nil, r.data.config.CreateTag(ctx, name, groups)
	})
	if client.IsAlreadyExists(err) {
		addAPIError(&resp.Diagnostics, "Creating tag "+name, fmt.Errorf("%w\n\nA tag with this name exists already (the API ignores letter case here); a new license has the tags %s. "+
			"Import it with: terraform import livechat_tag.<name> '<existing name>'", err, strings.Join(configuration.DefaultTagNames, ", ")))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating tag "+name, err)
		return
	}
	plan.ID = types.StringValue(name)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	// author_id and created_at are left to the next refresh: waiting for them would hold a
	// parallelism slot for the propagation delay.
	t, shown, err := r.awaitTag(ctx, false, name, groups, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for tag "+name, err)
		return
	}
	if shown {
		plan.fromAPI(t)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *tagResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	name := state.ID.ValueString()
	t, _, err := r.data.pollTag(ctx, name, time.Time{})
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, strconv.Quote(name), "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading tag "+name, err)
		return
	}
	state.fromAPI(t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *tagResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan tagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	name, groups := plan.ID.ValueString(), int64sFrom(plan.GroupIDs)
	since := time.Now()
	_, err := retryReferring(ctx, r.data, "updating tag "+name, groupsReference(path.Root("group_ids"), groups...), func(ctx context.Context) (any, error) {
		return nil, r.data.config.UpdateTag(ctx, name, groups)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Updating tag "+name, err)
		return
	}
	t, shown, err := r.awaitTag(ctx, !req.Plan.Raw.IsFullyKnown(), name, groups, since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for tag "+name, err)
		return
	}
	if shown {
		plan.fromAPI(t)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *tagResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state tagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	name := state.ID.ValueString()
	since := time.Now()
	if err := r.data.config.DeleteTag(ctx, name); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting tag "+name, err)
		return
	}
	err := r.afterWrite(ctx, "deleting tag "+name, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Tag, time.Time, error) {
		return r.data.pollTag(ctx, name, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for tag "+name+" to be deleted", err)
	}
}
