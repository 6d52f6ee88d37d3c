package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Auto access: Configuration API v3.6 "Auto access" section. Rules form one ordered list; each rule
// points to the next one by next_id (empty for the last). The emulator stores the order once, as a
// versioned list of ids, and derives next_id from it, so one request that reorders several rules
// becomes visible to readers all at once ("Consistency is maintained by keeping the next_id
// references properly assigned in each of the elements after a single request").

// AutoAccess is an auto access rule as list_auto_accesses returns it (the state dump format).
type AutoAccess struct {
	ID          string               `json:"id"`
	Description string               `json:"description"`
	Access      AutoAccessAccess     `json:"access"`
	Conditions  AutoAccessConditions `json:"conditions"`
	// NextID is derived from the list order; empty for the last rule.
	NextID string `json:"next_id,omitempty"`
}

// AutoAccessAccess is a rule's destination.
type AutoAccessAccess struct {
	Groups []int `json:"groups"`
}

// AutoAccessConditions are a rule's conditions; at least one is set.
type AutoAccessConditions struct {
	URL         *MatchCondition       `json:"url,omitempty"`
	Domain      *MatchCondition       `json:"domain,omitempty"`
	Geolocation *GeolocationCondition `json:"geolocation,omitempty"`
}

// MatchCondition is a url or domain condition: values or exclude_values, never both.
type MatchCondition struct {
	Values        []MatchObject `json:"values,omitempty"`
	ExcludeValues []MatchObject `json:"exclude_values,omitempty"`
}

// MatchObject is one value a URL or domain is matched against.
type MatchObject struct {
	Value      string `json:"value"`
	ExactMatch bool   `json:"exact_match"`
}

// GeolocationCondition matches when at least one of its values matches.
type GeolocationCondition struct {
	Values []Geolocation `json:"values"`
}

