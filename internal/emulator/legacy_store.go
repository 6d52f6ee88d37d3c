package emulator

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Objects of the REST API v2 (legacy) that have no counterpart in the Configuration API v3.6.
// Agents, groups and tags are the v3.6 records (see legacy_agents.go). Configuration objects
// (canned responses, goals, greetings, webhooks) follow the propagation-delay model; activity
// (tickets, chats, visitors, goal conversions, agents' current status) is visible at once.

// CannedResponse is a canned response (dates are Unix seconds).
type CannedResponse struct {
	ID               int      `json:"id"`
	Group            int      `json:"group"`
	Text             string   `json:"text"`
	Tags             []string `json:"tags"`
	CreationDate     int64    `json:"creation_date"`
	CreatedBy        string   `json:"created_by"`
	ModificationDate int64    `json:"modification_date,omitempty"`
	ModifiedBy       string   `json:"modified_by,omitempty"`
}

// Goal is a goal; the type-specific fields are empty for the other types.
type Goal struct {
	ID                  int    `json:"id"`
	Name                string `json:"name"`
	Active              bool   `json:"active"`
	Type                string `json:"type"`
	CustomVariableName  string `json:"custom_variable_name,omitempty"`
	CustomVariableValue string `json:"custom_variable_value,omitempty"`
	URL                 string `json:"url,omitempty"`
	MatchType           string `json:"match_type,omitempty"`
	SalesTrackerID      string `json:"sales_tracker_id,omitempty"`
	ValueType           string `json:"value_type,omitempty"`
	Value               string `json:"value,omitempty"`
	Currency            string `json:"currency,omitempty"`
	TimeRange           string `json:"time_range,omitempty"`
	OrderFieldName      string `json:"order_field_name,omitempty"`
	ValueFieldName      string `json:"value_field_name,omitempty"`
}

// Greeting is a greeting (targeted message) with its rules.
type Greeting struct {
	ID          int            `json:"id"`
	Group       int            `json:"group"`
	Name        string         `json:"name"`
	Active      bool           `json:"active"`
	Subtype     string         `json:"subtype,omitempty"`
	MessageText string         `json:"message_text"`
	Rules       []GreetingRule `json:"rules"`
}

// GreetingRule is one condition of a greeting.
type GreetingRule struct {
	ID            int         `json:"id"`
	Type          string      `json:"type"`
	Value         string      `json:"value,omitempty"`
	Operator      string      `json:"operator,omitempty"`
	Condition     string      `json:"condition"`
	VariableName  string      `json:"variable_name,omitempty"`
	VariableValue string      `json:"variable_value,omitempty"`
	URLs          []FunnelURL `json:"urls,omitempty"`
}

// FunnelURL is one step of a url_funnel rule.
type FunnelURL struct {
	URL      string `json:"url"`
	Operator string `json:"operator"`
}

// LegacyWebhook is a webhook of the deprecated REST API v2 webhooks endpoint.
type LegacyWebhook struct {
	ID        string   `json:"id"`
	EventType string   `json:"event_type"`
	DataTypes []string `json:"data_types"`
	URL       string   `json:"url"`
	Verified  bool     `json:"verified"`
	Token     string   `json:"token"`
}

// GoalConversion is one mark_as_successful call.
type GoalConversion struct {
	GoalID           int    `json:"goal_id"`
	VisitorID        string `json:"visitor_id"`
	OrderID          string `json:"order_id,omitempty"`
	OrderDescription string `json:"order_description,omitempty"`
	OrderPrice       string `json:"order_price,omitempty"`
	OrderCurrency    string `json:"order_currency,omitempty"`
	Timestamp        int64  `json:"timestamp"`
}

// Ticket is a ticket (times are Unix seconds).
type Ticket struct {
	ID        string        `json:"id"`
	Subject   string        `json:"subject"`
	Status    string        `json:"status"`
	Requester TicketPerson  `json:"requester"`
	Assignee  *TicketPerson `json:"assignee,omitempty"`
	Groups    []int         `json:"groups"`
	Source    TicketSource  `json:"source"`
	Events    []TicketEvent `json:"events"`
	Tags      []string      `json:"tags"`
	Rate      string        `json:"rate"`
	Created   int64         `json:"created"`
	Modified  int64         `json:"modified"`
	// FirstResponse and Solved are the Unix times of the first agent answer and of solving (0 = not yet).
	FirstResponse int64 `json:"first_response,omitempty"`
	Solved        int64 `json:"solved,omitempty"`
}

