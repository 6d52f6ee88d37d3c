package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// Bots: Configuration API v3.6 "Bots" section (create/update/delete/get/list bots, reset_bot_secret)
// and its batch variants. Bots are group members like agents: their memberships live on the bot
// (Bot.Groups) and appear in the groups' agent_priorities (see store.members).

// Bot is the emulator's full record of a bot (the state dump format). Secret is kept so that
// issue_bot_token can check it; CreatedBy is the requester that created the bot (list_bots with
// all=false returns the requester's bots); TemplateID is set for bots created from a bot template.
type Bot struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	Avatar               string            `json:"avatar"`
	MaxChatsCount        int               `json:"max_chats_count"`
	DefaultGroupPriority string            `json:"default_group_priority"`
	JobTitle             string            `json:"job_title"`
	Type                 string            `json:"type"`
	OwnerClientID        string            `json:"owner_client_id"`
	Groups               []GroupMembership `json:"groups"`
	WorkScheduler        WorkScheduler     `json:"work_scheduler"`
	Secret               string            `json:"secret"`
	CreatedBy            string            `json:"created_by,omitempty"`
	TemplateID           string            `json:"template_id,omitempty"`
}

const (
	maxBotChatsCount      = 500       // "Limited to 500." (Create Bot, Update Bot, bot templates)
	defaultBotChatsCount  = 6         // "default: 6"
	defaultBotPriority    = "first"   // not documented; the Get Bot example shows "first"
	defaultBotType        = "chatbot" // "Default: `chatbot`" (Create Bot, today's reference)
	emulatorTokenClientID = "livechat-emulator"
)

// botFields are the documented values of get_bot's and list_bots' `fields`.
var botFields = []string{"work_scheduler", "groups", "job_title", "max_chats_count", "timezone"}

func cloneBot(b *Bot) *Bot {
	c := *b
	c.Groups = append([]GroupMembership{}, b.Groups...)
	c.WorkScheduler.Schedule = append([]ScheduleEntry{}, b.WorkScheduler.Schedule...)
	return &c
}

func newBot(id, name string) *Bot {
	return &Bot{
		ID:                   id,
		Name:                 name,
		MaxChatsCount:        defaultBotChatsCount,
		DefaultGroupPriority: defaultBotPriority,
		Type:                 defaultBotType,
		Groups:               []GroupMembership{},
		WorkScheduler:        WorkScheduler{Schedule: []ScheduleEntry{}},
	}
}

