package emulator

import (
	"fmt"
	"strings"
)

// Tags: Configuration API v3.6 "Tags" section. Create Tag ignores letter case when checking that
// a tag exists; Update Tag and Delete Tag match the name exactly.

func registerTags(s *Server) {
	s.register("create_tag", createTag, "")
	s.register("update_tag", updateTag, "")
	s.register("delete_tag", deleteTag, "")
	s.register("list_tags", listTags, "")
	s.kinds["tag"] = func(st *store, name string) error {
		if st.tags.get(name) == nil {
			return fmt.Errorf("tag %q: %w", name, ErrNotFound)
		}
		st.tags.purge(name)
		return nil
	}
}

func createTag(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "group_ids"); e != nil {
		return nil, e
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	groupIDs, _, e := p.ids("group_ids", false)
	if e != nil {
		return nil, e
	}
	for _, t := range c.st.tags.list(authoritative) {
		if strings.EqualFold(t.Name, name) {
			return nil, errAlreadyExists()
		}
	}
	if e := c.checkGroups(groupIDs); e != nil {
		return nil, e
	}
	t := &Tag{
		Name:      name,
		GroupIDs:  append([]int{}, groupIDs...),
		AuthorID:  c.requester,
		CreatedAt: c.now.UTC().Format(tagTimeFormat),
	}
	c.st.tags.create(name, t, c.now, c.delay)
	return empty(), nil
}

func updateTag(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "group_ids"); e != nil {
		return nil, e
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	groupIDs, hasGroups, e := p.ids("group_ids", false)
	if e != nil {
		return nil, e
	}
	t := c.st.tags.editable(name)
	if t == nil {
		return nil, errNotFound()
	}
	if e := c.checkGroups(groupIDs); e != nil {
		return nil, e
	}
	if hasGroups {
		t.GroupIDs = groupIDs
		c.st.tags.update(name, t, c.now, c.delay)
	}
	return empty(), nil
}

func deleteTag(c *call, p *params) (any, *apiError) {
	if e := p.only("name"); e != nil {
		return nil, e
	}
	name, _, e := p.str("name", true)
	if e != nil {
		return nil, e
	}
	if c.st.tags.get(name) == nil {
		return nil, errNotFound()
	}
	c.st.tags.delete(name, c.now, c.delay)
	return empty(), nil
}

// listTags returns every tag, or with filters.group_ids (required inside filters) the tags
// assigned to at least one of those groups.
func listTags(c *call, p *params) (any, *apiError) {
	if e := p.only("filters"); e != nil {
		return nil, e
	}
	var groupIDs []int
	filtered := false
	if f, ok, e := p.object("filters", false); e != nil {
		return nil, e
	} else if ok {
		if e := f.only("group_ids"); e != nil {
			return nil, e
		}
		if groupIDs, _, e = f.ids("group_ids", true); e != nil {
			return nil, e
		}
		filtered = true
	}
	out := []Tag{}
	for _, t := range c.st.tags.list(c.view()) {
		if filtered && !sharesGroup(t.GroupIDs, groupIDs) {
			continue
		}
		out = append(out, *cloneTag(t))
	}
	return out, nil
}

func sharesGroup(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