// TicketPerson is a requester (Mail) or an agent (ID).
type TicketPerson struct {
	ID   string `json:"id,omitempty"`
	Mail string `json:"mail,omitempty"`
	Name string `json:"name"`
}

// TicketSource tells where a ticket came from.
type TicketSource struct {
	Type string `json:"type"`
	URL  string `json:"url,omitempty"`
}

// TicketEvent is one message or change in a ticket.
type TicketEvent struct {
	Type      string       `json:"type"`
	Author    TicketPerson `json:"author"`
	AuthorTyp string       `json:"author_type"`
	Message   string       `json:"message,omitempty"`
	IsPrivate bool         `json:"is_private"`
	Date      int64        `json:"date"`
	Source    string       `json:"source,omitempty"`
}

// Chat is an archived chat (Archives API); chats enter the emulator through state or fixture
// files, as the emulator has no chat widget.
type Chat struct {
	ID              string           `json:"id"`
	VisitorID       string           `json:"visitor_id"`
	VisitorName     string           `json:"visitor_name"`
	VisitorIP       string           `json:"visitor_ip,omitempty"`
	City            string           `json:"city,omitempty"`
	Region          string           `json:"region,omitempty"`
	Country         string           `json:"country,omitempty"`
	CountryCode     string           `json:"country_code,omitempty"`
	Agents          []string         `json:"agents"`
	Groups          []int            `json:"groups"`
	Rate            string           `json:"rate"`
	Comment         string           `json:"comment,omitempty"`
	Engagement      string           `json:"engagement"`
	QueueDuration   int              `json:"queue_duration,omitempty"`
	Started         int64            `json:"started"`
	Ended           int64            `json:"ended"`
	Pending         bool             `json:"pending,omitempty"`
	FirstResponse   int              `json:"first_response,omitempty"`
	Tags            []string         `json:"tags"`
	Goals           []int            `json:"goals,omitempty"`
	Greeting        int              `json:"greeting,omitempty"`
	Messages        []ChatMessage    `json:"messages"`
	CustomVariables []LegacyKeyValue `json:"custom_variables,omitempty"`
}

// ChatMessage is one message of an archived chat.
type ChatMessage struct {
	AuthorName string `json:"author_name"`
	Text       string `json:"text"`
	Timestamp  int64  `json:"timestamp"`
	UserType   string `json:"user_type"`
	AgentID    string `json:"agent_id,omitempty"`
}

// LegacyKeyValue is a custom variable or a visitor detail field.
type LegacyKeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Visitor is a visitor on the website (Visitors API); visitors enter through state or fixture
// files. Details are the fields added with POST /visitors/<id>/details, by app id.
type Visitor struct {
	ID              string                      `json:"id"`
	Name            string                      `json:"name"`
	State           string                      `json:"state"`
	Group           int                         `json:"group"`
	IP              string                      `json:"ip,omitempty"`
	City            string                      `json:"city,omitempty"`
	Region          string                      `json:"region,omitempty"`
	Country         string                      `json:"country,omitempty"`
	CountryCode     string                      `json:"country_code,omitempty"`
	Browser         string                      `json:"browser,omitempty"`
	PageCurrent     string                      `json:"page_current,omitempty"`
	PageTitle       string                      `json:"page_title,omitempty"`
	Visits          int                         `json:"visits"`
	Chats           int                         `json:"chats"`
	ChatID          string                      `json:"chat_id,omitempty"`
	LastVisit       int64                       `json:"last_visit"`
	CustomVariables []LegacyKeyValue            `json:"custom_variables,omitempty"`
	Details         map[string][]LegacyKeyValue `json:"details,omitempty"`
}