// randomHex returns n random bytes as hex: bot and template ids and secrets look like the
// examples' 32-character hex strings.
func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("emulator: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// setMembership sets (priority != "") or removes (priority == "") the bot's membership in gid,
// keeping memberships sorted by group id like an agent's; it reports whether anything changed.
func (b *Bot) setMembership(gid int, priority string) bool {
	a := Agent{Groups: b.Groups}
	changed := a.setMembership(gid, priority)
	b.Groups = a.Groups
	return changed
}

func registerBots(s *Server) {
	s.register("create_bot", createBot, "batch_create_bots")
	s.register("update_bot", updateBot, "batch_update_bots")
	s.register("delete_bot", deleteBot, "batch_delete_bots")
	s.register("get_bot", getBot, "")
	s.register("list_bots", listBots, "")
	s.register("reset_bot_secret", resetBotSecret, "")
	s.register("issue_bot_token", issueBotToken, "")
	s.kinds["bot"] = func(st *store, id string) error {
		if st.bots.get(id) == nil {
			return fmt.Errorf("bot %q: %w", id, ErrNotFound)
		}
		st.bots.purge(id)
		return nil
	}
	registerBotTemplates(s)
}

// botInput is the validated optional part of a create_bot/update_bot (and, for the fields they
// share, a bot template) request.
type botInput struct {
	avatar, jobTitle, defaultPriority, botType *string
	maxChatsCount                              *int
	groups                                     []GroupMembership
	hasGroups                                  bool
	workScheduler                              *workSchedulerInput
}

// parseBotInput reads the parameters bots and bot templates share; forBot adds those of bots only:
// groups, work_scheduler and type.
func parseBotInput(p *params, forBot bool) (*botInput, *apiError) {
	in := &botInput{}
	var e *apiError
	if in.avatar, e = optString(p, "avatar", nil); e != nil {
		return nil, e
	}
	if in.jobTitle, e = optString(p, "job_title", nil); e != nil {
		return nil, e
	}
	if in.defaultPriority, e = optString(p, "default_group_priority", priorities); e != nil {
		return nil, e
	}
	if n, ok, e := p.integer("max_chats_count", false); e != nil {
		return nil, e
	} else if ok {
		if n < 0 || n > maxBotChatsCount {
			return nil, errValidation("`max_chats_count` must be between 0 and %d", maxBotChatsCount)
		}
		in.maxChatsCount = &n
	}
	if forBot {
		if in.groups, in.hasGroups, e = parseMemberships(p); e != nil {
			return nil, e
		}
		if in.workScheduler, e = parseWorkScheduler(p, false); e != nil {
			return nil, e
		}
		// "A custom value to categorize or identify the bot": any string; an empty one is refused.
		if in.botType, e = optString(p, "type", nil); e != nil {
			return nil, e
		}
		if in.botType != nil && *in.botType == "" {
			return nil, errValidation("`type` must not be empty")
		}
	}
	return in, nil
}

// botName reads `name`; a present name must not be empty.
func botName(p *params, required bool) (*string, *apiError) {
	n, ok, e := p.str("name", required)
	if !ok {
		return nil, e
	}
	if n == "" {
		return nil, errValidation("`name` must not be empty")
	}
	return &n, nil
}

// apply writes the input onto b (a copy owned by the caller).
func (in *botInput) apply(b *Bot) *apiError {
	for _, f := range []struct {
		dst *string
		v   *string
	}{{&b.Avatar, in.avatar}, {&b.JobTitle, in.jobTitle}, {&b.DefaultGroupPriority, in.defaultPriority}, {&b.Type, in.botType}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	if in.maxChatsCount != nil {
		b.MaxChatsCount = *in.maxChatsCount
	}
	if in.hasGroups {
		b.Groups = in.groups
	}
	if ws := in.workScheduler; ws != nil {
		tz := ws.timezone
		if tz == "" {
			tz = b.WorkScheduler.Timezone // as for agents: "Falls back to the ... timezone if empty."
		}
		if tz == "" && len(ws.schedule) > 0 {
			return errValidation("`work_scheduler.timezone` is required when the schedule is not empty")
		}
		b.WorkScheduler = WorkScheduler{Timezone: tz, Schedule: ws.schedule}
	}
	return nil
}

// ownerClientIDParam reads the optional owner_client_id of create_bot/reset_bot_secret.
func ownerClientIDParam(p *params, required bool) (string, bool, *apiError) {
	v, ok, e := p.str("owner_client_id", required)
	if e != nil {
		return "", false, e
	}
	if ok && v == "" {
		return "", false, errValidation("`owner_client_id` must not be empty")
	}
	return v, ok, nil
}

func createBot(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "avatar", "max_chats_count", "default_group_priority", "job_title",
		"groups", "type", "work_scheduler", "owner_client_id"); e != nil {
		return nil, e
	}
	name, e := botName(p, true)
	if e != nil {
		return nil, e
	}
	in, e := parseBotInput(p, true)
	if e != nil {
		return nil, e
	}
	owner, ok, e := ownerClientIDParam(p, false)
	if e != nil {
		return nil, e
	}
	if !ok {
		owner = emulatorTokenClientID // the client the access token was issued to
	}
	if e := c.checkGroups(membershipIDs(in.groups)); e != nil {
		return nil, e
	}
	b := newBot(randomHex(16), *name)
	b.OwnerClientID, b.CreatedBy, b.Secret = owner, c.requester, randomHex(16)
	if e := in.apply(b); e != nil {
		return nil, e
	}
	c.st.bots.create(b.ID, b, c.now, c.delay)
	return map[string]any{"id": b.ID, "secret": b.Secret}, nil
}

func updateBot(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "name", "avatar", "max_chats_count", "groups", "default_group_priority",
		"job_title", "type", "work_scheduler"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	name, e := botName(p, false)
	if e != nil {
		return nil, e
	}
	in, e := parseBotInput(p, true)
	if e != nil {
		return nil, e
	}
	b := c.st.bots.editable(id)
	if b == nil {
		return nil, errBotNotFound(id)
	}
	if e := c.checkGroups(membershipIDs(in.groups)); e != nil {
		return nil, e
	}
	if name != nil {
		b.Name = *name
	}
	if e := in.apply(b); e != nil {
		return nil, e
	}
	c.st.bots.update(id, b, c.now, c.delay)
	return empty(), nil
}

func errBotNotFound(id string) *apiError {
	return newError(errTypeNotFound, "Bot "+id+" not found")
}

func deleteBot(c *call, p *params) (any, *apiError) {
	if e := p.only("id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	if c.st.bots.get(id) == nil {
		return nil, errBotNotFound(id)
	}
	c.st.bots.delete(id, c.now, c.delay)
	return empty(), nil
}

func getBot(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "fields"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, botFields)
	if e != nil {
		return nil, e
	}
	b := c.st.bots.in(id, c.view())
	if b == nil {
		return nil, errBotNotFound(id)
	}
	return c.renderBot(b, fields, false), nil
}

