package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// State is the format of GET /_emulator/state, of -state files and of -fixture files. Memberships
// appear on both sides (agents[].groups and groups[].agent_priorities); when loading, the union
// of both is used, a group's agent_priorities winning on a priority conflict.
type State struct {
	NextGroupID  int           `json:"next_group_id"`
	Agents       []Agent       `json:"agents"`
	Groups       []Group       `json:"groups"`
	Tags         []Tag         `json:"tags"`
	Bots         []Bot         `json:"bots"`          // bot_state.go
	BotTemplates []BotTemplate `json:"bot_templates"` // bot_state.go
	Legacy       *LegacyState  `json:"legacy,omitempty"`
	Partner      *PartnerState `json:"partner,omitempty"` // partner_store.go

	Properties        []Property        `json:"properties"`         // properties.go
	LicenseProperties []LicenseProperty `json:"license_properties"` // properties.go
	GroupProperties   []GroupProperty   `json:"group_properties"`   // properties.go

	AutoAccessState // auto_access.go: auto_accesses
	WebhookState    // webhooks.go: webhooks, license_webhooks_states
	OtherState      // product_other.go: channels, product_source, company_details
}

// ErrNotFound is returned (wrapped) by DeleteObject for an object that does not exist.
var ErrNotFound = errors.New("object not found")

// StateJSON returns the authoritative state (propagation delay ignored) as JSON.
func (s *Server) StateJSON() ([]byte, error) {
	s.mu.Lock()
	st := s.st.snapshot()
	s.mu.Unlock()
	return json.MarshalIndent(st, "", "  ")
}

// LoadState replaces the whole license with a state previously produced by StateJSON.
func (s *Server) LoadState(data []byte) error {
	in, err := decodeState(data)
	if err != nil {
		return err
	}
	st, err := s.storeFrom(in)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.setStore(st)
	s.mu.Unlock()
	return nil
}