// LegacyState is the legacy part of the state format.
type LegacyState struct {
	NextCannedResponseID int               `json:"next_canned_response_id,omitempty"`
	NextGoalID           int               `json:"next_goal_id,omitempty"`
	NextGreetingID       int               `json:"next_greeting_id,omitempty"`
	NextRuleID           int               `json:"next_rule_id,omitempty"`
	NextTicketNumber     int               `json:"next_ticket_number,omitempty"`
	CannedResponses      []CannedResponse  `json:"canned_responses"`
	Goals                []Goal            `json:"goals"`
	Greetings            []Greeting        `json:"greetings"`
	Webhooks             []LegacyWebhook   `json:"webhooks"`
	GoalConversions      []GoalConversion  `json:"goal_conversions"`
	Tickets              []Ticket          `json:"tickets"`
	Chats                []Chat            `json:"chats"`
	Visitors             []Visitor         `json:"visitors"`
	AgentStatus          map[string]string `json:"agent_status"`
}

type legacyStore struct {
	canned    *table[int, CannedResponse]
	goals     *table[int, Goal]
	greetings *table[int, Greeting]
	webhooks  *table[string, LegacyWebhook]

	conversions []GoalConversion
	tickets     map[string]*Ticket
	chats       map[string]*Chat
	visitors    map[string]*Visitor
	// agentStatus is the current status (accepting chats, not accepting chats, offline) set through
	// PUT /agents/<login>; an agent without an entry is offline (the emulator has no logins).
	agentStatus map[string]string

	nextCannedID, nextGoalID, nextGreetingID, nextRuleID, nextTicket int
}

func cloneCanned(c *CannedResponse) *CannedResponse {
	x := *c
	x.Tags = append([]string{}, c.Tags...)
	return &x
}

func cloneGoal(g *Goal) *Goal { x := *g; return &x }

func cloneGreeting(g *Greeting) *Greeting {
	x := *g
	x.Rules = make([]GreetingRule, len(g.Rules))
	for i, r := range g.Rules {
		r.URLs = append([]FunnelURL(nil), r.URLs...)
		x.Rules[i] = r
	}
	return &x
}

func cloneLegacyWebhook(w *LegacyWebhook) *LegacyWebhook {
	x := *w
	x.DataTypes = append([]string{}, w.DataTypes...)
	return &x
}

func cloneTicket(t *Ticket) *Ticket {
	x := *t
	x.Groups = append([]int{}, t.Groups...)
	x.Events = append([]TicketEvent{}, t.Events...)
	x.Tags = append([]string{}, t.Tags...)
	if t.Assignee != nil {
		a := *t.Assignee
		x.Assignee = &a
	}
	return &x
}

func cloneChat(c *Chat) *Chat {
	x := *c
	x.Agents = append([]string{}, c.Agents...)
	x.Groups = append([]int{}, c.Groups...)
	x.Tags = append([]string{}, c.Tags...)
	x.Goals = append([]int(nil), c.Goals...)
	x.Messages = append([]ChatMessage{}, c.Messages...)
	x.CustomVariables = append([]LegacyKeyValue(nil), c.CustomVariables...)
	return &x
}

func cloneVisitor(v *Visitor) *Visitor {
	x := *v
	x.CustomVariables = append([]LegacyKeyValue(nil), v.CustomVariables...)
	if v.Details != nil {
		x.Details = map[string][]LegacyKeyValue{}
		for k, d := range v.Details {
			x.Details[k] = append([]LegacyKeyValue{}, d...)
		}
	}
	return &x
}

func newLegacyStore() *legacyStore {
	return &legacyStore{
		canned:         newTable[int](cloneCanned),
		goals:          newTable[int](cloneGoal),
		greetings:      newTable[int](cloneGreeting),
		webhooks:       newTable[string](cloneLegacyWebhook),
		tickets:        map[string]*Ticket{},
		chats:          map[string]*Chat{},
		visitors:       map[string]*Visitor{},
		agentStatus:    map[string]string{},
		nextCannedID:   1,
		nextGoalID:     1,
		nextGreetingID: 1,
		nextRuleID:     1,
		nextTicket:     1,
	}
}