// listBots returns every bot (all=true) or the requester's bots (all=false, the default).
func listBots(c *call, p *params) (any, *apiError) {
	if e := p.only("all", "fields"); e != nil {
		return nil, e
	}
	all, _, e := p.boolean("all", false)
	if e != nil {
		return nil, e
	}
	fields, e := fieldsParam(p, botFields)
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, b := range c.st.bots.list(c.view()) {
		if !all && b.CreatedBy != c.requester {
			continue
		}
		out = append(out, c.renderBot(b, fields, true))
	}
	return out, nil
}

// renderBot shapes a bot as get_bot (list=false) or list_bots (list=true) return it: both use
// avatar_path; get_bot adds default_group_priority and owner_client_id; the documented `fields`
// add the rest. No read documents the type: it is never shown.
func (c *call) renderBot(b *Bot, fields map[string]bool, list bool) map[string]any {
	out := map[string]any{"id": b.ID, "name": b.Name, "avatar_path": b.Avatar}
	if !list {
		out["default_group_priority"] = b.DefaultGroupPriority
		out["owner_client_id"] = b.OwnerClientID
	}
	if fields["groups"] {
		gs := []GroupMembership{}
		for _, m := range b.Groups {
			if c.st.groups.in(m.ID, c.view()) != nil {
				gs = append(gs, m)
			}
		}
		out["groups"] = gs
	}
	if fields["work_scheduler"] {
		out["work_scheduler"] = WorkScheduler{Timezone: b.WorkScheduler.Timezone,
			Schedule: append([]ScheduleEntry{}, b.WorkScheduler.Schedule...)}
	}
	if fields["job_title"] {
		out["job_title"] = b.JobTitle
	}
	if fields["max_chats_count"] {
		out["max_chats_count"] = b.MaxChatsCount
	}
	if fields["timezone"] {
		out["timezone"] = b.WorkScheduler.Timezone
	}
	return out
}

// resetBotSecret gives the bot a new secret. owner_client_id, when given, must own the bot.
func resetBotSecret(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "owner_client_id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	owner, hasOwner, e := ownerClientIDParam(p, false)
	if e != nil {
		return nil, e
	}
	b := c.st.bots.editable(id)
	if b == nil {
		return nil, errBotNotFound(id)
	}
	if hasOwner && owner != b.OwnerClientID {
		return nil, errAuthorization("Bot " + id + " is not owned by client " + owner)
	}
	b.Secret = randomHex(16)
	c.st.bots.update(id, b, c.now, c.delay)
	return map[string]any{"secret": b.Secret}, nil
}

// Group membership hooks, called by the group code in store.go and groups.go.

// botMembers adds group gid's bot members as seen in v to out.
func (st *store) botMembers(gid int, v view, out map[string]string) {
	for _, b := range st.bots.list(v) {
		a := Agent{Groups: b.Groups}
		if p, ok := a.membership(gid); ok {
			out[b.ID] = p
		}
	}
}

// setBotMembers applies update_group's agent_priorities to the bots.
func (st *store) setBotMembers(gid int, members map[string]string, now time.Time, delay time.Duration) {
	for _, id := range st.bots.keys(authoritative) {
		b := st.bots.editable(id)
		if b.setMembership(gid, members[id]) {
			st.bots.update(id, b, now, delay)
		}
	}
}

// dropGroupFromBots removes group gid from every bot's memberships.
func (st *store) dropGroupFromBots(gid int, now time.Time, delay time.Duration, immediate bool) {
	drop := func(b *Bot) bool { return b.setMembership(gid, "") }
	if immediate {
		st.bots.mutateNow(drop)
		return
	}
	for _, id := range st.bots.keys(authoritative) {
		if b := st.bots.editable(id); drop(b) {
			st.bots.update(id, b, now, delay)
		}
	}
}

// Bot returns the authoritative bot with that id, secret included.
func (s *Server) Bot(id string) (Bot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.st.bots.get(id); b != nil {
		return *cloneBot(b), true
	}
	return Bot{}, false
}
