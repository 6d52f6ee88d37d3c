package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Out-of-band changes: PatchObject changes one object as if someone had edited it in the LiveChat
// app, visible to every reader at once (no propagation delay), so drift tests need not wait.

// objectPatcher is implemented by every *table.
type objectPatcher interface {
	patchNow(id string, patch []byte) (bool, error)
}

// patchNow merges patch into the object whose key prints as id (fmt.Sprint: the same ids as
// DeleteObject) and makes the result visible at once. Fields absent from patch keep their value.
func (t *table[K, T]) patchNow(id string, patch []byte) (bool, error) {
	for k, r := range t.recs {
		if r.cur == nil || fmt.Sprint(k) != id {
			continue
		}
		c := t.clone(r.cur)
		dec := json.NewDecoder(bytes.NewReader(patch))
		dec.DisallowUnknownFields() // a misspelled field must not pass as a change
		if err := dec.Decode(c); err != nil {
			return true, fmt.Errorf("patch of %s %q: %w", t.kind, id, err)
		}
		// Both versions: readers see the change whether or not a write of theirs is still
		// propagating (that write is overtaken, as a later edit in the app would).
		r.cur, r.prev = c, c
		return true, nil
	}
	return false, nil
}

// String is the out-of-band id of a property definition or license value: <namespace>/<name>.
func (k propertyKey) String() string { return k.ns + "/" + k.name }

// String is the out-of-band id of a group property value: <group_id>/<namespace>/<name>.
func (k groupPropertyKey) String() string { return fmt.Sprintf("%d/%s/%s", k.group, k.ns, k.name) }

// PatchObject changes an object out of band, visibly at once: patch is a JSON object with the
// state dump's field names of that kind (GET /_emulator/state), merged into the object; fields it
// does not name keep their values, unknown fields are refused. Kinds and ids are those of
// DeleteObject; the partner singletons (partner_profile, partner_billing, expert_profile) have the
// id "self". Derived fields (a group's agent_priorities) follow from the objects they derive from.
func (s *Server) PatchObject(kind, id string, patch []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tables, ok := s.st.delayTables()[kind]
	if !ok {
		known := make([]string, 0, len(s.st.delayTables()))
		for k := range s.st.delayTables() {
			known = append(known, k)
		}
		sort.Strings(known)
		return fmt.Errorf("unknown object kind %q (known: %s)", kind, strings.Join(known, ", "))
	}
	for _, t := range tables {
		p, ok := t.(objectPatcher)
		if !ok {
			continue
		}
		found, err := p.patchNow(id, patch)
		if found {
			return err
		}
	}
	return fmt.Errorf("%s %q: %w", kind, id, ErrNotFound)
}
