package emulator

import (
	"fmt"
	"sort"
)

// Bot templates: Configuration API v3.6 "Bots" section (create/update/delete/list bot templates,
// reset_bot_template_secret). Templates belong to a client id (application), at most five each.
//
// The emulated license counts as having every application installed: affect_existing_installations
// = true on create creates a bot with the template's id on the license, on update updates it, on
// delete deletes it and on reset_bot_template_secret gives it the new secret. Without the flag only
// the template changes (new installations, which the emulator has none of, would use it).

// BotTemplate is the emulator's full record of a bot template (the state dump format).
type BotTemplate struct {
	ID                   string `json:"id"`
	OwnerClientID        string `json:"owner_client_id"`
	Name                 string `json:"name"`
	Avatar               string `json:"avatar"`
	MaxChatsCount        int    `json:"max_chats_count"`
	DefaultGroupPriority string `json:"default_group_priority"`
	JobTitle             string `json:"job_title"`
	Secret               string `json:"secret"`
}

// maxBotTemplatesPerClient is documented: "One Client ID can register up to five bot templates" (per client id).
const maxBotTemplatesPerClient = 5

func cloneBotTemplate(t *BotTemplate) *BotTemplate {
	c := *t
	return &c
}

func registerBotTemplates(s *Server) {
	s.register("create_bot_template", createBotTemplate, "")
	s.register("update_bot_template", updateBotTemplate, "")
	s.register("delete_bot_template", deleteBotTemplate, "")
	s.register("list_bot_templates", listBotTemplates, "")
	s.register("reset_bot_template_secret", resetBotTemplateSecret, "")
	s.kinds["bot_template"] = func(st *store, id string) error {
		if st.botTemplates.get(id) == nil {
			return fmt.Errorf("bot template %q: %w", id, ErrNotFound)
		}
		st.botTemplates.purge(id)
		return nil
	}
}

func errBotTemplateNotFound(id string) *apiError {
	return newError(errTypeNotFound, "Bot template "+id+" not found")
}

// targetTemplate reads the required id and owner_client_id and returns an editable copy of that
// template; a template of another client is not found.
func targetTemplate(c *call, p *params) (*BotTemplate, *apiError) {
	id, _, e := p.str("id", true)
	if e != nil {
		return nil, e
	}
	owner, _, e := ownerClientIDParam(p, true)
	if e != nil {
		return nil, e
	}
	t := c.st.botTemplates.editable(id)
	if t == nil || t.OwnerClientID != owner {
		return nil, errBotTemplateNotFound(id)
	}
	return t, nil
}

func createBotTemplate(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "avatar", "max_chats_count", "default_group_priority", "job_title",
		"owner_client_id", "affect_existing_installations"); e != nil {
		return nil, e
	}
	name, e := botName(p, true)
	if e != nil {
		return nil, e
	}
	in, e := parseBotInput(p, false)
	if e != nil {
		return nil, e
	}
	owner, _, e := ownerClientIDParam(p, true)
	if e != nil {
		return nil, e
	}
	affect, _, e := p.boolean("affect_existing_installations", false)
	if e != nil {
		return nil, e
	}
	n := 0
	for _, t := range c.st.botTemplates.list(authoritative) {
		if t.OwnerClientID == owner {
			n++
		}
	}
	if n >= maxBotTemplatesPerClient {
		return nil, newError(errTypeLimitReached, fmt.Sprintf("Client %s already has %d bot templates, the limit", owner, maxBotTemplatesPerClient))
	}
	b := newBot("", *name)
	if e := in.apply(b); e != nil {
		return nil, e
	}
	t := &BotTemplate{
		ID: randomHex(16), OwnerClientID: owner, Name: *name, Avatar: b.Avatar, MaxChatsCount: b.MaxChatsCount,
		DefaultGroupPriority: b.DefaultGroupPriority, JobTitle: b.JobTitle, Secret: randomHex(16),
	}
	c.st.botTemplates.create(t.ID, t, c.now, c.delay)
	if affect {
		c.st.bots.create(t.ID, t.bot(nil), c.now, c.delay)
	}
	return map[string]any{"id": t.ID, "secret": t.Secret}, nil
}

