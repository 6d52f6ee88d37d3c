package configuration

import (
	"context"
	"reflect"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// cacheKindAutoAccesses is the read-cache key of list_auto_accesses: auto
// accesses can only be read by listing, so one list serves every Read of a run.
const cacheKindAutoAccesses = "configuration/auto_accesses"

// AutoAccess is an auto access rule as list_auto_accesses returns it.
type AutoAccess struct {
	ID          string               `json:"id"`
	Description string               `json:"description"`
	Access      AutoAccessAccess     `json:"access"`
	Conditions  AutoAccessConditions `json:"conditions"`
	// NextID is the rule after this one; empty for the last rule.
	NextID string `json:"next_id,omitempty"`
}

// AutoAccessAccess is a rule's destination groups.
type AutoAccessAccess struct {
	Groups []int64 `json:"groups"`
}

// AutoAccessConditions are a rule's conditions; at least one is set.
type AutoAccessConditions struct {
	URL         *MatchCondition       `json:"url,omitempty"`
	Domain      *MatchCondition       `json:"domain,omitempty"`
	Geolocation *GeolocationCondition `json:"geolocation,omitempty"`
}

// MatchCondition has values or exclude_values, never both.
type MatchCondition struct {
	Values        []MatchObject `json:"values,omitempty"`
	ExcludeValues []MatchObject `json:"exclude_values,omitempty"`
}

// MatchObject is one URL or domain to match; ExactMatch false matches a substring.
type MatchObject struct {
	Value      string `json:"value"`
	ExactMatch bool   `json:"exact_match"`
}

// GeolocationCondition matches when one of its values matches.
type GeolocationCondition struct {
	Values []Geolocation `json:"values"`
}

// Geolocation matches when all of its set fields match.
type Geolocation struct {
	Country     string `json:"country,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	Region      string `json:"region,omitempty"`
	City        string `json:"city,omitempty"`
}

// AutoAccessCreate is the add_auto_access request. NextID empty: the new
// rule goes to the end of the list.
type AutoAccessCreate struct {
	Description string               `json:"description,omitempty"`
	Access      AutoAccessAccess     `json:"access"`
	Conditions  AutoAccessConditions `json:"conditions"`
	NextID      string               `json:"next_id,omitempty"`
}

// AutoAccessUpdate is the update_auto_access request; nil fields are not
// sent. NextID moves the rule before the rule it names (to the end when it
// points to an empty string); leave it nil not to reorder.
type AutoAccessUpdate struct {
	ID          string                `json:"id"`
	Description *string               `json:"description,omitempty"`
	Access      *AutoAccessAccess     `json:"access,omitempty"`
	Conditions  *AutoAccessConditions `json:"conditions,omitempty"`
	NextID      *string               `json:"next_id,omitempty"`
}

// SameContent reports whether a rule has the description, groups and
// conditions of in (group order ignored).
func (a *AutoAccess) SameContent(in *AutoAccessCreate) bool {
	return a.Description == in.Description && sameInt64s(a.Access.Groups, in.Access.Groups) &&
		reflect.DeepEqual(a.Conditions, in.Conditions)
}

func sameInt64s(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		if seen[x]--; seen[x] < 0 {
			return false
		}
	}
	return true
}

// AddAutoAccess creates a rule and returns its id. Rules have no natural
// key: the rules that exist before are noted, and after an ambiguous failure
// only a new rule with the same content (and, when NextID is set, at that
// place) is adopted before anything is re-sent.
func (c *Client) AddAutoAccess(ctx context.Context, in AutoAccessCreate) (string, error) {
	if in.Access.Groups == nil {
		in.Access.Groups = []int64{}
	}
	var out struct {
		ID string `json:"id" answer:"required"`
	}
	existing, err := c.ListAutoAccesses(client.NotingBefore(ctx), !c.core.Coalescing())
	if err != nil {
		return "", err
	}
	before := client.IDsOf(existing, func(a *AutoAccess) string { return a.ID })
	defer c.core.Invalidate(cacheKindAutoAccesses)
	req := client.Action("add_auto_access", in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		rules, err := c.ListAutoAccesses(ctx, true)
		if err != nil {
			return false, err
		}
		got, err := client.AdoptListed(c.core, cacheKindAutoAccesses, before, rules, func(r *AutoAccess) (string, bool) {
			return r.ID, r.SameContent(&in) && (in.NextID == "" || r.NextID == in.NextID)
		}, "auto access rules with this content")
		if got != nil {
			out.ID = got.ID
		}
		return got != nil, err
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return out.ID, err
	}
	c.core.Claim(cacheKindAutoAccesses, out.ID)
	return out.ID, nil
}

// ListAutoAccesses lists every rule in list order (following next_id).
// fresh=false may answer from the run's read cache.
func (c *Client) ListAutoAccesses(ctx context.Context, fresh bool) ([]AutoAccess, error) {
	return client.Cached(ctx, c.core, cacheKindAutoAccesses, fresh, c.fetchAutoAccesses)
}

// ListAutoAccessesAfter is list_auto_accesses from a fetch that began at or after since, and when
// that fetch began, as ListTagsAfter is for tags: the waits of concurrent rule writes (and the
// order's) share one list per poll.
func (c *Client) ListAutoAccessesAfter(ctx context.Context, since time.Time) ([]AutoAccess, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindAutoAccesses, since, c.fetchAutoAccesses)
}

func (c *Client) fetchAutoAccesses(ctx context.Context) ([]AutoAccess, error) {
	var out []AutoAccess
	if err := c.call(ctx, "list_auto_accesses", struct{}{}, &out); err != nil {
		return nil, err
	}
	return OrderAutoAccesses(out), nil
}

// OrderAutoAccesses sorts rules by their next_id links: a chain starts at a
// rule no other rule points to. The API keeps one chain; should an answer
// hold several, they follow each other in the order their first rules came,
// and rules caught in a cycle come last in answer order.
func OrderAutoAccesses(rules []AutoAccess) []AutoAccess {
	byID := make(map[string]int, len(rules))
	pointed := map[string]bool{}
	for i, r := range rules {
		byID[r.ID] = i
		if r.NextID != "" {
			pointed[r.NextID] = true
		}
	}
	out := make([]AutoAccess, 0, len(rules))
	done := make([]bool, len(rules))
	for i, r := range rules {
		if pointed[r.ID] {
			continue
		}
		for j, ok := i, true; ok && !done[j]; j, ok = byID[rules[j].NextID] {
			done[j] = true
			out = append(out, rules[j])
		}
	}
	for i := range rules {
		if !done[i] {
			out = append(out, rules[i])
		}
	}
	return out
}

// GetAutoAccess finds a rule in the list.
func (c *Client) GetAutoAccess(ctx context.Context, id string, fresh bool) (*AutoAccess, error) {
	rules, err := c.ListAutoAccesses(ctx, fresh)
	if err != nil {
		return nil, err
	}
	if r := client.Find(rules, func(r *AutoAccess) bool { return r.ID == id }); r != nil {
		return r, nil
	}
	return nil, notFound("list_auto_accesses", "auto access "+id)
}

// UpdateAutoAccess sends the non-nil fields of in.
func (c *Client) UpdateAutoAccess(ctx context.Context, in AutoAccessUpdate) error {
	defer c.core.Invalidate(cacheKindAutoAccesses)
	return c.call(ctx, "update_auto_access", in, nil)
}

// MoveAutoAccess moves rule id before rule next (to the end when next is "").
func (c *Client) MoveAutoAccess(ctx context.Context, id, next string) error {
	return c.UpdateAutoAccess(ctx, AutoAccessUpdate{ID: id, NextID: &next})
}

// DeleteAutoAccess deletes a rule; the API links its predecessor to its successor.
func (c *Client) DeleteAutoAccess(ctx context.Context, id string) error {
	defer c.core.Invalidate(cacheKindAutoAccesses)
	return c.call(ctx, "delete_auto_access", map[string]string{"id": id}, nil)
}
