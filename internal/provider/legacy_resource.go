package provider

// The REST API v2 (legacy) resources (canned responses, greetings, goals) share one CRUD skeleton:
// create and save the id at once, record the state from the write's answer (which carries the
// whole object) and leave the propagation to afterWrite, read with "not found" removing the
// object from the state, delete the same way, import by numeric ID. The skeleton lives here; each resource keeps its schema, its API calls and its
// comparison of plan and answer in its own file.

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// legacyObject is what the skeleton knows of one legacy object type T held in a model M; messages
// name it as its entry in identities does (resourceBase.spec).
type legacyObject[T, M any] struct {
	// get is the single get by id.
	get func(ctx context.Context, id int64) (*T, error)
	// listed is one poll of a wait on object id (of model m) through a list that the waits of
	// concurrent writes share: the object from a list fetched at or after since (when the write
	// began; consistency waits never read a list fetched before their write), not found when the
	// list lacks it, and the since of the next poll.
	listed func(ctx context.Context, m *M, id int64, since time.Time) (*T, time.Time, error)
	// whole says whether the list shows all of m's object (nil: always); if not (a goal of a
	// type with parameters), a new object is read with get once the list shows it
	// (shownOnceListed).
	whole func(m *M) bool
}

// shown is the check of a wait until the object shows what shows wants: with coalescing on,
// through the shared list; with it off, the single get.
func (o legacyObject[T, M]) shown(b *resourceBase, m *M, id int64, since time.Time, shows func(*T) bool) func(context.Context) (*T, bool, error) {
	get := func(ctx context.Context) (*T, error) { return o.get(ctx, id) }
	if !b.data.core.Coalescing() {
		return shownBy(get, shows)
	}
	poll := func(ctx context.Context, since time.Time) (*T, time.Time, error) { return o.listed(ctx, m, id, since) }
	if o.whole == nil || o.whole(m) {
		return shownByPoll(since, poll, func(_ context.Context, v *T) bool { return shows(v) })
	}
	return shownOnceListed(get, shows, listedByPoll(since, poll))
}

// gone is the check of a delete's wait: the shared list (coalescing on) or the get no longer
// shows the object.
func (o legacyObject[T, M]) gone(b *resourceBase, m *M, id int64, since time.Time) func(context.Context) (bool, error) {
	if !b.data.core.Coalescing() {
		return isGone(func(ctx context.Context) (*T, error) { return o.get(ctx, id) })
	}
	return goneByPoll(since, func(ctx context.Context, since time.Time) (*T, time.Time, error) { return o.listed(ctx, m, id, since) })
}

// legacyModel is what the skeleton needs of a resource model M that holds an object T.
type legacyModel[M, T any] interface {
	*M
	objectID() int64
	timeoutsValue() timeouts.Value
	fromAPI(obj *T)
	matches(ctx context.Context, obj *T) bool
}

