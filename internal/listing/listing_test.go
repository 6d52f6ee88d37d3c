package listing

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// fixtureClients serves livechat-export's fixture license (several groups, agents in several
// groups, tags, canned responses, greetings and property values) from an emulator.
func fixtureClients(t *testing.T) *Clients {
	t.Helper()
	em := emulator.New(emulator.Options{AccessTokens: []string{"dal:listing-test"}})
	data, err := os.ReadFile("../export/testdata/license.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := em.LoadFixture(data); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	core, err := client.New(client.Config{APIURL: srv.URL, AccessToken: "dal:listing-test"})
	if err != nil {
		t.Fatal(err)
	}
	return NewClients(core)
}

func ids(t *testing.T, c *Clients, typ string, f Filter) []string {
	t.Helper()
	k, ok := Find(typ)
	if !ok {
		t.Fatalf("no kind %s", typ)
	}
	objs, err := k.List(context.Background(), NewSession(c, f))
	if err != nil {
		t.Fatalf("%s %+v: %v", typ, f, err)
	}
	var out []string
	for _, o := range objs {
		out = append(out, o.ID)
	}
	slices.Sort(out)
	return out
}

// TestFiltersKeepWhatTheyName: with a group, a suspended flag or a namespace, each kind lists
// exactly the objects of the unfiltered list that match it.
func TestFiltersKeepWhatTheyName(t *testing.T) {
	c := fixtureClients(t)
	ctx := context.Background()
	const group = 1
	agents, err := c.Config.ListAgents(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var inGroup, suspended []string
	for _, a := range agents {
		if slices.ContainsFunc(a.Groups, func(m configuration.GroupMembership) bool { return m.ID == group }) {
			inGroup = append(inGroup, a.ID)
		}
		if a.Suspended {
			suspended = append(suspended, a.ID)
		}
	}
	tags, err := c.Config.ListTags(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var tagsInGroup []string
	for _, tg := range tags {
		if slices.Contains(tg.GroupIDs, group) {
			tagsInGroup = append(tagsInGroup, tg.Name)
		}
	}
	greetings, err := c.Legacy.ListGreetings(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var greetingsInGroup []string
	for _, g := range greetings {
		if g.Group != nil && *g.Group == group {
			greetingsInGroup = append(greetingsInGroup, strconv.FormatInt(g.ID, 10))
		}
	}
	yes := true
	for _, tc := range []struct {
		typ    string
		filter Filter
		want   func(all []string) []string
	}{
		{"livechat_agent", Filter{GroupIDs: []int64{group}}, func([]string) []string { return inGroup }},
		{"livechat_agent", Filter{Suspended: &yes}, func([]string) []string { return suspended }},
		{"livechat_tag", Filter{GroupIDs: []int64{group}}, func([]string) []string { return tagsInGroup }},
		{"livechat_greeting", Filter{GroupIDs: []int64{group}}, func([]string) []string { return greetingsInGroup }},
		{"livechat_group_property", Filter{GroupIDs: []int64{group}}, prefixed("1/")},
		{"livechat_license_property", Filter{Namespace: "acme-support-app"}, prefixed("acme-support-app/")},
	} {
		all := ids(t, c, tc.typ, Filter{})
		want := tc.want(all)
		slices.Sort(want)
		got := ids(t, c, tc.typ, tc.filter)
		if len(want) == 0 || len(want) == len(all) {
			t.Errorf("%s %+v: the fixture does not tell filtered from unfiltered (%d of %d)", tc.typ, tc.filter, len(want), len(all))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %+v: listed %v, want %v", tc.typ, tc.filter, got, want)
		}
	}
}

func prefixed(p string) func([]string) []string {
	return func(all []string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(id string) bool { return !strings.HasPrefix(id, p) })
	}
}
