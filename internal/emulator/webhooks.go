package emulator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Webhooks: Configuration API v3.6 "Webhooks" section. Webhooks are registered per owner client
// id; "One Client ID can register up to three webhooks for every action". The license webhooks
// state (enable/disable/get_license_webhooks_state) is kept per owner client id.

// Webhook is a registered webhook (the state dump format; list_webhooks never shows secret_key).
type Webhook struct {
	ID             string          `json:"id"`
	URL            string          `json:"url"`
	Description    string          `json:"description"`
	Action         string          `json:"action"`
	SecretKey      string          `json:"secret_key"`
	Filters        *WebhookFilters `json:"filters,omitempty"`
	AdditionalData []string        `json:"additional_data,omitempty"`
	OwnerClientID  string          `json:"owner_client_id"`
	Type           string          `json:"type"`
}

// WebhookFilters are the register_webhook filters.
type WebhookFilters struct {
	AuthorType   string               `json:"author_type,omitempty"`
	OnlyMyChats  *bool                `json:"only_my_chats,omitempty"`
	ChatPresence *WebhookChatPresence `json:"chat_presence,omitempty"`
	SourceType   []string             `json:"source_type,omitempty"`
}

// WebhookChatPresence is filters.chat_presence.
type WebhookChatPresence struct {
	UserIDs *WebhookUserIDs `json:"user_ids,omitempty"`
	MyBots  *bool           `json:"my_bots,omitempty"`
}

// WebhookUserIDs is filters.chat_presence.user_ids: values or exclude_values, never both.
type WebhookUserIDs struct {
	Values        []string `json:"values,omitempty"`
	ExcludeValues []string `json:"exclude_values,omitempty"`
}

// LicenseWebhooksState is the license webhooks state of one owner client id.
type LicenseWebhooksState struct {
	OwnerClientID string `json:"owner_client_id"`
	Enabled       bool   `json:"license_webhooks_enabled"`
}

// WebhookState is the webhooks part of State.
type WebhookState struct {
	Webhooks []Webhook `json:"webhooks"`
	// LicenseWebhooksStates lists the owner client ids whose state was set; any other is enabled.
	LicenseWebhooksStates []LicenseWebhooksState `json:"license_webhooks_states"`
}

const (
	// maxWebhooksPerAction is the documented limit per action and owner client id.
	maxWebhooksPerAction = 3
	// maxWebhookURLLength is Register Webhook's "Maximum: 500 characters" for url.
	maxWebhookURLLength = 500
)

// Filter names of the "Triggering actions" table.
const (
	filterChatPresence = "chat_presence"
	filterOnlyMyChats  = "only_my_chats"
	filterSourceType   = "source_type"
	filterAuthorType   = "author_type"
	filterAgentIDs     = "agent_ids"
)

// webhookActions is the "Triggering actions" table of Register Webhook in today's reference
// (configuration-api-v3.6-current.mdx; the 2024 preview had incoming_customer and lacked
// event_deleted and thread_summary_set): each action with the filters it allows, in its order.
var webhookActions = func() []webhookAction {
	chat := []string{filterChatPresence, filterOnlyMyChats, filterSourceType}
	event := []string{filterChatPresence, filterAuthorType, filterOnlyMyChats, filterSourceType}
	source := []string{filterSourceType}
	var out []webhookAction
	add := func(filters []string, names ...string) {
		for _, n := range names {
			out = append(out, webhookAction{n, filters})
		}
	}
	add(chat, "incoming_chat", "chat_deactivated", "chat_access_updated", "chat_transferred",
		"user_added_to_chat", "user_removed_from_chat")
	add(event, "incoming_event")
	add(chat, "event_deleted")
	add(event, "event_updated")
	add(chat, "incoming_rich_message_postback", "chat_properties_updated", "chat_properties_deleted",
		"thread_properties_updated", "thread_properties_deleted", "event_properties_updated",
		"event_properties_deleted", "thread_tagged", "thread_untagged")
	add([]string{filterAgentIDs, filterSourceType}, "routing_status_set")
	add([]string{filterChatPresence, filterSourceType}, "customer_session_fields_updated")
	add(chat, "events_marked_as_seen")
	add(source, "group_created", "group_updated", "group_deleted", "agent_created", "agent_updated",
		"agent_deleted", "agent_suspended", "agent_unsuspended", "agent_approved", "bot_created",
		"bot_updated", "bot_deleted", "auto_accesses_updated", "tag_created", "tag_deleted", "tag_updated")
	add(chat, "thread_summary_set")
	return out
}()