// snapshot is the authoritative legacy state.
func (ls *legacyStore) snapshot() *LegacyState {
	out := &LegacyState{
		NextCannedResponseID: ls.nextCannedID, NextGoalID: ls.nextGoalID, NextGreetingID: ls.nextGreetingID,
		NextRuleID: ls.nextRuleID, NextTicketNumber: ls.nextTicket,
		CannedResponses: []CannedResponse{}, Goals: []Goal{}, Greetings: []Greeting{}, Webhooks: []LegacyWebhook{},
		GoalConversions: append([]GoalConversion{}, ls.conversions...), Tickets: []Ticket{}, Chats: []Chat{},
		Visitors: []Visitor{}, AgentStatus: map[string]string{},
	}
	for _, c := range ls.canned.list(authoritative) {
		out.CannedResponses = append(out.CannedResponses, *cloneCanned(c))
	}
	for _, g := range ls.goals.list(authoritative) {
		out.Goals = append(out.Goals, *cloneGoal(g))
	}
	for _, g := range ls.greetings.list(authoritative) {
		out.Greetings = append(out.Greetings, *cloneGreeting(g))
	}
	for _, w := range ls.webhooks.list(authoritative) {
		out.Webhooks = append(out.Webhooks, *cloneLegacyWebhook(w))
	}
	for _, t := range ls.sortedTickets() {
		out.Tickets = append(out.Tickets, *cloneTicket(t))
	}
	for _, c := range ls.sortedChats() {
		out.Chats = append(out.Chats, *cloneChat(c))
	}
	for _, v := range ls.sortedVisitors() {
		out.Visitors = append(out.Visitors, *cloneVisitor(v))
	}
	for k, v := range ls.agentStatus {
		out.AgentStatus[k] = v
	}
	return out
}

