package configuration_test

import (
	"context"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestTagWrites_Request(t *testing.T) {
	tests := []struct {
		name   string
		action string
		do     func(context.Context, *configuration.Client) error
		want   string
	}{
		{"create nil groups", "create_tag", func(ctx context.Context, c *configuration.Client) error { return c.CreateTag(ctx, "vip", nil) },
			`{"name":"vip","group_ids":[]}`},
		{"create with groups", "create_tag", func(ctx context.Context, c *configuration.Client) error {
			return c.CreateTag(ctx, "vip", []int64{0, 2})
		},
			`{"name":"vip","group_ids":[0,2]}`},
		{"update nil groups", "update_tag", func(ctx context.Context, c *configuration.Client) error { return c.UpdateTag(ctx, "vip", nil) },
			`{"name":"vip","group_ids":[]}`},
		{"update empty groups", "update_tag", func(ctx context.Context, c *configuration.Client) error { return c.UpdateTag(ctx, "vip", []int64{}) },
			`{"name":"vip","group_ids":[]}`},
		{"delete", "delete_tag", func(ctx context.Context, c *configuration.Client) error { return c.DeleteTag(ctx, "vip") },
			`{"name":"vip"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{tt.action: ok(``), "list_tags": ok(`[]`)})
			if err := tt.do(t.Context(), api.client(client.Config{})); err != nil {
				t.Fatal(err)
			}
			assertBody(t, api.body(tt.action, 0), tt.want)
		})
	}
}

const tagList = `[{"name":"vip","group_ids":[0],"author_id":"o@x","created_at":"2024-01-01T00:00:00Z"},{"name":"spam","group_ids":[]}]`

func TestListTags_ReadCache(t *testing.T) {
	tests := []struct {
		name      string
		between   func(context.Context, *configuration.Client) error
		wantLists int // list_tags calls after: ListTags, between, ListTags
	}{
		{"nothing in between: served from the cache", func(context.Context, *configuration.Client) error { return nil }, 1},
		{"GetTag uses the cache", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.GetTag(ctx, "vip", false)
			return err
		}, 1},
		{"fresh=true refetches", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListTags(ctx, true)
			return err
		}, 2},
		{"CreateTag invalidates", func(ctx context.Context, c *configuration.Client) error { return c.CreateTag(ctx, "new", nil) }, 2},
		{"UpdateTag invalidates", func(ctx context.Context, c *configuration.Client) error { return c.UpdateTag(ctx, "vip", []int64{1}) }, 2},
		{"DeleteTag invalidates", func(ctx context.Context, c *configuration.Client) error { return c.DeleteTag(ctx, "spam") }, 2},
		{"a failed write invalidates too", func(ctx context.Context, c *configuration.Client) error {
			_ = c.UpdateTag(ctx, "missing", nil)
			return nil
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{
				"list_tags":  ok(tagList),
				"create_tag": ok(``),
				"delete_tag": ok(``),
				"update_tag": func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
					if string(body) == `{"name":"missing","group_ids":[]}` {
						writeJSON(w, http.StatusNotFound, `{"error":{"type":"not_found","message":"Tag not found"}}`)
						return
					}
					writeJSON(w, http.StatusOK, ``)
				},
			})
			c := api.client(client.Config{Coalesce: true}) // a create notes what exists from the cached list
			ctx := t.Context()
			first, err := c.ListTags(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.between(ctx, c); err != nil {
				t.Fatal(err)
			}
			second, err := c.ListTags(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, second) || len(first) != 2 {
				t.Errorf("answers differ: %+v vs %+v", first, second)
			}
			if n := api.count("list_tags"); n != tt.wantLists {
				t.Errorf("%d list_tags calls, want %d", n, tt.wantLists)
			}
		})
	}
}

func TestListTags_FreshAlwaysRefetches(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"list_tags": ok(tagList)})
	c := api.client(client.Config{})
	for range 3 {
		if _, err := c.ListTags(t.Context(), true); err != nil {
			t.Fatal(err)
		}
	}
	if n := api.count("list_tags"); n != 3 {
		t.Errorf("%d list_tags calls, want 3", n)
	}
}

func TestGetTag(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"list_tags": ok(tagList)})
	c := api.client(client.Config{})
	tag, err := c.GetTag(t.Context(), "vip", false)
	if err != nil {
		t.Fatal(err)
	}
	want := &configuration.Tag{Name: "vip", GroupIDs: []int64{0}, AuthorID: "o@x", CreatedAt: "2024-01-01T00:00:00Z"}
	if !reflect.DeepEqual(tag, want) {
		t.Errorf("tag = %+v", tag)
	}
	// Exact-name match, reported with the typed not-found error.
	if _, err := c.GetTag(t.Context(), "VIP", false); !client.IsNotFound(err) {
		t.Errorf("GetTag(VIP) error = %v, want not found", err)
	}
}

// signalCtx reports the first time someone waits on it: a ListTags that finds
// another caller's list_tags in flight waits on ctx.Done().
type signalCtx struct {
	context.Context
	once     sync.Once
	waiting  chan struct{}
	finished chan struct{} // closed when the caller has its answer
}

func (s *signalCtx) Done() <-chan struct{} {
	s.once.Do(func() { close(s.waiting) })
	return s.Context.Done()
}

func TestListTags_ConcurrentCallsShareOneRequest(t *testing.T) {
	arrived := make(chan struct{})
	release := make(chan struct{})
	var arrivedOnce sync.Once
	api := newFakeAPI(t, map[string]actionHandler{"list_tags": func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		arrivedOnce.Do(func() { close(arrived) })
		// Block until every other caller is waiting for this answer.
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		writeJSON(w, http.StatusOK, tagList)
	}})
	c := api.client(client.Config{})

	const callers = 6
	results := make([][]configuration.Tag, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[0], errs[0] = c.ListTags(t.Context(), false)
	}()
	<-arrived
	var waiting []*signalCtx
	for i := 1; i < callers; i++ {
		sc := &signalCtx{Context: t.Context(), waiting: make(chan struct{}), finished: make(chan struct{})}
		waiting = append(waiting, sc)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(sc.finished)
			results[i], errs[i] = c.ListTags(sc, false)
		}()
	}
	for _, sc := range waiting {
		// A caller that finished without waiting sent its own request; the
		// count below reports it.
		select {
		case <-sc.waiting:
		case <-sc.finished:
		}
	}
	close(release)
	wg.Wait()

	for i := range callers {
		if errs[i] != nil || len(results[i]) != 2 {
			t.Errorf("caller %d: %v, %v", i, results[i], errs[i])
		}
	}
	if n := api.count("list_tags"); n != 1 {
		t.Errorf("%d list_tags calls for %d concurrent callers, want 1", n, callers)
	}
}

func TestCreateTag_AmbiguousFailureLooksUpFreshList(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"create_tag": drop(t),
		"list_tags": sequence(
			ok(`[{"name":"spam","group_ids":[]}]`),
			ok(`[{"name":"spam","group_ids":[]}]`),
			ok(`[{"name":"spam","group_ids":[]},{"name":"vip","group_ids":[]}]`),
		),
	})
	c := api.client(client.Config{MaxRetries: 3})
	// Warm the cache with a list that lacks the tag: the look-up must not use it.
	if _, err := c.ListTags(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateTag(t.Context(), "vip", nil); err != nil {
		t.Fatalf("CreateTag: %v", err)
	}
	// Coalescing is off: the name is looked up fresh before the create, too.
	if got, want := api.actions(), []string{"list_tags", "list_tags", "create_tag", "list_tags"}; !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %v, want %v", got, want)
	}
	if got := c.Core().Stats().Recovered; got != 1 {
		t.Errorf("Stats().Recovered = %d, want 1", got)
	}
}
