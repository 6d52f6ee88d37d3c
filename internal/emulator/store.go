package emulator

import (
	"crypto/sha1"
	"fmt"
	"sort"
	"time"
)

// Agent is the emulator's full record of an agent (the state dump format).
type Agent struct {
	ID                 string            `json:"id"`
	AccountID          string            `json:"account_id"`
	Name               string            `json:"name"`
	Avatar             string            `json:"avatar"`
	Role               string            `json:"role"`
	LoginStatus        string            `json:"login_status"`
	JobTitle           string            `json:"job_title"`
	Mobile             string            `json:"mobile"`
	MaxChatsCount      int               `json:"max_chats_count"`
	AwaitingApproval   bool              `json:"awaiting_approval"`
	Suspended          bool              `json:"suspended"`
	Groups             []GroupMembership `json:"groups"`
	Notifications      []string          `json:"notifications"`
	EmailSubscriptions []string          `json:"email_subscriptions"`
	WorkScheduler      WorkScheduler     `json:"work_scheduler"`
	LastLogout         string            `json:"last_logout,omitempty"`
}

// GroupMembership is one agent's membership in one group.
type GroupMembership struct {
	ID       int    `json:"id"`
	Priority string `json:"priority"`
}

// WorkScheduler is the canonical work scheduler shape (Create Agent).
type WorkScheduler struct {
	Timezone string          `json:"timezone"`
	Schedule []ScheduleEntry `json:"schedule"`
}

