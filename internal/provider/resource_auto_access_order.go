package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*autoAccessOrderResource)(nil)
	_ resource.ResourceWithImportState = (*autoAccessOrderResource)(nil)
)

// autoAccessOrderID is the id of the one livechat_auto_access_order of a license.
const autoAccessOrderID = "auto_access_order"

// autoAccessOrderImportAll is the import ID that adopts every rule in its current order.
const autoAccessOrderImportAll = "*"

type autoAccessOrderResource struct{ resourceBase }

func newAutoAccessOrderResource() resource.Resource {
	return &autoAccessOrderResource{resourceBase{name: "auto_access_order"}}
}

type autoAccessOrderModel struct {
	ID       types.String   `tfsdk:"id"`
	IDs      types.List     `tfsdk:"ids"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *autoAccessOrderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The order of the license's auto access rules (Configuration API v3.6 `update_auto_access` with `next_id`, read through `list_auto_accesses`). " +
			"The API evaluates rules in list order; `livechat_auto_access` adds new rules at the end, and this resource puts them where you list them.\n\n" +
			"`ids` is the order the listed rules must have **relative to each other**. Rules that are not listed (e.g. made in the LiveChat app) are ignored: " +
			"they cause no diff and are never moved on purpose. When the listed rules are out of order, the provider moves them " +
			"(one `update_auto_access` call per rule that is not directly before its successor in `ids`) so that they form one block, " +
			"ending where the last listed rule is.\n\n" +
			"Use one `livechat_auto_access_order` per license. Destroying it leaves the rules in their current order. " +
			"Reordering, inserting a rule in the middle (add its ID to `ids`) and deleting one (remove it from `ids` and destroy it) are each one apply.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Always `" + autoAccessOrderID + "`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Required: true,
				MarkdownDescription: "IDs of auto access rules, first to last, e.g. `[livechat_auto_access.vip.id, livechat_auto_access.fallback.id]`. Each at most once.",
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func ruleIDs(rules []configuration.AutoAccess) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.ID
	}
	return out
}

// relativeOrder is order restricted to the ids in wanted.
func relativeOrder(order, wanted []string) []string {
	out := []string{}
	for _, id := range order {
		if slices.Contains(wanted, id) {
			out = append(out, id)
		}
	}
	return out
}

// orderMoves returns the moves (rule, rule to put it before) that give the
// listed rules the desired relative order: none when they have it already;
// otherwise they are made one block, from the second-to-last listed rule back
// to the first, moving each rule that is not directly before its successor.
// The last listed rule stays where it is.
func orderMoves(order, desired []string) [][2]string {
	if slices.Equal(relativeOrder(order, desired), desired) {
		return nil
	}
	order = slices.Clone(order)
	var moves [][2]string
	for k := len(desired) - 2; k >= 0; k-- {
		id, next := desired[k], desired[k+1]
		if i := slices.Index(order, id); i >= 0 && i+1 < len(order) && order[i+1] == next {
			continue
		}
		moves = append(moves, [2]string{id, next})
		order = slices.DeleteFunc(order, func(x string) bool { return x == id })
		j := slices.Index(order, next)
		order = slices.Insert(order, j, id)
	}
	return moves
}

// apply moves the rules until the API lists them in desired relative order.
// Moves are computed from a fresh list; while the API has not shown the
// moves yet, the same list yields the same moves, which are not re-sent. Each
// poll reads a list fetched after the one the poll before it saw. It keeps its
// wait (a read-modify-write needs to read what it wrote), and first waits
// until the rules this run wrote are listed (pending.go).
func (r *autoAccessOrderResource) apply(ctx context.Context, desired []string) error {
	if err := r.data.pending.settle(ctx, "livechat_auto_access"); err != nil {
		return err
	}
	var sent [][2]string
	since := time.Now()
	return awaitConsistent(ctx, "auto access order", func(ctx context.Context) (bool, error) {
		rules, started, err := r.data.config.ListAutoAccessesAfter(ctx, since)
		since = started.Add(time.Nanosecond)
		if err != nil {
			return false, err
		}
		order := ruleIDs(rules)
		for i, id := range desired {
			if !slices.Contains(order, id) {
				return false, fmt.Errorf("ids[%d]: auto access %q does not exist (list_auto_accesses does not show it); "+
					"refer to livechat_auto_access resources so that the rules exist before they are ordered", i, id)
			}
		}
		if slices.Equal(relativeOrder(order, desired), desired) {
			return true, nil
		}
		moves := orderMoves(order, desired)
		if slices.Equal(moves, sent) {
			return false, nil // sent already; waiting for the API to show them
		}
		for _, m := range moves {
			if err := r.data.config.MoveAutoAccess(ctx, m[0], m[1]); err != nil {
				return false, fmt.Errorf("moving auto access %s before %s: %w", m[0], m[1], err)
			}
		}
		sent = moves
		return false, nil
	})
}

func (r *autoAccessOrderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan autoAccessOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	desired := stringsOfList(plan.IDs)
	if err := r.apply(ctx, desired); err != nil {
		addAPIError(&resp.Diagnostics, "Ordering auto accesses", err)
		return
	}
	plan.ID = types.StringValue(autoAccessOrderID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *autoAccessOrderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state autoAccessOrderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	rules, err := r.data.config.ListAutoAccesses(ctx, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading the auto access order", err)
		return
	}
	order := ruleIDs(rules)
	if !state.IDs.IsNull() {
		// Only the listed rules, in the order the API has them: a rule deleted
		// elsewhere drops out, a reorder elsewhere shows as a diff.
		order = relativeOrder(order, stringsOfList(state.IDs))
	}
	state.ID = types.StringValue(autoAccessOrderID)
	state.IDs = listOfStrings(order)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *autoAccessOrderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan autoAccessOrderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	if err := r.apply(ctx, stringsOfList(plan.IDs)); err != nil {
		addAPIError(&resp.Diagnostics, "Ordering auto accesses", err)
		return
	}
	plan.ID = types.StringValue(autoAccessOrderID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete only forgets the order: the API has no "unordered" list, so the
// rules stay where they are.
func (r *autoAccessOrderResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func (r *autoAccessOrderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), autoAccessOrderID)...)
	if req.ID == autoAccessOrderImportAll {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("ids"), types.ListNull(types.StringType))...)
		return
	}
	ids := strings.Split(req.ID, ",")
	for i := range ids {
		ids[i] = strings.TrimSpace(ids[i])
		if ids[i] == "" {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Import livechat_auto_access_order with the rule IDs in order, separated by commas (e.g. \"id1,id2\"), or with %q for every rule in its current order; got %q.", autoAccessOrderImportAll, req.ID))
			return
		}
		if slices.Contains(ids[:i], ids[i]) {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Auto access %q appears more than once in the import ID %q: a rule has one place in the order. List each rule once.", ids[i], req.ID))
			return
		}
	}
	rules, err := r.data.config.ListAutoAccesses(ctx, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Importing the auto access order", err)
		return
	}
	existing := ruleIDs(rules)
	for _, id := range ids {
		if !slices.Contains(existing, id) {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Auto access %q does not exist (list_auto_accesses does not show it). Import with the IDs of existing rules (data source livechat_auto_accesses lists them), or with %q for every rule in its current order.", id, autoAccessOrderImportAll))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("ids"), ids)...)
}

func stringsOfList(l types.List) []string {
	out := make([]string, 0, len(l.Elements()))
	for _, v := range l.Elements() {
		if s, ok := v.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return out
}