type webhookAction struct {
	name    string
	filters []string
}

// Documented enums of register_webhook.
var (
	webhookTypes          = []string{"bot", "license"}
	webhookAdditionalData = []string{"chat_properties", "chat_presence_user_ids"}
	webhookAuthorTypes    = []string{"customer", "agent"}
	webhookSourceTypes    = []string{"my_client", "other_clients", "system"}
	// additional_data is documented for "all actions except for agent_status_changed,
	// agent_deleted"; agent_status_changed is the former name of routing_status_set (see
	// API-NOTES.md).
	webhookNoAdditionalData = []string{"routing_status_set", "agent_deleted"}
	// webhookAPIVersion is the only version list_webhook_names knows.
	webhookAPIVersion = configurationVersion
	apiVersionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
)

func webhookActionNames() []string {
	out := make([]string, len(webhookActions))
	for i, a := range webhookActions {
		out[i] = a.name
	}
	return out
}

func webhookFiltersOf(action string) []string {
	for _, a := range webhookActions {
		if a.name == action {
			return a.filters
		}
	}
	return nil
}

type webhookStore struct {
	hooks  *table[string, Webhook]
	states *table[string, LicenseWebhooksState]
}

func newWebhookStore() *webhookStore {
	return &webhookStore{
		hooks:  newTable[string](cloneWebhook),
		states: newTable[string](func(s *LicenseWebhooksState) *LicenseWebhooksState { c := *s; return &c }),
	}
}

func cloneWebhook(w *Webhook) *Webhook {
	c := *w
	c.AdditionalData = append([]string(nil), w.AdditionalData...)
	if w.Filters != nil {
		f := *w.Filters
		f.OnlyMyChats = clonePtr(w.Filters.OnlyMyChats)
		f.SourceType = append([]string(nil), w.Filters.SourceType...)
		if cp := w.Filters.ChatPresence; cp != nil {
			p := WebhookChatPresence{MyBots: clonePtr(cp.MyBots)}
			if cp.UserIDs != nil {
				p.UserIDs = &WebhookUserIDs{
					Values:        append([]string(nil), cp.UserIDs.Values...),
					ExcludeValues: append([]string(nil), cp.UserIDs.ExcludeValues...),
				}
			}
			f.ChatPresence = &p
		}
		c.Filters = &f
	}
	return &c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func registerWebhooks(s *Server) {
	s.register("register_webhook", registerWebhook, "")
	s.register("list_webhooks", listWebhooks, "")
	s.register("unregister_webhook", unregisterWebhook, "")
	s.register("list_webhook_names", listWebhookNames, "")
	s.register("enable_license_webhooks", setLicenseWebhooks(true), "")
	s.register("disable_license_webhooks", setLicenseWebhooks(false), "")
	s.register("get_license_webhooks_state", getLicenseWebhooksState, "")
	s.kinds["webhook"] = func(st *store, id string) error {
		if st.webhooks.hooks.get(id) == nil {
			return fmt.Errorf("webhook %q: %w", id, ErrNotFound)
		}
		st.webhooks.hooks.purge(id)
		return nil
	}
	// Deleting a license webhooks state out of band puts the owner back to the default (enabled).
	s.kinds["license_webhooks_state"] = func(st *store, owner string) error {
		if st.webhooks.states.get(owner) == nil {
			return fmt.Errorf("license webhooks state of %q: %w", owner, ErrNotFound)
		}
		st.webhooks.states.purge(owner)
		return nil
	}
}

// parseWebhook reads a register_webhook body.
func parseWebhook(p *params) (*Webhook, *apiError) {
	if e := p.only("action", "secret_key", "url", "additional_data", "description", "filters", "owner_client_id", "type"); e != nil {
		return nil, e
	}
	w := &Webhook{}
	var e *apiError
	if w.Action, _, e = p.str("action", true); e != nil {
		return nil, e
	}
	if e := oneOf("action", w.Action, webhookActionNames()); e != nil {
		return nil, e
	}
	if w.SecretKey, _, e = p.str("secret_key", true); e != nil {
		return nil, e
	}
	if w.URL, _, e = p.str("url", true); e != nil {
		return nil, e
	}
	if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errValidation("`url` must be an absolute http:// or https:// URL")
	}
	if utf8.RuneCountInString(w.URL) > maxWebhookURLLength {
		return nil, errValidation("`url` must be at most %d characters", maxWebhookURLLength)
	}
	data, hasData, e := p.strings("additional_data", false, webhookAdditionalData...)
	if e != nil {
		return nil, e
	}
	if hasData && len(data) > 0 && contains(webhookNoAdditionalData, w.Action) {
		return nil, errValidation("`additional_data` is not available for action %s", w.Action)
	}
	w.AdditionalData = dedupe(data)
	if w.Description, _, e = p.str("description", false); e != nil {
		return nil, e
	}
	if w.Filters, e = webhookFiltersParam(p, w.Action); e != nil {
		return nil, e
	}
	if w.OwnerClientID, _, e = p.str("owner_client_id", true); e != nil {
		return nil, e
	}
	if w.Type, _, e = p.str("type", true); e != nil {
		return nil, e
	}
	if e := oneOf("type", w.Type, webhookTypes); e != nil {
		return nil, e
	}
	return w, nil
}

