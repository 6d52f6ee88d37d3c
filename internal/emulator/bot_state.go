package emulator

import (
	"encoding/json"
	"fmt"
)

// State dump, state file and fixture support of bots and bot templates (hooked into state.go).
// Secrets are part of the dump: a saved emulator keeps answering issue_bot_token for its bots.
// Issued bot tokens are not: they are short-lived and nothing reads them back.

// botsSnapshot is the authoritative bots and bot templates, in creation order.
func (st *store) botsSnapshot() ([]Bot, []BotTemplate) {
	bots := []Bot{}
	for _, b := range st.bots.list(authoritative) {
		bots = append(bots, *cloneBot(b))
	}
	return bots, botTemplatesSorted(st)
}

// decodeBotState reads the "bots" and "bot_templates" of a state document; omitted fields get the
// API's defaults.
func decodeBotState(bots, templates []json.RawMessage, out *State) error {
	for i, r := range bots {
		b := newBot("", "")
		if err := strictUnmarshal(r, b); err != nil {
			return fmt.Errorf("state: bots[%d]: %w", i, err)
		}
		out.Bots = append(out.Bots, *b)
	}
	for i, r := range templates {
		t := BotTemplate{MaxChatsCount: defaultBotChatsCount, DefaultGroupPriority: defaultBotPriority}
		if err := strictUnmarshal(r, &t); err != nil {
			return fmt.Errorf("state: bot_templates[%d]: %w", i, err)
		}
		out.BotTemplates = append(out.BotTemplates, t)
	}
	return nil
}

// loadBots validates the state's bots and bot templates and loads them into st, whose groups are
// loaded already. A bot or template without a secret gets a new one.
func loadBots(st *store, in State) error {
	for _, b := range in.Bots {
		switch {
		case b.ID == "":
			return fmt.Errorf("state: a bot has no id")
		case st.bots.get(b.ID) != nil:
			return fmt.Errorf("state: bot %q appears twice", b.ID)
		case st.agents.get(b.ID) != nil:
			return fmt.Errorf("state: bot %q has the id of an agent", b.ID)
		case b.Name == "":
			return fmt.Errorf("state: bot %q has no name", b.ID)
		case b.MaxChatsCount < 0 || b.MaxChatsCount > maxBotChatsCount:
			return fmt.Errorf("state: bot %q: max_chats_count out of range", b.ID)
		case !contains(priorities, b.DefaultGroupPriority):
			return fmt.Errorf("state: bot %q: bad default_group_priority %q", b.ID, b.DefaultGroupPriority)
		case b.Type == "":
			return fmt.Errorf("state: bot %q has an empty type", b.ID)
		}
		c := cloneBot(&b)
		c.Groups = nil
		for _, m := range b.Groups {
			if st.groups.get(m.ID) == nil {
				return fmt.Errorf("state: bot %q: group %d does not exist", b.ID, m.ID)
			}
			if !contains(priorities, m.Priority) {
				return fmt.Errorf("state: bot %q: bad priority %q in group %d", b.ID, m.Priority, m.ID)
			}
			c.setMembership(m.ID, m.Priority)
		}
		if c.Groups == nil {
			c.Groups = []GroupMembership{}
		}
		if c.Secret == "" {
			c.Secret = randomHex(16)
		}
		st.bots.load(c.ID, c)
	}
	perClient := map[string]int{}
	for _, t := range in.BotTemplates {
		switch {
		case t.ID == "":
			return fmt.Errorf("state: a bot template has no id")
		case st.botTemplates.get(t.ID) != nil:
			return fmt.Errorf("state: bot template %q appears twice", t.ID)
		case t.OwnerClientID == "":
			return fmt.Errorf("state: bot template %q has no owner_client_id", t.ID)
		case t.Name == "":
			return fmt.Errorf("state: bot template %q has no name", t.ID)
		case t.MaxChatsCount < 0 || t.MaxChatsCount > maxBotChatsCount:
			return fmt.Errorf("state: bot template %q: max_chats_count out of range", t.ID)
		case !contains(priorities, t.DefaultGroupPriority):
			return fmt.Errorf("state: bot template %q: bad default_group_priority %q", t.ID, t.DefaultGroupPriority)
		}
		if perClient[t.OwnerClientID]++; perClient[t.OwnerClientID] > maxBotTemplatesPerClient {
			return fmt.Errorf("state: client %q has more than %d bot templates", t.OwnerClientID, maxBotTemplatesPerClient)
		}
		c := cloneBotTemplate(&t)
		if c.Secret == "" {
			c.Secret = randomHex(16)
		}
		st.botTemplates.load(c.ID, c)
	}
	return nil
}

// loadBotPriority applies one entry of a loaded group's agent_priorities when it names a bot; it
// reports whether id is a bot.
func (st *store) loadBotPriority(gid int, id, priority string) (bool, error) {
	b := st.bots.get(id)
	if b == nil {
		return false, nil
	}
	if !contains(priorities, priority) {
		return true, fmt.Errorf("state: group %d: bot %q: bad priority %q", gid, id, priority)
	}
	b.setMembership(gid, priority) // records built while loading are not shared yet
	return true, nil
}
