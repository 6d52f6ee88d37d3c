// Package listing knows, for every resource type, how to list the objects of a LiveChat license
// (and, with a Partner API token, the partner's objects): which calls list them, the import ID of
// each object, what its name is made of, which objects every license has from the start, and what
// an imported object's configuration cannot contain. livechat-export (internal/export) and the
// provider's list resources (`terraform query`) both list through it.
//
// Each resource type is one entry of the kinds table (kinds.go).
package listing

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Clients are the typed API clients on top of one client core.
type Clients struct {
	Core    *client.Client
	Config  *configuration.Client
	Legacy  *legacy.Client
	Partner *partner.Client
	// CredentialHint says, in the caller's terms (provider settings, environment variables), what
	// gives api its credentials.
	CredentialHint func(api client.API) string
}

// NewClients builds the typed clients on one core.
func NewClients(core *client.Client) *Clients {
	return &Clients{Core: core, Config: configuration.New(core), Legacy: legacy.New(core), Partner: partner.New(core)}
}

// Filter narrows what is listed, with the filters the API's list methods take. The zero Filter
// lists everything, except client-scoped types, which need ClientIDs.
type Filter struct {
	// ClientIDs are the OAuth client IDs whose client-scoped objects (bot templates, properties,
	// webhooks, license webhooks state) are listed; the API lists those per client ID only.
	ClientIDs []string
	// Organizations are solution organization IDs (UUIDs). The Partner API cannot list
	// organizations, nor tell which organization a license belongs to: licenses of these
	// organizations get the organization in their import ID, the others do not.
	Organizations []string
	// GroupIDs keeps agents, tags, canned responses, greetings and group property values of
	// these groups (list_agents and list_tags filters.group_ids, the REST API's ?group=,
	// list_groups_properties group_ids).
	GroupIDs []int64
	// Suspended keeps agents whose suspended flag equals it (list_agents filters.suspended).
	Suspended *bool
	// Namespace keeps license and group property values of one namespace (the property query
	// methods' namespace).
	Namespace string
}

// Object is one listed object.
type Object struct {
	ID   string // import ID, as the resource's documentation describes it
	Hint string // what a name for it is made of (may be empty)
	// Label is how a list shows it to a person when the hint says too little ("" for the hint).
	Label string
	// Default marks what every license has from the start: group 0, the owner agent, the default
	// tags, the enabled license webhooks state, the partner's default campaign, a property value
	// equal to the property's default, an untouched partner profile.
	Default bool
	// Note is what the configuration generated for the object cannot contain and how to fill it
	// in ("" when nothing).
	Note string
}

// Kinds returns every listable resource type, in a dependency-friendly order (groups first).
func Kinds() []Kind { return slices.Clone(kinds) }

// Find returns the kind of a resource type (e.g. livechat_agent).
func Find(typ string) (Kind, bool) {
	i := slices.IndexFunc(kinds, func(k Kind) bool { return k.Type == typ })
	if i < 0 {
		return Kind{}, false
	}
	return kinds[i], true
}

// Session is one listing run: the clients, the filter, lists several kinds share, and notes
// about what was left out.
type Session struct {
	*Clients
	Filter
	memo  map[string]any
	notes []string
}

// NewSession starts a listing run.
func NewSession(c *Clients, f Filter) *Session {
	return &Session{Clients: c, Filter: f, memo: map[string]any{}}
}

// Notes are the caveats collected so far (objects skipped and why).
func (s *Session) Notes() []string { return slices.Clone(s.notes) }

func (s *Session) note(format string, args ...any) {
	s.notes = append(s.notes, fmt.Sprintf(format, args...))
}

// memoized returns the value of key, computing it once per run (lists several kinds need).
func memoized[T any](s *Session, key string, f func() (T, error)) (T, error) {
	if v, ok := s.memo[key]; ok {
		return v.(T), nil
	}
	v, err := f()
	if err == nil {
		s.memo[key] = v
	}
	return v, err
}

func (s *Session) groups(ctx context.Context) ([]configuration.Group, error) {
	return memoized(s, "groups", func() ([]configuration.Group, error) {
		gs, err := s.Config.ListGroups(ctx)
		sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
		return gs, err
	})
}

// groupIDs are the filter's groups, or every group of the license.
func (s *Session) groupIDs(ctx context.Context) ([]int64, error) {
	if len(s.GroupIDs) > 0 {
		return s.GroupIDs, nil
	}
	gs, err := s.groups(ctx)
	ids := make([]int64, 0, len(gs))
	for _, g := range gs {
		ids = append(ids, g.ID)
	}
	return ids, err
}

func (s *Session) groupName(ctx context.Context, id int64) string {
	gs, _ := s.groups(ctx)
	for _, g := range gs {
		if g.ID == id {
			return g.Name
		}
	}
	return "group_" + strconv.FormatInt(id, 10)
}