// webhookFiltersParam reads filters; each filter must be one the action allows. The agent_ids
// filter of the table has no documented shape and is not accepted (see API-NOTES.md).
func webhookFiltersParam(p *params, action string) (*WebhookFilters, *apiError) {
	o, ok, e := p.object("filters", false)
	if !ok {
		return nil, e
	}
	if e := o.only(filterAuthorType, filterOnlyMyChats, filterChatPresence, filterSourceType); e != nil {
		return nil, e
	}
	allowed := webhookFiltersOf(action)
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !contains(allowed, k) {
			return nil, errValidation("%s is not available for action %s (its filters: %s)", o.name(k), action, strings.Join(allowed, ", "))
		}
	}
	f := &WebhookFilters{}
	if f.AuthorType, _, e = o.str(filterAuthorType, false); e != nil {
		return nil, e
	} else if o.has(filterAuthorType) {
		if e := oneOf("filters.author_type", f.AuthorType, webhookAuthorTypes); e != nil {
			return nil, e
		}
	}
	if b, ok, e := o.boolean(filterOnlyMyChats, false); e != nil {
		return nil, e
	} else if ok {
		f.OnlyMyChats = &b
	}
	if f.ChatPresence, e = chatPresenceParam(o); e != nil {
		return nil, e
	}
	if st, ok, e := o.strings(filterSourceType, false, webhookSourceTypes...); e != nil {
		return nil, e
	} else if ok {
		if len(st) == 0 {
			return nil, errValidation("%s must not be empty", o.name(filterSourceType))
		}
		f.SourceType = dedupe(st)
	}
	if f.AuthorType == "" && f.OnlyMyChats == nil && f.ChatPresence == nil && f.SourceType == nil {
		return nil, nil
	}
	return f, nil
}

func chatPresenceParam(p *params) (*WebhookChatPresence, *apiError) {
	o, ok, e := p.object(filterChatPresence, false)
	if !ok {
		return nil, e
	}
	if e := o.only("user_ids", "my_bots"); e != nil {
		return nil, e
	}
	cp := &WebhookChatPresence{}
	if b, ok, e := o.boolean("my_bots", false); e != nil {
		return nil, e
	} else if ok {
		cp.MyBots = &b
	}
	if u, ok, e := o.object("user_ids", false); e != nil {
		return nil, e
	} else if ok {
		if e := u.only("values", "exclude_values"); e != nil {
			return nil, e
		}
		ids := &WebhookUserIDs{}
		values, hasValues, e := u.strings("values", false)
		if e != nil {
			return nil, e
		}
		exclude, hasExclude, e := u.strings("exclude_values", false)
		if e != nil {
			return nil, e
		}
		switch {
		case hasValues && hasExclude:
			return nil, errValidation("Only one of %s and %s is allowed", u.name("values"), u.name("exclude_values"))
		case hasValues && len(values) == 0:
			return nil, errValidation("%s must not be empty", u.name("values"))
		case hasExclude && len(exclude) == 0:
			return nil, errValidation("%s must not be empty", u.name("exclude_values"))
		case !hasValues && !hasExclude:
			return nil, errValidation("%s must have values or exclude_values", o.name("user_ids"))
		}
		ids.Values, ids.ExcludeValues = dedupe(values), dedupe(exclude)
		cp.UserIDs = ids
	}
	if cp.UserIDs == nil && cp.MyBots == nil {
		return nil, errValidation("%s must have user_ids or my_bots", p.name(filterChatPresence))
	}
	return cp, nil
}