// LoadFixture adds the objects of a state-format document to the license, replacing objects with
// the same key (agent id, group id, tag name).
func (s *Server) LoadFixture(data []byte) error {
	in, err := decodeState(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	merged := s.st.snapshot()
	for i := range merged.Groups {
		merged.Groups[i].AgentPriorities = nil // memberships live on the agents
	}
	merged.NextGroupID = max(merged.NextGroupID, in.NextGroupID)
	merged.Agents = mergeBy(merged.Agents, in.Agents, func(a Agent) string { return a.ID })
	merged.Groups = mergeBy(merged.Groups, in.Groups, func(g Group) int { return g.ID })
	merged.Tags = mergeBy(merged.Tags, in.Tags, func(t Tag) string { return t.Name })
	merged.Bots = mergeBy(merged.Bots, in.Bots, func(b Bot) string { return b.ID })
	merged.BotTemplates = mergeBy(merged.BotTemplates, in.BotTemplates, func(t BotTemplate) string { return t.ID })
	merged.Legacy = mergeLegacy(merged.Legacy, in.Legacy)
	merged.Partner = mergePartnerState(merged.Partner, in.Partner)
	mergeProperties(&merged, in)
	merged.AutoAccessState = merged.AutoAccessState.merged(in.AutoAccessState)
	merged.WebhookState = merged.WebhookState.merged(in.WebhookState)
	merged.OtherState = merged.OtherState.merged(in.OtherState)
	st, err := s.storeFrom(merged)
	if err != nil {
		return err
	}
	s.setStore(st)
	return nil
}

func mergeBy[T any, K comparable](base, add []T, key func(T) K) []T {
	idx := map[K]int{}
	for i, x := range base {
		idx[key(x)] = i
	}
	for _, x := range add {
		if i, ok := idx[key(x)]; ok {
			base[i] = x
		} else {
			idx[key(x)] = len(base)
			base = append(base, x)
		}
	}
	return base
}

// Agent returns the authoritative agent with that id.
func (s *Server) Agent(id string) (Agent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.st.agents.get(id); a != nil {
		return *cloneAgent(a), true
	}
	return Agent{}, false
}

// Group returns the authoritative group with that id, agent_priorities included.
func (s *Server) Group(id int) (Group, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.st.groups.get(id); g != nil {
		return s.st.groupOut(g, authoritative), true
	}
	return Group{}, false
}

// Tag returns the authoritative tag with exactly that name.
func (s *Server) Tag(name string) (Tag, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.st.tags.get(name); t != nil {
		return *cloneTag(t), true
	}
	return Tag{}, false
}

// DeleteObject deletes an object out of band, at once and visibly at once, as if someone had
// deleted it in the LiveChat app. kind: "agent" (id = e-mail), "group" (numeric id), "tag" (name).
func (s *Server) DeleteObject(kind, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	del := s.kinds[kind]
	if del == nil {
		return fmt.Errorf("unknown object kind %q (known: %s)", kind, strings.Join(s.kindNames(), ", "))
	}
	return del(s.st, id)
}

func (s *Server) kindNames() []string {
	out := make([]string, 0, len(s.kinds))
	for k := range s.kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// snapshot is the authoritative state.
func (st *store) snapshot() State {
	out := State{NextGroupID: st.nextGroupID, Agents: []Agent{}, Groups: []Group{}, Tags: []Tag{}}
	for _, a := range st.agents.list(authoritative) {
		out.Agents = append(out.Agents, *cloneAgent(a))
	}
	for _, g := range st.groups.list(authoritative) {
		out.Groups = append(out.Groups, st.groupOut(g, authoritative))
	}
	sort.Slice(out.Groups, func(i, j int) bool { return out.Groups[i].ID < out.Groups[j].ID })
	for _, t := range st.tags.list(authoritative) {
		out.Tags = append(out.Tags, *cloneTag(t))
	}
	out.Bots, out.BotTemplates = st.botsSnapshot()
	out.Legacy = st.legacy.snapshot()
	out.Partner = st.partner.snapshot()
	st.snapshotProperties(&out)
	out.AutoAccessState, out.WebhookState, out.OtherState = st.autoAccessSnapshot(), st.webhooks.snapshot(), st.other.snapshot()
	return out
}

// decodeState reads a state document; omitted object fields get the API's defaults.
func decodeState(data []byte) (State, error) {
	var raw struct {
		NextGroupID  int               `json:"next_group_id"`
		Agents       []json.RawMessage `json:"agents"`
		Groups       []json.RawMessage `json:"groups"`
		Tags         []json.RawMessage `json:"tags"`
		Bots         []json.RawMessage `json:"bots"`
		BotTemplates []json.RawMessage `json:"bot_templates"`
		Legacy       *LegacyState      `json:"legacy"`
		Partner      json.RawMessage   `json:"partner"`

		Properties        []Property        `json:"properties"`
		LicenseProperties []LicenseProperty `json:"license_properties"`
		GroupProperties   []GroupProperty   `json:"group_properties"`

		AutoAccessState
		WebhookState
		OtherState
	}
	if err := strictUnmarshal(data, &raw); err != nil {
		return State{}, fmt.Errorf("state: %w", err)
	}
	var bots State
	if err := decodeBotState(raw.Bots, raw.BotTemplates, &bots); err != nil {
		return State{}, err
	}
	out := State{NextGroupID: raw.NextGroupID, Legacy: raw.Legacy}
	if len(raw.Partner) > 0 && string(raw.Partner) != "null" {
		p, err := decodePartnerState(raw.Partner)
		if err != nil {
			return State{}, err
		}
		out.Partner = p
	}
	for i, r := range raw.Agents {
		a := newAgent("", "")
		a.AccountID = ""
		if err := strictUnmarshal(r, a); err != nil {
			return State{}, fmt.Errorf("state: agents[%d]: %w", i, err)
		}
		out.Agents = append(out.Agents, *a)
	}
	for i, r := range raw.Groups {
		g := Group{LanguageCode: "en", RoutingStatus: "offline"}
		if err := strictUnmarshal(r, &g); err != nil {
			return State{}, fmt.Errorf("state: groups[%d]: %w", i, err)
		}
		out.Groups = append(out.Groups, g)
	}
	for i, r := range raw.Tags {
		t := Tag{GroupIDs: []int{}}
		if err := strictUnmarshal(r, &t); err != nil {
			return State{}, fmt.Errorf("state: tags[%d]: %w", i, err)
		}
		out.Tags = append(out.Tags, t)
	}
	out.Bots, out.BotTemplates = bots.Bots, bots.BotTemplates
	out.Properties, out.LicenseProperties, out.GroupProperties = raw.Properties, raw.LicenseProperties, raw.GroupProperties
	out.AutoAccessState, out.WebhookState, out.OtherState = raw.AutoAccessState, raw.WebhookState, raw.OtherState
	return out, nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// storeFrom validates a state and builds a store whose objects are all visible at once.
func (s *Server) storeFrom(in State) (*store, error) {
	st := emptyStore()
	maxID := -1
	for _, g := range in.Groups {
		switch {
		case g.ID < 0:
			return nil, fmt.Errorf("state: group id %d is negative", g.ID)
		case st.groups.get(g.ID) != nil:
			return nil, fmt.Errorf("state: group %d appears twice", g.ID)
		case g.Name == "" || utf8.RuneCountInString(g.Name) > maxGroupNameLength:
			return nil, fmt.Errorf("state: group %d: name must be 1 to %d characters", g.ID, maxGroupNameLength)
		}
		st.groups.load(g.ID, cloneGroup(&g))
		maxID = max(maxID, g.ID)
	}
	if st.groups.get(0) == nil {
		return nil, errors.New("state: group 0 (the default group) is missing")
	}
	st.nextGroupID = max(in.NextGroupID, maxID+1, 1)
	for _, a := range in.Agents {
		if err := checkLoadedAgent(st, &a); err != nil {
			return nil, err
		}
		c := cloneAgent(&a)
		if c.AccountID == "" {
			c.AccountID = accountID(c.ID)
		}
		c.Groups = nil
		for _, m := range a.Groups {
			c.setMembership(m.ID, m.Priority)
		}
		st.agents.load(c.ID, c)
	}
	if err := loadBots(st, in); err != nil {
		return nil, err
	}
	for _, g := range in.Groups {
		for id, pr := range g.AgentPriorities {
			if isBot, err := st.loadBotPriority(g.ID, id, pr); isBot || err != nil {
				if err != nil {
					return nil, err
				}
				continue // bots are group members too
			}
			a := st.agents.get(id)
			if a == nil {
				return nil, fmt.Errorf("state: group %d: agent %q does not exist", g.ID, id)
			}
			if !contains(priorities, pr) {
				return nil, fmt.Errorf("state: group %d: agent %q: bad priority %q", g.ID, id, pr)
			}
			a.setMembership(g.ID, pr) // records built here are not shared yet
		}
	}
	for _, t := range in.Tags {
		if t.Name == "" {
			return nil, errors.New("state: a tag has no name")
		}
		for _, other := range st.tags.list(authoritative) {
			if strings.EqualFold(other.Name, t.Name) {
				return nil, fmt.Errorf("state: tag %q appears twice (letter case is ignored)", t.Name)
			}
		}
		for _, gid := range t.GroupIDs {
			if st.groups.get(gid) == nil {
				return nil, fmt.Errorf("state: tag %q: group %d does not exist", t.Name, gid)
			}
		}
		c := cloneTag(&t)
		if c.CreatedAt == "" {
			c.CreatedAt = s.opts.Now().UTC().Format(tagTimeFormat)
		}
		st.tags.load(c.Name, c)
	}
	legacy, err := legacyStoreFrom(in.Legacy, st)
	if err != nil {
		return nil, err
	}
	st.legacy = legacy
	if in.Partner != nil {
		if st.partner, err = partnerStoreFrom(*in.Partner); err != nil {
			return nil, err
		}
	}
	if err := loadProperties(st, in); err != nil {
		return nil, err
	}
	if err := st.autoAccess.load(in.AutoAccessState, func(id int) bool { return st.groups.get(id) != nil }); err != nil {
		return nil, err
	}
	if err := st.webhooks.load(in.WebhookState); err != nil {
		return nil, err
	}
	if err := st.other.load(in.OtherState); err != nil {
		return nil, err
	}
	return st, nil
}

func checkLoadedAgent(st *store, a *Agent) error {
	switch {
	case !validEmail(a.ID):
		return fmt.Errorf("state: agent id %q is not an e-mail address", a.ID)
	case st.agents.get(a.ID) != nil:
		return fmt.Errorf("state: agent %q appears twice", a.ID)
	case a.Name == "":
		return fmt.Errorf("state: agent %q has no name", a.ID)
	case !contains(allRoles, a.Role):
		return fmt.Errorf("state: agent %q: bad role %q", a.ID, a.Role)
	case !contains(loginStatuses, a.LoginStatus):
		return fmt.Errorf("state: agent %q: bad login_status %q", a.ID, a.LoginStatus)
	case a.MaxChatsCount < 0 || a.MaxChatsCount > maxChatsCountLimit:
		return fmt.Errorf("state: agent %q: max_chats_count out of range", a.ID)
	}
	for _, m := range a.Groups {
		if st.groups.get(m.ID) == nil {
			return fmt.Errorf("state: agent %q: group %d does not exist", a.ID, m.ID)
		}
		if !contains(priorities, m.Priority) {
			return fmt.Errorf("state: agent %q: bad priority %q in group %d", a.ID, m.Priority, m.ID)
		}
	}
	return nil
}