// Geolocation matches when every field it sets matches; at least one is set.
type Geolocation struct {
	Country     string `json:"country,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	Region      string `json:"region,omitempty"`
	City        string `json:"city,omitempty"`
}

// AutoAccessState is the auto access part of State: the rules in list order.
type AutoAccessState struct {
	AutoAccesses []AutoAccess `json:"auto_accesses"`
}

// autoAccessOrder is the list order of the rules (first to last).
type autoAccessOrder struct {
	IDs []string
}

// orderKey is the only key of autoAccessStore.order.
const orderKey = ""

type autoAccessStore struct {
	rules *table[string, AutoAccess]
	order *table[string, autoAccessOrder]
}

func newAutoAccessStore() *autoAccessStore {
	return &autoAccessStore{
		rules: newTable[string](cloneAutoAccess),
		order: newTable[string](func(o *autoAccessOrder) *autoAccessOrder {
			return &autoAccessOrder{IDs: append([]string{}, o.IDs...)}
		}),
	}
}

func cloneAutoAccess(a *AutoAccess) *AutoAccess {
	c := *a
	c.NextID = ""
	c.Access.Groups = append([]int{}, a.Access.Groups...)
	c.Conditions = a.Conditions.clone()
	return &c
}

func (c AutoAccessConditions) clone() AutoAccessConditions {
	out := AutoAccessConditions{}
	cloneMatch := func(m *MatchCondition) *MatchCondition {
		if m == nil {
			return nil
		}
		return &MatchCondition{
			Values:        append([]MatchObject(nil), m.Values...),
			ExcludeValues: append([]MatchObject(nil), m.ExcludeValues...),
		}
	}
	out.URL, out.Domain = cloneMatch(c.URL), cloneMatch(c.Domain)
	if c.Geolocation != nil {
		out.Geolocation = &GeolocationCondition{Values: append([]Geolocation{}, c.Geolocation.Values...)}
	}
	return out
}

// ids is the list order seen in v.
func (s *autoAccessStore) ids(v view) []string {
	if o := s.order.in(orderKey, v); o != nil {
		return o.IDs
	}
	return nil
}

// setOrder writes a new list order (a write like any other: visible after the delay).
func (s *autoAccessStore) setOrder(ids []string, now time.Time, delay time.Duration) {
	o := &autoAccessOrder{IDs: ids}
	if s.order.get(orderKey) == nil {
		s.order.create(orderKey, o, now, delay)
		return
	}
	s.order.update(orderKey, o, now, delay)
}

// autoAccesses returns the rules seen in v, in list order, with next_id set. A group deleted
// since a rule named it is left out of the rule's access.groups, as it is from agents and tags.
func (st *store) autoAccesses(v view) []AutoAccess {
	out := st.autoAccess.list(v)
	for i := range out {
		kept := []int{}
		for _, g := range out[i].Access.Groups {
			if st.groups.in(g, v) != nil {
				kept = append(kept, g)
			}
		}
		out[i].Access.Groups = kept
	}
	return out
}

// list returns the rules seen in v, in list order, with next_id set.
func (s *autoAccessStore) list(v view) []AutoAccess {
	out := []AutoAccess{}
	seen := map[string]bool{}
	for _, id := range s.ids(v) {
		if r := s.rules.in(id, v); r != nil && !seen[id] {
			seen[id] = true
			out = append(out, *cloneAutoAccess(r))
		}
	}
	// Defensive: a rule missing from the order (never expected) is shown last.
	for _, id := range s.rules.keys(v) {
		if !seen[id] {
			out = append(out, *cloneAutoAccess(s.rules.in(id, v)))
		}
	}
	for i := range out {
		if i+1 < len(out) {
			out[i].NextID = out[i+1].ID
		}
	}
	return out
}

// moved returns order with id removed and, unless remove, inserted before next (at the end when
// next is empty).
func moved(order []string, id, next string, remove bool) []string {
	out := make([]string, 0, len(order)+1)
	for _, x := range order {
		if x != id {
			out = append(out, x)
		}
	}
	if remove {
		return out
	}
	for i, x := range out {
		if x == next && next != "" {
			return append(out[:i], append([]string{id}, out[i:]...)...)
		}
	}
	return append(out, id)
}

func newAutoAccessID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("emulator: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

func errAutoAccessNotFound(id string) *apiError {
	return newError(errTypeNotFound, fmt.Sprintf("Auto access %s not found", id))
}

// registerAutoAccessWebhooksOther registers the auto access, webhooks and "Other" actions.
func registerAutoAccessWebhooksOther(s *Server) {
	registerAutoAccess(s)
	registerWebhooks(s)
	registerOther(s)
}

func registerAutoAccess(s *Server) {
	s.register("add_auto_access", addAutoAccess, "")
	s.register("list_auto_accesses", listAutoAccesses, "")
	s.register("update_auto_access", updateAutoAccess, "")
	s.register("delete_auto_access", deleteAutoAccess, "")
	s.kinds["auto_access"] = func(st *store, id string) error {
		aa := st.autoAccess
		if aa.rules.get(id) == nil {
			return fmt.Errorf("auto access %q: %w", id, ErrNotFound)
		}
		aa.rules.purge(id)
		aa.order.mutateNow(func(o *autoAccessOrder) bool {
			n := len(o.IDs)
			o.IDs = moved(o.IDs, id, "", true)
			return len(o.IDs) != n
		})
		return nil
	}
}

// autoAccessInput is the parsed body of add_auto_access / update_auto_access.
type autoAccessInput struct {
	access      *AutoAccessAccess
	conditions  *AutoAccessConditions
	description *string
	nextID      *string
}

func parseAutoAccessInput(p *params, create bool) (*autoAccessInput, *apiError) {
	in := &autoAccessInput{}
	var e *apiError
	if in.access, e = accessParam(p, create); e != nil {
		return nil, e
	}
	if in.conditions, e = conditionsParam(p, create); e != nil {
		return nil, e
	}
	if d, ok, e := p.str("description", false); e != nil {
		return nil, e
	} else if ok {
		in.description = &d
	}
	if n, ok, e := p.str("next_id", false); e != nil {
		return nil, e
	} else if ok {
		in.nextID = &n
	}
	return in, nil
}

func accessParam(p *params, required bool) (*AutoAccessAccess, *apiError) {
	o, ok, e := p.object("access", required)
	if !ok {
		return nil, e
	}
	if e := o.only("groups"); e != nil {
		return nil, e
	}
	groups, _, e := o.ids("groups", true)
	if e != nil {
		return nil, e
	}
	if len(groups) == 0 {
		return nil, errValidation("%s must not be empty", o.name("groups"))
	}
	return &AutoAccessAccess{Groups: groups}, nil
}

func conditionsParam(p *params, required bool) (*AutoAccessConditions, *apiError) {
	o, ok, e := p.object("conditions", required)
	if !ok {
		return nil, e
	}
	if e := o.only("url", "domain", "geolocation"); e != nil {
		return nil, e
	}
	out := &AutoAccessConditions{}
	if out.URL, e = matchConditionParam(o, "url"); e != nil {
		return nil, e
	}
	if out.Domain, e = matchConditionParam(o, "domain"); e != nil {
		return nil, e
	}
	if out.Geolocation, e = geolocationParam(o); e != nil {
		return nil, e
	}
	if out.URL == nil && out.Domain == nil && out.Geolocation == nil {
		return nil, errValidation("%s must have at least one of: url, domain, geolocation", p.name("conditions"))
	}
	return out, nil
}

func matchConditionParam(p *params, k string) (*MatchCondition, *apiError) {
	o, ok, e := p.object(k, false)
	if !ok {
		return nil, e
	}
	if e := o.only("values", "exclude_values"); e != nil {
		return nil, e
	}
	values, hasValues, e := matchObjectsParam(o, "values")
	if e != nil {
		return nil, e
	}
	exclude, hasExclude, e := matchObjectsParam(o, "exclude_values")
	if e != nil {
		return nil, e
	}
	switch {
	case hasValues && hasExclude:
		return nil, errValidation("%s may not be used together with %s", o.name("values"), o.name("exclude_values"))
	case !hasValues && !hasExclude:
		return nil, errValidation("%s must have values or exclude_values", p.name(k))
	}
	return &MatchCondition{Values: values, ExcludeValues: exclude}, nil
}

func matchObjectsParam(p *params, k string) ([]MatchObject, bool, *apiError) {
	items, ok, e := p.objects(k, false)
	if !ok {
		return nil, false, e
	}
	if len(items) == 0 {
		return nil, false, errValidation("%s must not be empty", p.name(k))
	}
	out := make([]MatchObject, 0, len(items))
	for _, it := range items {
		if e := it.only("value", "exact_match"); e != nil {
			return nil, false, e
		}
		v, _, e := it.str("value", true)
		if e != nil {
			return nil, false, e
		}
		exact, _, e := it.boolean("exact_match", false)
		if e != nil {
			return nil, false, e
		}
		out = append(out, MatchObject{Value: v, ExactMatch: exact})
	}
	return out, true, nil
}

func geolocationParam(p *params) (*GeolocationCondition, *apiError) {
	o, ok, e := p.object("geolocation", false)
	if !ok {
		return nil, e
	}
	if e := o.only("values"); e != nil {
		return nil, e
	}
	items, _, e := o.objects("values", true)
	if e != nil {
		return nil, e
	}
	if len(items) == 0 {
		return nil, errValidation("%s must not be empty", o.name("values"))
	}
	out := &GeolocationCondition{Values: make([]Geolocation, 0, len(items))}
	for _, it := range items {
		if e := it.only("country", "country_code", "region", "city"); e != nil {
			return nil, e
		}
		var g Geolocation
		for _, f := range []struct {
			k   string
			dst *string
		}{{"country", &g.Country}, {"country_code", &g.CountryCode}, {"region", &g.Region}, {"city", &g.City}} {
			v, _, e := it.str(f.k, false)
			if e != nil {
				return nil, e
			}
			*f.dst = v
		}
		if g == (Geolocation{}) {
			return nil, errValidation("`%s` must have at least one of: country, country_code, region, city", it.path[:len(it.path)-1])
		}
		out.Values = append(out.Values, g)
	}
	return out, nil
}

// checkNextID fails with not_found when next_id names a rule that does not exist or has not
// propagated yet.
func (c *call) checkNextID(next string) *apiError {
	if next != "" && !c.st.autoAccess.rules.referencable(next, c.now) {
		return errAutoAccessNotFound(next)
	}
	return nil
}

func addAutoAccess(c *call, p *params) (any, *apiError) {
	if e := p.only("access", "conditions", "description", "next_id"); e != nil {
		return nil, e
	}
	in, e := parseAutoAccessInput(p, true)
	if e != nil {
		return nil, e
	}
	next := ""
	if in.nextID != nil {
		next = *in.nextID
	}
	if e := c.checkNextID(next); e != nil {
		return nil, e
	}
	if e := c.checkGroups(in.access.Groups); e != nil {
		return nil, e
	}
	r := &AutoAccess{ID: newAutoAccessID(), Access: *in.access, Conditions: *in.conditions}
	if in.description != nil {
		r.Description = *in.description
	}
	aa := c.st.autoAccess
	aa.rules.create(r.ID, r, c.now, c.delay)
	aa.setOrder(moved(aa.ids(authoritative), r.ID, next, false), c.now, c.delay)
	return map[string]any{"id": r.ID}, nil
}

func listAutoAccesses(c *call, p *params) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	return c.st.autoAccesses(c.view()), nil
}

// updateAutoAccess overwrites the given fields; next_id moves the rule before the rule it names
// (to the end when empty): A->B->C->D with {"id":"C","next_id":"B"} gives A->C->B->D.
func updateAutoAccess(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "access", "conditions", "description", "next_id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	in, e := parseAutoAccessInput(p, false)
	if e != nil {
		return nil, e
	}
	aa := c.st.autoAccess
	r := aa.rules.editable(id)
	if r == nil {
		return nil, errAutoAccessNotFound(id)
	}
	if in.nextID != nil {
		if *in.nextID == id {
			return nil, errValidation("`next_id` must not be the id of the auto access being moved")
		}
		if e := c.checkNextID(*in.nextID); e != nil {
			return nil, e
		}
	}
	if in.access != nil {
		if e := c.checkGroups(in.access.Groups); e != nil {
			return nil, e
		}
		r.Access = *in.access
	}
	if in.conditions != nil {
		r.Conditions = *in.conditions
	}
	if in.description != nil {
		r.Description = *in.description
	}
	if in.access != nil || in.conditions != nil || in.description != nil {
		aa.rules.update(id, r, c.now, c.delay)
	}
	if in.nextID != nil {
		cur := aa.ids(authoritative)
		if next := moved(cur, id, *in.nextID, false); !equalStrings(next, cur) {
			aa.setOrder(next, c.now, c.delay)
		}
	}
	return empty(), nil
}

func deleteAutoAccess(c *call, p *params) (any, *apiError) {
	if e := p.only("id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	aa := c.st.autoAccess
	if aa.rules.get(id) == nil {
		return nil, errAutoAccessNotFound(id)
	}
	aa.rules.delete(id, c.now, c.delay)
	aa.setOrder(moved(aa.ids(authoritative), id, "", true), c.now, c.delay)
	return empty(), nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// AutoAccess returns the authoritative rule with that id, next_id included.
func (s *Server) AutoAccess(id string) (AutoAccess, bool) {
	for _, r := range s.AutoAccesses() {
		if r.ID == id {
			return r, true
		}
	}
	return AutoAccess{}, false
}

// AutoAccesses returns the authoritative rules in list order.
func (s *Server) AutoAccesses() []AutoAccess {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.autoAccesses(authoritative)
}

// autoAccessSnapshot is the authoritative list, for the state dump.
func (st *store) autoAccessSnapshot() AutoAccessState {
	return AutoAccessState{AutoAccesses: st.autoAccesses(authoritative)}
}

// merged returns the fixture's rules on top of st: a rule with an existing id replaces it; the
// others are added, their next_id chains after the existing list.
func (st AutoAccessState) merged(in AutoAccessState) AutoAccessState {
	return AutoAccessState{AutoAccesses: mergeBy(st.AutoAccesses, in.AutoAccesses, func(a AutoAccess) string { return a.ID })}
}

// load validates the rules of a state document (as add_auto_access would, except that
// access.groups may be empty: its groups may have been deleted) and stores them, visible at once,
// in the order their next_id chains give.
func (s *autoAccessStore) load(in AutoAccessState, groups func(int) bool) error {
	byID := map[string]*AutoAccess{}
	for i := range in.AutoAccesses {
		r := &in.AutoAccesses[i]
		if r.ID == "" {
			return fmt.Errorf("state: auto_accesses[%d] has no id", i)
		}
		if byID[r.ID] != nil {
			return fmt.Errorf("state: auto access %q appears twice", r.ID)
		}
		byID[r.ID] = r
		body, _ := json.Marshal(map[string]any{"conditions": r.Conditions})
		p, _ := parseBody(body)
		conditions, e := conditionsParam(p, true)
		if e != nil {
			return fmt.Errorf("state: auto access %q: %s", r.ID, e.Message)
		}
		kept := []int{}
		for _, g := range r.Access.Groups {
			if !groups(g) {
				return fmt.Errorf("state: auto access %q: group %d does not exist", r.ID, g)
			}
			if !slices.Contains(kept, g) {
				kept = append(kept, g)
			}
		}
		r.Access, r.Conditions = AutoAccessAccess{Groups: kept}, *conditions
	}
	order, err := chainOrder(in.AutoAccesses)
	if err != nil {
		return err
	}
	for _, id := range order {
		s.rules.load(id, cloneAutoAccess(byID[id]))
	}
	s.order.load(orderKey, &autoAccessOrder{IDs: order})
	return nil
}

// chainOrder turns next_id links into a list: each chain starts at a rule no other rule points
// to; chains follow one another in the order their first rules appear.
func chainOrder(rules []AutoAccess) ([]string, error) {
	byID := map[string]*AutoAccess{}
	pointedBy := map[string]string{}
	for i := range rules {
		byID[rules[i].ID] = &rules[i]
	}
	for _, r := range rules {
		if r.NextID == "" {
			continue
		}
		if byID[r.NextID] == nil {
			return nil, fmt.Errorf("state: auto access %q: next_id %q does not exist", r.ID, r.NextID)
		}
		if prev, ok := pointedBy[r.NextID]; ok {
			return nil, fmt.Errorf("state: auto accesses %q and %q have the same next_id %q", prev, r.ID, r.NextID)
		}
		pointedBy[r.NextID] = r.ID
	}
	order := make([]string, 0, len(rules))
	for _, r := range rules {
		if _, ok := pointedBy[r.ID]; ok {
			continue
		}
		for id := r.ID; id != ""; id = byID[id].NextID {
			order = append(order, id)
		}
	}
	if len(order) != len(rules) {
		return nil, errors.New("state: the next_id links of auto_accesses form a cycle")
	}
	return order, nil
}

// MoveAutoAccess moves a rule before next (to the end when next is empty) out of band, visible at
// once, as if someone had reordered the rules in the LiveChat app (drift tests).
func (s *Server) MoveAutoAccess(id, next string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	aa := s.st.autoAccess
	for _, x := range []string{id, next} {
		if x != "" && aa.rules.get(x) == nil {
			return fmt.Errorf("auto access %q: %w", x, ErrNotFound)
		}
	}
	aa.order.mutateNow(func(o *autoAccessOrder) bool {
		o.IDs = moved(o.IDs, id, next, false)
		return true
	})
	return nil
}
