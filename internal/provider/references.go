package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// reference is what a write names by id: objects that may have been created a moment ago and not
// have propagated yet.
type reference struct {
	attr  path.Path // the attribute that holds the ids, for the error
	kinds []string  // configuration.Kind* the ids may be
	ids   []string
	// missing reports the API's answer that one of them does not exist.
	missing func(error) bool
}

// groupsReference is a write's group ids (groups, group_ids, ...), refused with group_not_found.
func groupsReference(attr path.Path, ids ...int64) reference {
	r := reference{attr: attr, kinds: []string{configuration.KindGroup}, missing: client.IsGroupNotFound}
	for _, id := range ids {
		r.ids = append(r.ids, strconv.FormatInt(id, 10))
	}
	return r
}

// membersReference is a group's agent_priorities: agents and bots, refused with not_found (the
// group itself missing is group_not_found, never waited out).
func membersReference(priorities map[string]string) reference {
	r := reference{attr: path.Root("agent_priorities"), kinds: []string{configuration.KindAgent, configuration.KindBot}, missing: isUnknownAgent}
	r.ids = slices.Sorted(maps.Keys(priorities))
	return r
}

// membershipGroups are the group ids of an agent's or bot's groups (nil: not sent).
func membershipGroups(groups *[]configuration.GroupMembership) []int64 {
	if groups == nil {
		return nil
	}
	var ids []int64
	for _, g := range *groups {
		ids = append(ids, g.ID)
	}
	return ids
}

// retryReferring sends write, and waits out ref.missing only while it can still be the API's
// propagation delay: while one of ref.ids is an object this provider process created within the
// propagation window. A reference to anything else (a typo, an object deleted elsewhere) fails at
// once with a *referenceError that names ref.attr, instead of after the whole timeout with advice
// to raise it.
// It returns write's answer.
func retryReferring[T any](ctx context.Context, d *providerData, what string, ref reference, write func(context.Context) (T, error)) (T, error) {
	recent := func() bool {
		return slices.ContainsFunc(ref.ids, func(id string) bool {
			return slices.ContainsFunc(ref.kinds, func(kind string) bool { return d.core.CreatedRecently(kind, id) })
		})
	}
	v, err := retryWhilePending(ctx, what, func(err error) bool { return ref.missing(err) && recent() }, write)
	if len(ref.ids) > 0 && ref.missing(err) {
		return v, &referenceError{ref: ref, err: err, window: d.core.PropagationWindow().String()}
	}
	return v, err
}

// referenceError is a write refused because an object it names by id does not exist, and none of
// the ids is one this run has just created.
type referenceError struct {
	ref    reference
	err    error
	window string
}

func (e *referenceError) Error() string {
	return fmt.Sprintf("%v\n\n%s names an object that does not exist (ids: %s), and none of them is one this Terraform run created in the last %s, so this is no propagation delay to wait out: check the ids. "+
		"(An object created outside this run a moment ago can take up to 2 minutes to show; apply again then.)",
		e.err, e.ref.attr, strings.Join(e.ref.ids, ", "), e.window)
}

func (e *referenceError) Unwrap() error { return e.err }

// isUnknownAgent is the not_found a group write gets for an agent in
// agent_priorities that has not propagated yet (the group itself missing is
// group_not_found, which is not waited out).
func isUnknownAgent(err error) bool { return client.ErrorType(err) == client.ErrTypeNotFound }
