package configuration

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// cacheKindTags is the read-cache key of list_tags: tags can only be read by
// listing, so one list serves every tag Read of a run.
const cacheKindTags = "configuration/tags"

// Tag as list_tags returns it.
type Tag struct {
	Name      string  `json:"name"`
	GroupIDs  []int64 `json:"group_ids"`
	AuthorID  string  `json:"author_id"`
	CreatedAt string  `json:"created_at"`
}

// DefaultTagNames are the tags a new license has, each in group 0 only: the tags of the
// List Tags example (API-NOTES.md, "Default tags").
var DefaultTagNames = []string{"positive feedback", "support", "complaint", "sales", "spam", "docs_feedback"}

// IsDefault reports whether t is a default tag as a new license has it: a name of
// DefaultTagNames (exact letter case) in group 0 only.
func (t Tag) IsDefault() bool {
	return slices.Contains(DefaultTagNames, t.Name) && slices.Equal(t.GroupIDs, []int64{0})
}

type tagRequest struct {
	Name     string  `json:"name"`
	GroupIDs []int64 `json:"group_ids"`
}

// CreateTag creates a tag. Its natural key is its name, which the API
// compares without letter case on create: a name taken before the first
// attempt fails with already_exists, with or without an unclear failure on
// the way; otherwise an unclear attempt is looked up (exact name) and a
// re-send's already_exists proves that it went through.
func (c *Client) CreateTag(ctx context.Context, name string, groupIDs []int64) error {
	if groupIDs == nil {
		groupIDs = []int64{}
	}
	existing, err := c.ListTags(ctx, !c.core.Coalescing())
	if err != nil {
		return err
	}
	taken := slices.ContainsFunc(existing, func(t Tag) bool { return strings.EqualFold(t.Name, name) })
	defer c.core.Invalidate(cacheKindTags)
	req := client.Action("create_tag", tagRequest{Name: name, GroupIDs: groupIDs})
	req.Creates = true
	req.AlreadyExistsProves = !taken
	req.Recover = func(ctx context.Context) (bool, error) {
		if taken { // someone else's tag: only a re-send's answer tells
			return false, nil
		}
		_, err := c.GetTag(ctx, name, true)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	return c.core.Do(ctx, req, nil)
}

// fetchTags is the one list_tags call behind the read cache.
func (c *Client) fetchTags(ctx context.Context) ([]Tag, error) {
	var out []Tag
	err := c.call(ctx, "list_tags", struct{}{}, &out)
	return out, err
}

// ListTags lists every tag. fresh=false may answer from the run's read cache.
func (c *Client) ListTags(ctx context.Context, fresh bool) ([]Tag, error) {
	return client.Cached(ctx, c.core, cacheKindTags, fresh, c.fetchTags)
}

// ListTagsOfGroups lists the tags of the given groups (list_tags filters.group_ids), never from
// the read cache.
func (c *Client) ListTagsOfGroups(ctx context.Context, groupIDs []int64) ([]Tag, error) {
	var out []Tag
	err := c.call(ctx, "list_tags", map[string]any{"filters": map[string]any{"group_ids": groupIDs}}, &out)
	return out, err
}

// GetTag finds a tag by its exact name (update and delete match case) in list_tags: the only
// way to read a tag. fresh=false may answer from the run's read cache.
func (c *Client) GetTag(ctx context.Context, name string, fresh bool) (*Tag, error) {
	tags, err := c.ListTags(ctx, fresh)
	if err != nil {
		return nil, err
	}
	if t := client.Find(tags, func(t *Tag) bool { return t.Name == name }); t != nil {
		return t, nil
	}
	return nil, notFound("list_tags", "tag "+name)
}

// ListTagsAfter is list_tags through the run's read cache, as ListAgentsAfter is for agents.
func (c *Client) ListTagsAfter(ctx context.Context, since time.Time) ([]Tag, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindTags, since, c.fetchTags)
}

// UpdateTag replaces a tag's groups.
func (c *Client) UpdateTag(ctx context.Context, name string, groupIDs []int64) error {
	if groupIDs == nil {
		groupIDs = []int64{}
	}
	defer c.core.Invalidate(cacheKindTags)
	return c.call(ctx, "update_tag", tagRequest{Name: name, GroupIDs: groupIDs}, nil)
}

// DeleteTag deletes a tag.
func (c *Client) DeleteTag(ctx context.Context, name string) error {
	defer c.core.Invalidate(cacheKindTags)
	return c.call(ctx, "delete_tag", map[string]string{"name": name}, nil)
}