func (ls *legacyStore) sortedTickets() []*Ticket {
	out := make([]*Ticket, 0, len(ls.tickets))
	for _, t := range ls.tickets {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Created != out[j].Created {
			return out[i].Created < out[j].Created
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (ls *legacyStore) sortedChats() []*Chat {
	out := make([]*Chat, 0, len(ls.chats))
	for _, c := range ls.chats {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Started != out[j].Started {
			return out[i].Started < out[j].Started
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (ls *legacyStore) sortedVisitors() []*Visitor {
	out := make([]*Visitor, 0, len(ls.visitors))
	for _, v := range ls.visitors {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// mergeLegacy adds the objects of add to base (fixtures), replacing objects with the same id.
func mergeLegacy(base, add *LegacyState) *LegacyState {
	if add == nil {
		return base
	}
	if base == nil {
		return add
	}
	out := *base
	out.NextCannedResponseID = max(base.NextCannedResponseID, add.NextCannedResponseID)
	out.NextGoalID = max(base.NextGoalID, add.NextGoalID)
	out.NextGreetingID = max(base.NextGreetingID, add.NextGreetingID)
	out.NextRuleID = max(base.NextRuleID, add.NextRuleID)
	out.NextTicketNumber = max(base.NextTicketNumber, add.NextTicketNumber)
	out.CannedResponses = mergeBy(base.CannedResponses, add.CannedResponses, func(c CannedResponse) int { return c.ID })
	out.Goals = mergeBy(base.Goals, add.Goals, func(g Goal) int { return g.ID })
	out.Greetings = mergeBy(base.Greetings, add.Greetings, func(g Greeting) int { return g.ID })
	out.Webhooks = mergeBy(base.Webhooks, add.Webhooks, func(w LegacyWebhook) string { return w.ID })
	out.GoalConversions = append(append([]GoalConversion{}, base.GoalConversions...), add.GoalConversions...)
	out.Tickets = mergeBy(base.Tickets, add.Tickets, func(t Ticket) string { return t.ID })
	out.Chats = mergeBy(base.Chats, add.Chats, func(c Chat) string { return c.ID })
	out.Visitors = mergeBy(base.Visitors, add.Visitors, func(v Visitor) string { return v.ID })
	out.AgentStatus = map[string]string{}
	for _, m := range []map[string]string{base.AgentStatus, add.AgentStatus} {
		for k, v := range m {
			out.AgentStatus[k] = v
		}
	}
	return &out
}

// legacyStoreFrom validates the legacy part of a state against the v3.6 objects of st.
func legacyStoreFrom(in *LegacyState, st *store) (*legacyStore, error) {
	ls := newLegacyStore()
	if in == nil {
		return ls, nil
	}
	maxCanned, maxGoal, maxGreeting, maxRule := 0, 0, 0, 0
	for _, c := range in.CannedResponses {
		if c.ID <= 0 || ls.canned.get(c.ID) != nil {
			return nil, fmt.Errorf("state: canned response id %d is not positive or appears twice", c.ID)
		}
		if st.groups.get(c.Group) == nil {
			return nil, fmt.Errorf("state: canned response %d: group %d does not exist", c.ID, c.Group)
		}
		if strings.TrimSpace(c.Text) == "" || len(c.Tags) == 0 {
			return nil, fmt.Errorf("state: canned response %d: text and at least one tag are required", c.ID)
		}
		ls.canned.load(c.ID, cloneCanned(&c))
		maxCanned = max(maxCanned, c.ID)
	}
	for _, g := range in.Goals {
		if g.ID <= 0 || ls.goals.get(g.ID) != nil {
			return nil, fmt.Errorf("state: goal id %d is not positive or appears twice", g.ID)
		}
		if g.Name == "" || !contains(goalTypes, g.Type) {
			return nil, fmt.Errorf("state: goal %d: name and a type (%s) are required", g.ID, strings.Join(goalTypes, ", "))
		}
		ls.goals.load(g.ID, cloneGoal(&g))
		maxGoal = max(maxGoal, g.ID)
	}
	for _, g := range in.Greetings {
		if g.ID <= 0 || ls.greetings.get(g.ID) != nil {
			return nil, fmt.Errorf("state: greeting id %d is not positive or appears twice", g.ID)
		}
		if st.groups.get(g.Group) == nil {
			return nil, fmt.Errorf("state: greeting %d: group %d does not exist", g.ID, g.Group)
		}
		if g.Name == "" || len(g.Rules) == 0 {
			return nil, fmt.Errorf("state: greeting %d: name and at least one rule are required", g.ID)
		}
		for _, r := range g.Rules {
			if !contains(greetingRuleTypes, r.Type) {
				return nil, fmt.Errorf("state: greeting %d: unknown rule type %q", g.ID, r.Type)
			}
			maxRule = max(maxRule, r.ID)
		}
		ls.greetings.load(g.ID, cloneGreeting(&g))
		maxGreeting = max(maxGreeting, g.ID)
	}
	for _, w := range in.Webhooks {
		if w.ID == "" || ls.webhooks.get(w.ID) != nil {
			return nil, fmt.Errorf("state: webhook id %q is empty or appears twice", w.ID)
		}
		ls.webhooks.load(w.ID, cloneLegacyWebhook(&w))
	}
	ls.conversions = append(ls.conversions, in.GoalConversions...)
	for _, t := range in.Tickets {
		if t.ID == "" || ls.tickets[t.ID] != nil {
			return nil, fmt.Errorf("state: ticket id %q is empty or appears twice", t.ID)
		}
		c := cloneTicket(&t)
		if c.Status == "" {
			c.Status = "open"
		}
		if c.Rate == "" {
			c.Rate = "not_rated"
		}
		ls.tickets[t.ID] = c
	}
	for _, c := range in.Chats {
		if c.ID == "" || ls.chats[c.ID] != nil {
			return nil, fmt.Errorf("state: chat id %q is empty or appears twice", c.ID)
		}
		x := cloneChat(&c)
		if x.Rate == "" {
			x.Rate = "not_rated"
		}
		if x.Engagement == "" {
			x.Engagement = "immediate_start"
		}
		ls.chats[c.ID] = x
	}
	for _, v := range in.Visitors {
		if v.ID == "" || ls.visitors[v.ID] != nil {
			return nil, fmt.Errorf("state: visitor id %q is empty or appears twice", v.ID)
		}
		x := cloneVisitor(&v)
		if x.State == "" {
			x.State = "browsing"
		}
		ls.visitors[v.ID] = x
	}
	for k, v := range in.AgentStatus {
		if !contains(agentStatuses, v) {
			return nil, errors.New("state: agent_status values must be one of: " + strings.Join(agentStatuses, ", "))
		}
		ls.agentStatus[k] = v
	}
	ls.nextCannedID = max(in.NextCannedResponseID, maxCanned+1, 1)
	ls.nextGoalID = max(in.NextGoalID, maxGoal+1, 1)
	ls.nextGreetingID = max(in.NextGreetingID, maxGreeting+1, 1)
	ls.nextRuleID = max(in.NextRuleID, maxRule+1, 1)
	ls.nextTicket = max(in.NextTicketNumber, 1)
	return ls, nil
}

var legacyISODate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// registerLegacyKinds adds the out-of-band deletes of the legacy objects.
func registerLegacyKinds(s *Server) {
	intKind := func(what string, purge func(ls *legacyStore, id int) bool) func(*store, string) error {
		return func(st *store, id string) error {
			n, err := strconv.Atoi(id)
			if err != nil {
				return fmt.Errorf("%s id %q is not a number", what, id)
			}
			if !purge(st.legacy, n) {
				return fmt.Errorf("%s %d: %w", what, n, ErrNotFound)
			}
			return nil
		}
	}
	s.kinds["canned_response"] = intKind("canned response", func(ls *legacyStore, id int) bool {
		ok := ls.canned.get(id) != nil
		ls.canned.purge(id)
		return ok
	})
	s.kinds["goal"] = intKind("goal", func(ls *legacyStore, id int) bool {
		ok := ls.goals.get(id) != nil
		ls.goals.purge(id)
		return ok
	})
	s.kinds["greeting"] = intKind("greeting", func(ls *legacyStore, id int) bool {
		ok := ls.greetings.get(id) != nil
		ls.greetings.purge(id)
		return ok
	})
	s.kinds["legacy_webhook"] = func(st *store, id string) error {
		if st.legacy.webhooks.get(id) == nil {
			return fmt.Errorf("webhook %q: %w", id, ErrNotFound)
		}
		st.legacy.webhooks.purge(id)
		return nil
	}
	s.kinds["ticket"] = func(st *store, id string) error {
		if st.legacy.tickets[id] == nil {
			return fmt.Errorf("ticket %q: %w", id, ErrNotFound)
		}
		delete(st.legacy.tickets, id)
		return nil
	}
}

// CannedResponse returns the authoritative canned response with that id.
func (s *Server) CannedResponse(id int) (CannedResponse, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.st.legacy.canned.get(id); c != nil {
		return *cloneCanned(c), true
	}
	return CannedResponse{}, false
}

// Goal returns the authoritative goal with that id.
func (s *Server) Goal(id int) (Goal, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.st.legacy.goals.get(id); g != nil {
		return *cloneGoal(g), true
	}
	return Goal{}, false
}

// Greeting returns the authoritative greeting with that id.
func (s *Server) Greeting(id int) (Greeting, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.st.legacy.greetings.get(id); g != nil {
		return *cloneGreeting(g), true
	}
	return Greeting{}, false
}

// GoalConversions returns the goal conversions recorded by mark_as_successful.
func (s *Server) GoalConversions() []GoalConversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]GoalConversion{}, s.st.legacy.conversions...)
}

// Ticket returns the ticket with that id.
func (s *Server) Ticket(id string) (Ticket, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.st.legacy.tickets[id]; t != nil {
		return *cloneTicket(t), true
	}
	return Ticket{}, false
}

// SetAgentStatus sets an agent's current status as if the agent had changed it in the app.
func (s *Server) SetAgentStatus(login, status string) error {
	if !contains(agentStatuses, status) {
		return fmt.Errorf("status must be one of: %s", strings.Join(agentStatuses, ", "))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.agents.get(login) == nil {
		return fmt.Errorf("agent %q: %w", login, ErrNotFound)
	}
	s.st.legacy.agentStatus[login] = status
	return nil
}