// legacyBegin starts a CRUD call on one model: it reads the model from src (the plan or the state)
// and bounds ctx by the call's timeout. ok is false when the model could not be read; cancel is
// always set.
func legacyBegin[M any, P interface {
	*M
	timeoutsValue() timeouts.Value
}](ctx context.Context, b *resourceBase, src interface {
	Get(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics, timeout timeoutFor,
) (P, context.Context, context.CancelFunc, bool) {
	m := P(new(M))
	diags.Append(src.Get(ctx, m)...)
	if diags.HasError() {
		return nil, ctx, func() {}, false
	}
	ctx, cancel := b.operationIn(ctx, m.timeoutsValue(), timeout, diags)
	return m, ctx, cancel, true
}

// legacyCreate creates the object the plan describes. create sends the API call and returns the
// answer (the new object) and its id; on failure it adds its own diagnostics (they name what was
// sent) and returns false.
func legacyCreate[M, T any, P legacyModel[M, T]](ctx context.Context, b *resourceBase, obj legacyObject[T, M],
	req resource.CreateRequest, resp *resource.CreateResponse, create func(context.Context, P, *diag.Diagnostics) (*T, int64, bool),
) {
	plan, ctx, cancel, ok := legacyBegin[M, P](ctx, b, req.Plan, &resp.Diagnostics, timeouts.Value.Create)
	defer cancel()
	if !ok {
		return
	}
	since := time.Now()
	created, id, ok := create(ctx, plan, &resp.Diagnostics)
	if !ok {
		return
	}
	// Saved before any wait, so a failed wait does not lose the object.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	legacySettle(ctx, b, obj, id, since, created, plan, plan, req.Plan, &resp.State, &resp.Diagnostics)
}

// legacyRead refreshes the state with read, which may serve many objects from one list. An object
// that is gone is removed from the state with a warning, so the next plan creates it again.
func legacyRead[M, T any, P legacyModel[M, T]](ctx context.Context, b *resourceBase, obj legacyObject[T, M],
	req resource.ReadRequest, resp *resource.ReadResponse, read func(context.Context, P) (*T, error),
) {
	state, ctx, cancel, ok := legacyBegin[M, P](ctx, b, req.State, &resp.Diagnostics, timeouts.Value.Read)
	defer cancel()
	if !ok {
		return
	}
	id := state.objectID()
	got, err := read(ctx, state)
	if client.IsNotFound(err) {
		b.gone(ctx, &resp.State, &resp.Diagnostics, strconv.FormatInt(id, 10), "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading %s %d", b.spec().what, id), err)
		return
	}
	before := *state
	state.fromAPI(got)
	// The response already holds the prior state, so an unchanged model is not stored again:
	// converting it back cost a plan of 1,000 canned responses 0.26 s of the provider's 3.9 s
	// of CPU. DeepEqual is exact here: the models hold framework values only, which fromAPI
	// replaces rather than changes in place.
	if !reflect.DeepEqual(before, *state) {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// legacyUpdate applies the plan to the object in the state. update sends what changed, if
// anything, and returns the answer (nil when nothing was sent); on failure it adds its own
// diagnostics and returns false.
func legacyUpdate[M, T any, P legacyModel[M, T]](ctx context.Context, b *resourceBase, obj legacyObject[T, M],
	req resource.UpdateRequest, resp *resource.UpdateResponse, update func(ctx context.Context, plan, state P, diags *diag.Diagnostics) (*T, bool),
) {
	plan, state, want := P(new(M)), P(new(M)), P(new(M))
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := b.operation(ctx, plan.timeoutsValue().Update, &resp.Diagnostics)
	defer cancel()
	since := time.Now()
	updated, ok := update(ctx, plan, state, &resp.Diagnostics)
	if !ok {
		return
	}
	legacySettle(ctx, b, obj, state.objectID(), since, updated, want, plan, req.Plan, &resp.State, &resp.Diagnostics)
}

// legacyDelete deletes the object with del, then leaves the wait until the get says it is gone
// to afterWrite. Not found is success: the object is already gone.
func legacyDelete[M, T any, P legacyModel[M, T]](ctx context.Context, b *resourceBase, obj legacyObject[T, M],
	req resource.DeleteRequest, resp *resource.DeleteResponse, del func(context.Context, P) error,
) {
	state, ctx, cancel, ok := legacyBegin[M, P](ctx, b, req.State, &resp.Diagnostics, timeouts.Value.Delete)
	defer cancel()
	if !ok {
		return
	}
	id := state.objectID()
	since := time.Now()
	if err := del(ctx, state); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Deleting %s %d", b.spec().what, id), err)
		return
	}
	if err := b.afterWrite(ctx, fmt.Sprintf("deleting %s %d", b.spec().what, id), obj.gone(b, (*M)(state), id, since)); err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for %s %d to be deleted", b.spec().what, id), err)
	}
}

// legacySettle records the apply of plan (planned) after a write that began at since: from the
// write's answer, with the wait until a read after it shows what want holds (getWritten: what the
// write sent) left to afterWrite; from that read when the write answered nothing (nothing was
// sent) or writes wait.
func legacySettle[M, T any, P legacyModel[M, T]](ctx context.Context, b *resourceBase, obj legacyObject[T, M], id int64, since time.Time, answer *T, want, plan P,
	planned tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics,
) {
	what := fmt.Sprintf("%s %d", b.spec().what, id)
	got, shown, err := awaitWrite(ctx, b, answer == nil, what, obj.shown(b, (*M)(want), id, since, func(v *T) bool { return want.matches(ctx, v) }))
	if err != nil {
		addAPIError(diags, "Waiting for "+what, err)
		return
	}
	if !shown {
		got = answer
	}
	plan.fromAPI(got)
	diags.Append(setApplied(ctx, state, planned, plan)...)
}

// createdInGroup is the reference of a legacy create to its group, which can still be propagating
// (created by this run a moment ago): a 404 on create can only be the group.
func createdInGroup(group int64) reference {
	ref := groupsReference(path.Root("group"), group)
	ref.missing = client.IsNotFound
	return ref
}