// bot returns the license bot based on the template: a new one (installed == nil) or installed
// with the template's fields written over it.
func (t *BotTemplate) bot(installed *Bot) *Bot {
	b := installed
	if b == nil {
		b = newBot(t.ID, t.Name)
		b.OwnerClientID, b.TemplateID = t.OwnerClientID, t.ID
	}
	b.Name, b.Avatar, b.MaxChatsCount = t.Name, t.Avatar, t.MaxChatsCount
	b.DefaultGroupPriority, b.JobTitle, b.Secret = t.DefaultGroupPriority, t.JobTitle, t.Secret
	return b
}

func updateBotTemplate(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "name", "avatar", "max_chats_count", "default_group_priority", "job_title",
		"owner_client_id", "affect_existing_installations"); e != nil {
		return nil, e
	}
	name, e := botName(p, false)
	if e != nil {
		return nil, e
	}
	in, e := parseBotInput(p, false)
	if e != nil {
		return nil, e
	}
	affect, _, e := p.boolean("affect_existing_installations", false)
	if e != nil {
		return nil, e
	}
	t, e := targetTemplate(c, p)
	if e != nil {
		return nil, e
	}
	b := &Bot{Avatar: t.Avatar, MaxChatsCount: t.MaxChatsCount, DefaultGroupPriority: t.DefaultGroupPriority, JobTitle: t.JobTitle}
	if e := in.apply(b); e != nil {
		return nil, e
	}
	if name != nil {
		t.Name = *name
	}
	t.Avatar, t.MaxChatsCount, t.DefaultGroupPriority, t.JobTitle = b.Avatar, b.MaxChatsCount, b.DefaultGroupPriority, b.JobTitle
	c.st.botTemplates.update(t.ID, t, c.now, c.delay)
	if affect {
		c.updateTemplateBot(t)
	}
	return empty(), nil
}

// updateTemplateBot writes the template onto the license bot based on it, if there is one.
func (c *call) updateTemplateBot(t *BotTemplate) {
	if installed := c.st.bots.editable(t.ID); installed != nil && installed.TemplateID == t.ID {
		c.st.bots.update(t.ID, t.bot(installed), c.now, c.delay)
	}
}

func deleteBotTemplate(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "owner_client_id", "affect_existing_installations"); e != nil {
		return nil, e
	}
	affect, _, e := p.boolean("affect_existing_installations", false)
	if e != nil {
		return nil, e
	}
	t, e := targetTemplate(c, p)
	if e != nil {
		return nil, e
	}
	c.st.botTemplates.delete(t.ID, c.now, c.delay)
	if b := c.st.bots.get(t.ID); affect && b != nil && b.TemplateID == t.ID {
		c.st.bots.delete(t.ID, c.now, c.delay)
	}
	return empty(), nil
}

func resetBotTemplateSecret(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "owner_client_id", "affect_existing_installations"); e != nil {
		return nil, e
	}
	affect, _, e := p.boolean("affect_existing_installations", false)
	if e != nil {
		return nil, e
	}
	t, e := targetTemplate(c, p)
	if e != nil {
		return nil, e
	}
	t.Secret = randomHex(16)
	c.st.botTemplates.update(t.ID, t, c.now, c.delay)
	if installed := c.st.bots.editable(t.ID); affect && installed != nil && installed.TemplateID == t.ID {
		installed.Secret = t.Secret
		c.st.bots.update(t.ID, installed, c.now, c.delay)
	}
	return map[string]any{"secret": t.Secret}, nil
}

// listBotTemplates returns the templates of owner_client_id in the shape of the example: id,
// name and avatar_path.
func listBotTemplates(c *call, p *params) (any, *apiError) {
	if e := p.only("owner_client_id"); e != nil {
		return nil, e
	}
	owner, _, e := ownerClientIDParam(p, true)
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, t := range c.st.botTemplates.list(c.view()) {
		if t.OwnerClientID == owner {
			out = append(out, map[string]any{"id": t.ID, "name": t.Name, "avatar_path": t.Avatar})
		}
	}
	return out, nil
}

// BotTemplate returns the authoritative bot template with that id, secret included.
func (s *Server) BotTemplate(id string) (BotTemplate, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.st.botTemplates.get(id); t != nil {
		return *cloneBotTemplate(t), true
	}
	return BotTemplate{}, false
}

// botTemplatesSorted lists templates in creation order (state dumps).
func botTemplatesSorted(st *store) []BotTemplate {
	out := []BotTemplate{}
	for _, t := range st.botTemplates.list(authoritative) {
		out = append(out, *cloneBotTemplate(t))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OwnerClientID < out[j].OwnerClientID })
	return out
}