// dedupe drops repeated strings, keeping the first occurrence; nil stays nil.
func dedupe(items []string) []string {
	if len(items) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(items))
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func registerWebhook(c *call, p *params) (any, *apiError) {
	w, e := parseWebhook(p)
	if e != nil {
		return nil, e
	}
	n := 0
	for _, other := range c.st.webhooks.hooks.list(authoritative) {
		if other.OwnerClientID == w.OwnerClientID && other.Action == w.Action {
			n++
		}
	}
	if n >= maxWebhooksPerAction {
		return nil, newError(errTypeLimitReached, fmt.Sprintf("Limit reached: client %s already has %d webhooks for action %s", w.OwnerClientID, maxWebhooksPerAction, w.Action))
	}
	w.ID = newAutoAccessID()
	c.st.webhooks.hooks.create(w.ID, w, c.now, c.delay)
	return map[string]any{"id": w.ID}, nil
}

// webhookOut is a webhook as list_webhooks shows it: everything but the secret key.
func webhookOut(w *Webhook) map[string]any {
	out := map[string]any{
		"id": w.ID, "url": w.URL, "description": w.Description, "action": w.Action,
		"owner_client_id": w.OwnerClientID, "type": w.Type,
	}
	if w.Filters != nil {
		out["filters"] = w.Filters
	}
	if len(w.AdditionalData) > 0 {
		out["additional_data"] = w.AdditionalData
	}
	return out
}

func ownerParam(p *params) (string, *apiError) {
	owner, _, e := p.str("owner_client_id", true)
	return owner, e
}

func listWebhooks(c *call, p *params) (any, *apiError) {
	if e := p.only("owner_client_id"); e != nil {
		return nil, e
	}
	owner, e := ownerParam(p)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, w := range c.st.webhooks.hooks.list(c.view()) {
		if w.OwnerClientID == owner {
			out = append(out, webhookOut(w))
		}
	}
	return out, nil
}

func unregisterWebhook(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "owner_client_id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	owner, e := ownerParam(p)
	if e != nil {
		return nil, e
	}
	w := c.st.webhooks.hooks.get(id)
	if w == nil || w.OwnerClientID != owner {
		return nil, newError(errTypeNotFound, fmt.Sprintf("Webhook %s not found", id))
	}
	c.st.webhooks.hooks.delete(id, c.now, c.delay)
	return empty(), nil
}

// listWebhookNames answers from the "Triggering actions" table (the example answer disagrees with
// it; see API-NOTES.md). Only version 3.6 is known.
func listWebhookNames(c *call, p *params) (any, *apiError) {
	if e := p.only("version"); e != nil {
		return nil, e
	}
	version, _, e := p.str("version", false)
	if e != nil {
		return nil, e
	}
	if version == "" {
		version = webhookAPIVersion
	}
	if !apiVersionPattern.MatchString(version) {
		return nil, errValidation("`version` must be an API version such as \"%s\"", webhookAPIVersion)
	}
	if version != webhookAPIVersion {
		return nil, newError(errTypeUnsupportedVersion, "")
	}
	out := make([]map[string]any, 0, len(webhookActions))
	for _, a := range webhookActions {
		item := map[string]any{"action": a.name, "filters": a.filters}
		if !contains(webhookNoAdditionalData, a.name) {
			item["additional_data"] = webhookAdditionalData
		}
		out = append(out, item)
	}
	return out, nil
}

