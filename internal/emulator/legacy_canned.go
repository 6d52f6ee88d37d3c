package emulator

import (
	"strconv"
	"strings"
)

// Canned responses: REST API v2 "Canned responses". Ids are assigned increasing from 1.

func routeLegacyCanned(rs *routeList) {
	rs.add("GET", "/canned_responses", listCannedResponses)
	rs.add("POST", "/canned_responses", createCannedResponse)
	rs.add("GET", "/canned_responses/:id", getCannedResponse)
	rs.add("PUT", "/canned_responses/:id", updateCannedResponse)
	// The path table lists POST on /canned_responses/<ID>: it updates like PUT.
	rs.add("POST", "/canned_responses/:id", updateCannedResponse)
	rs.add("DELETE", "/canned_responses/:id", deleteCannedResponse)
}

// pathID parses a numeric path id; anything else is an object that does not exist.
func legacyPathID(what, s string) (int, *apiError) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, legacyNotFound("%s %s not found", what, s)
	}
	return n, nil
}

// referGroup checks that a write may refer to group id (it exists and has propagated).
func (c *call) referGroup(id int) *apiError {
	if !c.st.groups.referencable(id, c.now) {
		return legacyNotFound("Group %d not found", id)
	}
	return nil
}

func cannedTags(p *lparams, required bool) ([]string, bool, *apiError) {
	tags, ok, e := p.strList("tags", required)
	if !ok {
		return nil, false, e
	}
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, false, legacyBad("`tags` must not contain empty strings")
		}
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, false, legacyBad("`tags` must contain at least one tag")
	}
	return out, true, nil
}

func cannedText(p *lparams, required bool) (string, bool, *apiError) {
	return p.str("text", required)
}

func renderCanned(cr *CannedResponse) map[string]any {
	out := map[string]any{
		"id": cr.ID, "group": cr.Group, "text": cr.Text, "creation_date": cr.CreationDate,
		"created_by": cr.CreatedBy, "tags": append([]string{}, cr.Tags...),
	}
	if cr.ModificationDate != 0 {
		out["modification_date"] = cr.ModificationDate
		out["modified_by"] = cr.ModifiedBy
	}
	return out
}

func listCannedResponses(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("group"); e != nil {
		return nil, e
	}
	group, _, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	out := []any{}
	for _, cr := range c.st.legacy.canned.list(c.view()) {
		if cr.Group == group {
			out = append(out, renderCanned(cr))
		}
	}
	return out, nil
}

func getCannedResponse(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Canned response", args[0])
	if e != nil {
		return nil, e
	}
	cr := c.st.legacy.canned.in(id, c.view())
	if cr == nil {
		return nil, legacyNotFound("Canned response %d not found", id)
	}
	return renderCanned(cr), nil
}

func createCannedResponse(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("text", "tags", "group"); e != nil {
		return nil, e
	}
	text, _, e := cannedText(p, true)
	if e != nil {
		return nil, e
	}
	tags, _, e := cannedTags(p, true)
	if e != nil {
		return nil, e
	}
	group, _, e := p.id("group", false)
	if e != nil {
		return nil, e
	}
	if e := c.referGroup(group); e != nil {
		return nil, e
	}
	ls := c.st.legacy
	cr := &CannedResponse{ID: ls.nextCannedID, Group: group, Text: text, Tags: tags,
		CreationDate: c.now.Unix(), CreatedBy: c.requester}
	ls.nextCannedID++
	ls.canned.create(cr.ID, cr, c.now, c.delay)
	return renderCanned(cr), nil
}

func updateCannedResponse(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only("text", "tags"); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Canned response", args[0])
	if e != nil {
		return nil, e
	}
	text, hasText, e := cannedText(p, false)
	if e != nil {
		return nil, e
	}
	if hasText && strings.TrimSpace(text) == "" {
		return nil, legacyBad("`text` must not be empty")
	}
	tags, hasTags, e := cannedTags(p, false)
	if e != nil {
		return nil, e
	}
	cr := c.st.legacy.canned.editable(id)
	if cr == nil {
		return nil, legacyNotFound("Canned response %d not found", id)
	}
	if hasText {
		cr.Text = text
	}
	if hasTags {
		cr.Tags = tags
	}
	cr.ModificationDate, cr.ModifiedBy = c.now.Unix(), c.requester
	c.st.legacy.canned.update(id, cr, c.now, c.delay)
	return renderCanned(cr), nil
}

func deleteCannedResponse(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	id, e := legacyPathID("Canned response", args[0])
	if e != nil {
		return nil, e
	}
	if c.st.legacy.canned.get(id) == nil {
		return nil, legacyNotFound("Canned response %d not found", id)
	}
	c.st.legacy.canned.delete(id, c.now, c.delay)
	return map[string]any{"result": "Canned response removed successfully"}, nil
}