// ScheduleEntry is one range of working hours.
type ScheduleEntry struct {
	Day     string `json:"day"`
	Enabled bool   `json:"enabled"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// Group is a group; AgentPriorities is derived from the agents' memberships when returned.
type Group struct {
	ID              int               `json:"id"`
	Name            string            `json:"name"`
	LanguageCode    string            `json:"language_code"`
	RoutingStatus   string            `json:"routing_status"`
	AgentPriorities map[string]string `json:"agent_priorities"`
}

// Tag is a chat tag.
type Tag struct {
	Name      string `json:"name"`
	GroupIDs  []int  `json:"group_ids"`
	AuthorID  string `json:"author_id"`
	CreatedAt string `json:"created_at"`
}

const (
	defaultRegion  = "dal"
	defaultOwnerID = "owner@example.com"
	tagTimeFormat  = "2006-01-02T15:04:05.000000Z"
)

func cloneAgent(a *Agent) *Agent {
	c := *a
	c.Groups = append([]GroupMembership{}, a.Groups...)
	c.Notifications = append([]string{}, a.Notifications...)
	c.EmailSubscriptions = append([]string{}, a.EmailSubscriptions...)
	c.WorkScheduler.Schedule = append([]ScheduleEntry{}, a.WorkScheduler.Schedule...)
	return &c
}

func cloneGroup(g *Group) *Group {
	c := *g
	c.AgentPriorities = nil // derived, never stored
	return &c
}

func cloneTag(t *Tag) *Tag {
	c := *t
	c.GroupIDs = append([]int{}, t.GroupIDs...)
	return &c
}

// store is the license's objects. All access happens under Server.mu.
type store struct {
	agents      *table[string, Agent]
	groups      *table[int, Group]
	tags        *table[string, Tag]
	legacy      *legacyStore // REST API v2 objects (legacy_store.go)
	nextGroupID int

	bots         *table[string, Bot]         // bots.go
	botTemplates *table[string, BotTemplate] // bot_templates.go
	botTokens    []BotToken                  // issued by issue_bot_token; not in state dumps
	props        *propertyStore              // properties.go

	autoAccess *autoAccessStore // auto_access.go
	webhooks   *webhookStore    // webhooks.go
	other      *otherStore      // product_other.go: channels, product source, company details

	partner *partnerStore // Partner API v2 objects (partner_store.go)
}

func emptyStore() *store {
	return &store{
		agents:      newTable[string](cloneAgent),
		groups:      newTable[int](cloneGroup),
		tags:        newTable[string](cloneTag),
		legacy:      newLegacyStore(),
		nextGroupID: 1,

		bots:         newTable[string](cloneBot),
		botTemplates: newTable[string](cloneBotTemplate),
		props:        newPropertyStore(),

		autoAccess: newAutoAccessStore(),
		webhooks:   newWebhookStore(),
		other:      &otherStore{channels: []Channel{}},

		partner: freshPartnerStore(),
	}
}

// freshStore is what a new license has: group 0 "General", the owner and the default tags.
func freshStore(ownerID string) *store {
	st := emptyStore()
	st.groups.load(0, &Group{ID: 0, Name: "General", LanguageCode: "en", RoutingStatus: "offline"})
	owner := newAgent(ownerID, "License Owner")
	owner.Role = "owner"
	owner.Groups = []GroupMembership{{ID: 0, Priority: "normal"}}
	st.agents.load(ownerID, owner)
	// The tags of the List Tags example, with the example's group 42 left out (it does not exist).
	st.tags.load("docs_feedback", &Tag{Name: "docs_feedback", GroupIDs: []int{0},
		AuthorID: "smith@example.com", CreatedAt: "2019-12-09T12:01:18.909000Z"})
	for _, n := range []string{"positive feedback", "support", "complaint", "sales", "spam"} {
		st.tags.load(n, &Tag{Name: n, GroupIDs: []int{0}, AuthorID: "",
			CreatedAt: "2017-11-13T15:37:36.000000+01:00"})
	}
	loadTestProperties(st.props)
	st.other = freshOtherStore()
	return st
}

// newAgent returns an agent with the documented defaults.
func newAgent(id, name string) *Agent {
	return &Agent{
		ID:                 id,
		AccountID:          accountID(id),
		Name:               name,
		Role:               "normal",
		LoginStatus:        "not accepting chats",
		MaxChatsCount:      6,
		Groups:             []GroupMembership{},
		Notifications:      []string{},
		EmailSubscriptions: []string{},
		WorkScheduler:      WorkScheduler{Schedule: []ScheduleEntry{}},
	}
}

// accountID derives a stable UUID (version 5 layout) from an agent's login, so that an account
// keeps its id when its agent is deleted and created again, as accounts do.
func accountID(login string) string {
	h := sha1.Sum([]byte("livechat-emulator/account/" + login))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// membership returns the agent's priority in group gid.
func (a *Agent) membership(gid int) (string, bool) {
	for _, m := range a.Groups {
		if m.ID == gid {
			return m.Priority, true
		}
	}
	return "", false
}

// setMembership sets (priority != "") or removes (priority == "") the agent's membership in gid;
// it reports whether anything changed. Memberships are kept sorted by group id.
func (a *Agent) setMembership(gid int, priority string) bool {
	cur, ok := a.membership(gid)
	if (!ok && priority == "") || (ok && cur == priority) {
		return false
	}
	kept := make([]GroupMembership, 0, len(a.Groups))
	for _, m := range a.Groups {
		if m.ID != gid {
			kept = append(kept, m)
		}
	}
	if priority != "" {
		kept = append(kept, GroupMembership{ID: gid, Priority: priority})
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	a.Groups = kept
	return true
}

// members is group gid's agent_priorities as seen in v: the membership relation is stored once,
// on the members, so both views always agree.
func (st *store) members(gid int, v view) map[string]string {
	out := map[string]string{}
	for _, a := range st.agents.list(v) {
		if p, ok := a.membership(gid); ok {
			out[a.ID] = p
		}
	}
	st.botMembers(gid, v, out)
	return out
}

// setMembers makes members the exact member list of group gid (update_group agent_priorities).
func (st *store) setMembers(gid int, members map[string]string, now time.Time, delay time.Duration) {
	for _, id := range st.agents.keys(authoritative) {
		a := st.agents.editable(id)
		if a.setMembership(gid, members[id]) {
			st.agents.update(id, a, now, delay)
		}
	}
	st.setBotMembers(gid, members, now, delay)
}

// dropGroup removes every reference to group gid (memberships, tags' group_ids); with immediate
// set the change is visible at once, otherwise it propagates like any write.
func (st *store) dropGroup(gid int, now time.Time, delay time.Duration, immediate bool) {
	dropFromAgent := func(a *Agent) bool { return a.setMembership(gid, "") }
	dropFromTag := func(t *Tag) bool {
		kept := make([]int, 0, len(t.GroupIDs))
		for _, id := range t.GroupIDs {
			if id != gid {
				kept = append(kept, id)
			}
		}
		changed := len(kept) != len(t.GroupIDs)
		t.GroupIDs = kept
		return changed
	}
	st.dropGroupFromBots(gid, now, delay, immediate)
	if immediate {
		st.agents.mutateNow(dropFromAgent)
		st.tags.mutateNow(dropFromTag)
		return
	}
	for _, id := range st.agents.keys(authoritative) {
		if a := st.agents.editable(id); dropFromAgent(a) {
			st.agents.update(id, a, now, delay)
		}
	}
	for _, name := range st.tags.keys(authoritative) {
		if t := st.tags.editable(name); dropFromTag(t) {
			st.tags.update(name, t, now, delay)
		}
	}
}

// groupOut returns group g with its agent_priorities as seen in v.
func (st *store) groupOut(g *Group, v view) Group {
	c := *g
	c.AgentPriorities = st.members(g.ID, v)
	return c
}
