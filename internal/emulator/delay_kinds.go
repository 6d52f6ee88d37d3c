package emulator

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Propagation delay per object kind.
//
// Options.PropagationDelay applies to every write. Options.PropagationDelayFor overrides it for the
// writes of one kind of object, keyed by the kind names of DeleteObject ("agent", "group", "tag",
// "bot", "webhook", "canned_response", ...; KnownDelayKinds lists them all). The override is applied
// where a write records its delay: every table (delay.go) is bound to its kind and to the server's
// delayPolicy, and its create/update/delete use the kind's override instead of the delay the action
// passed. So a write's delay depends on what is written, not on which action or API wrote it: an
// agent created through the legacy REST API and one created through create_agent propagate alike,
// and a cascade (delete_group dropping memberships) propagates with the delay of the objects it
// changes.

// delayPolicy is a server's per-kind overrides; guarded by Server.mu like the store.
type delayPolicy struct {
	perKind map[string]time.Duration
}

// delayOf is the delay of a write of kind: its override, else def.
func (p *delayPolicy) delayOf(kind string, def time.Duration) time.Duration {
	if p != nil {
		if d, ok := p.perKind[kind]; ok {
			return d
		}
	}
	return def
}

// delayBinder is implemented by every *table.
type delayBinder interface {
	bindDelay(kind string, p *delayPolicy)
}

func (t *table[K, T]) bindDelay(kind string, p *delayPolicy) {
	t.kind, t.policy = kind, p
}

// delayOf is the delay of a write to t, given the action's default delay.
func (t *table[K, T]) delayOf(def time.Duration) time.Duration {
	return t.policy.delayOf(t.kind, def)
}

// delayTables lists every table of the store with the kind name its writes are configured by.
// Keep it complete: TestDelayKindsCoverEveryTable fails for a table that is missing here.
func (st *store) delayTables() map[string][]delayBinder {
	return map[string][]delayBinder{
		"agent":                  {st.agents},
		"group":                  {st.groups},
		"tag":                    {st.tags},
		"bot":                    {st.bots},
		"bot_template":           {st.botTemplates},
		"property":               {st.props.defs},
		"license_property":       {st.props.license},
		"group_property":         {st.props.groups},
		"auto_access":            {st.autoAccess.rules},
		"auto_access_order":      {st.autoAccess.order},
		"webhook":                {st.webhooks.hooks},
		"license_webhooks_state": {st.webhooks.states},
		"canned_response":        {st.legacy.canned},
		"goal":                   {st.legacy.goals},
		"greeting":               {st.legacy.greetings},
		"legacy_webhook":         {st.legacy.webhooks},
		"partner_profile":        {st.partner.profile},
		"partner_billing":        {st.partner.billing},
		"expert_profile":         {st.partner.expert},
		"partner_api_token":      {st.partner.tokens},
		"campaign":               {st.partner.campaigns},
		"solution_organization":  {st.partner.orgs},
		"solution_license":       {st.partner.licenses},
		"lead":                   {st.partner.leads},
		"withdrawal":             {st.partner.withdrawals},
	}
}

// bindDelays binds every table of st to p.
func (st *store) bindDelays(p *delayPolicy) {
	for kind, ts := range st.delayTables() {
		for _, t := range ts {
			t.bindDelay(kind, p)
		}
	}
}

// KnownDelayKinds are the keys Options.PropagationDelayFor accepts, sorted.
func KnownDelayKinds() []string {
	tables := emptyStore().delayTables()
	out := make([]string, 0, len(tables))
	for k := range tables {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkDelayKinds validates per-kind delays: known kinds, non-negative durations.
func checkDelayKinds(m map[string]time.Duration) error {
	known := map[string]bool{}
	for _, k := range KnownDelayKinds() {
		known[k] = true
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			return fmt.Errorf("unknown object kind %q (known: %s)", k, strings.Join(KnownDelayKinds(), ", "))
		}
		if m[k] < 0 {
			return fmt.Errorf("the propagation delay of %q must not be negative, got %s", k, m[k])
		}
	}
	return nil
}

// setStore installs st as the license, bound to the server's per-kind delays. Callers hold s.mu
// or own s exclusively (New).
func (s *Server) setStore(st *store) {
	st.bindDelays(s.delays)
	s.st = st
}

// SetPropagationDelayFor sets the delay of later writes of one kind of object (see
// KnownDelayKinds); a negative d removes the override, so that the kind follows the default delay
// again.
func (s *Server) SetPropagationDelayFor(kind string, d time.Duration) error {
	if err := checkDelayKinds(map[string]time.Duration{kind: max(d, 0)}); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d < 0 {
		delete(s.delays.perKind, kind)
	} else {
		s.delays.perKind[kind] = d
	}
	return nil
}

// setPropagationDelays replaces all per-kind overrides at once (admin API).
func (s *Server) setPropagationDelays(m map[string]time.Duration) error {
	if err := checkDelayKinds(m); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays.perKind = copyDelays(m)
	return nil
}

// propagationDelays returns a copy of the per-kind overrides. Callers hold s.mu.
func (s *Server) propagationDelays() map[string]time.Duration {
	return copyDelays(s.delays.perKind)
}

func copyDelays(m map[string]time.Duration) map[string]time.Duration {
	out := make(map[string]time.Duration, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// newDelayPolicy builds the policy of Options.PropagationDelayFor; New panics on invalid input
// like on other programming errors, the CLI and admin API validate first.
func newDelayPolicy(m map[string]time.Duration) *delayPolicy {
	if err := checkDelayKinds(m); err != nil {
		panic("emulator: Options.PropagationDelayFor: " + err.Error())
	}
	return &delayPolicy{perKind: copyDelays(m)}
}

// delayForFlag is the repeatable -propagation-delay-for kind=duration flag (values may also be
// comma-separated: agent=5s,group=10s).
type delayForFlag map[string]time.Duration

func (f delayForFlag) String() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+f[k].String())
	}
	return strings.Join(parts, ",")
}

func (f delayForFlag) Set(v string) error {
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		kind, dur, ok := strings.Cut(item, "=")
		kind = strings.TrimSpace(kind)
		if !ok || kind == "" {
			return fmt.Errorf("want kind=duration, e.g. agent=30s, not %q", item)
		}
		d, err := time.ParseDuration(strings.TrimSpace(dur))
		if err != nil {
			return fmt.Errorf("%s: %v", kind, err)
		}
		m := map[string]time.Duration{kind: d}
		if err := checkDelayKinds(m); err != nil {
			return err
		}
		f[kind] = d
	}
	return nil
}

// membersDelay is how long a membership write (stored on agents and bots) takes to propagate.
func (st *store) membersDelay(def time.Duration) time.Duration {
	return max(st.agents.delayOf(def), st.bots.delayOf(def))
}