// setLicenseWebhooks is enable_license_webhooks (true) or disable_license_webhooks (false).
// owner_client_id is required: the emulator's access tokens belong to no OAuth client.
func setLicenseWebhooks(enabled bool) actionFunc {
	return func(c *call, p *params) (any, *apiError) {
		if e := p.only("owner_client_id"); e != nil {
			return nil, e
		}
		owner, e := ownerParam(p)
		if e != nil {
			return nil, e
		}
		s := &LicenseWebhooksState{OwnerClientID: owner, Enabled: enabled}
		states := c.st.webhooks.states
		if states.get(owner) == nil {
			states.create(owner, s, c.now, c.delay)
		} else {
			states.update(owner, s, c.now, c.delay)
		}
		return empty(), nil
	}
}

func getLicenseWebhooksState(c *call, p *params) (any, *apiError) {
	if e := p.only("owner_client_id"); e != nil {
		return nil, e
	}
	owner, e := ownerParam(p)
	if e != nil {
		return nil, e
	}
	enabled := true // webhooks are enabled for an installed application until disabled
	if s := c.st.webhooks.states.in(owner, c.view()); s != nil {
		enabled = s.Enabled
	}
	return map[string]any{"license_webhooks_enabled": enabled}, nil
}

// Webhook returns the authoritative webhook with that id, secret key included.
func (s *Server) Webhook(id string) (Webhook, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.st.webhooks.hooks.get(id); w != nil {
		return *cloneWebhook(w), true
	}
	return Webhook{}, false
}

// LicenseWebhooksEnabled returns the authoritative license webhooks state of an owner client id
// and whether it was ever set (unset means enabled).
func (s *Server) LicenseWebhooksEnabled(owner string) (enabled, set bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.st.webhooks.states.get(owner); st != nil {
		return st.Enabled, true
	}
	return true, false
}

// snapshot is the authoritative webhooks and states, for the state dump.
func (s *webhookStore) snapshot() WebhookState {
	out := WebhookState{Webhooks: []Webhook{}, LicenseWebhooksStates: []LicenseWebhooksState{}}
	for _, w := range s.hooks.list(authoritative) {
		out.Webhooks = append(out.Webhooks, *cloneWebhook(w))
	}
	for _, st := range s.states.list(authoritative) {
		out.LicenseWebhooksStates = append(out.LicenseWebhooksStates, *st)
	}
	return out
}

// merged returns the fixture's webhooks and states on top of st, replacing equal keys.
func (st WebhookState) merged(in WebhookState) WebhookState {
	return WebhookState{
		Webhooks:              mergeBy(st.Webhooks, in.Webhooks, func(w Webhook) string { return w.ID }),
		LicenseWebhooksStates: mergeBy(st.LicenseWebhooksStates, in.LicenseWebhooksStates, func(s LicenseWebhooksState) string { return s.OwnerClientID }),
	}
}

// load validates webhooks (as register_webhook would, limit included) and states and stores them
// visible at once.
func (s *webhookStore) load(in WebhookState) error {
	perAction := map[[2]string]int{}
	for i, w := range in.Webhooks {
		if w.ID == "" {
			return fmt.Errorf("state: webhooks[%d] has no id", i)
		}
		if s.hooks.get(w.ID) != nil {
			return fmt.Errorf("state: webhook %q appears twice", w.ID)
		}
		body, _ := json.Marshal(w)
		p, _ := parseBody(body)
		delete(p.m, "id")
		parsed, e := parseWebhook(p)
		if e != nil {
			return fmt.Errorf("state: webhook %q: %s", w.ID, e.Message)
		}
		key := [2]string{parsed.OwnerClientID, parsed.Action}
		if perAction[key]++; perAction[key] > maxWebhooksPerAction {
			return fmt.Errorf("state: client %q has more than %d webhooks for action %s", key[0], maxWebhooksPerAction, key[1])
		}
		parsed.ID = w.ID
		s.hooks.load(w.ID, parsed)
	}
	for _, st := range in.LicenseWebhooksStates {
		if st.OwnerClientID == "" {
			return fmt.Errorf("state: a license webhooks state has no owner_client_id")
		}
		if s.states.get(st.OwnerClientID) != nil {
			return fmt.Errorf("state: license webhooks state of %q appears twice", st.OwnerClientID)
		}
		c := st
		s.states.load(st.OwnerClientID, &c)
	}
	return nil
}
