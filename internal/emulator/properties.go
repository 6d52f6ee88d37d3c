package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Properties: Configuration API v3.6 "Properties" section. A property is registered by its owner
// Client Id (its namespace) with a type, per-location access, an optional domain or range and an
// optional default value; once published, other Client Ids may read and/or write it, and it can no
// longer be unregistered. Values are set per license and per group. Choices where the reference
// is silent are in API-NOTES.md ("Properties").

// Documented enums of the Properties section.
var (
	propertyTypes     = []string{"int", "string", "bool", "tokenized_string"}
	propertyLocations = []string{"chat", "thread", "event", "license", "group"}
	propertyUsers     = []string{"agent", "customer"}
	propertyAccess    = []string{"read", "write"}
)

// reservedNamespaces belong to LiveChat, not to the requester's organization: "test" holds the
// documented test properties, "core" the predefined ones. Every other Client Id counts as owned by
// the requester's organization.
var reservedNamespaces = []string{"test", "core"}

// testPropertyTypes are the documented test properties: namespace "test", "<type>_property",
// "rw for everyone everywhere".
var testPropertyTypes = []string{"bool", "int", "string", "tokenized_string"}

// Property is a registered property (the state dump format).
type Property struct {
	OwnerClientID string                         `json:"owner_client_id"`
	Name          string                         `json:"name"`
	Type          string                         `json:"type"`
	Description   string                         `json:"description"`
	Access        map[string]map[string][]string `json:"access"`
	PublicAccess  []string                       `json:"public_access"`
	Domain        []json.RawMessage              `json:"domain,omitempty"`
	Range         *PropertyRange                 `json:"range,omitempty"`
	DefaultValue  json.RawMessage                `json:"default_value,omitempty"`
}

// PropertyRange bounds an int property; either end may be open.
type PropertyRange struct {
	From *int `json:"from,omitempty"`
	To   *int `json:"to,omitempty"`
}

// LicenseProperty is a property value set within the license.
type LicenseProperty struct {
	Namespace string          `json:"namespace"`
	Name      string          `json:"name"`
	Value     json.RawMessage `json:"value"`
}

// GroupProperty is a property value set within a group.
type GroupProperty struct {
	GroupID   int             `json:"group_id"`
	Namespace string          `json:"namespace"`
	Name      string          `json:"name"`
	Value     json.RawMessage `json:"value"`
}

type propertyKey struct{ ns, name string }

type groupPropertyKey struct {
	group    int
	ns, name string
}

// propertyStore holds the definitions and the license and group values, each with the
// propagation-delay model of delay.go.
type propertyStore struct {
	defs    *table[propertyKey, Property]
	license *table[propertyKey, LicenseProperty]
	groups  *table[groupPropertyKey, GroupProperty]
}

func newPropertyStore() *propertyStore {
	return &propertyStore{
		defs:    newTable[propertyKey](cloneProperty),
		license: newTable[propertyKey](cloneLicenseProperty),
		groups:  newTable[groupPropertyKey](cloneGroupProperty),
	}
}

func cloneProperty(p *Property) *Property {
	c := *p
	c.Access = make(map[string]map[string][]string, len(p.Access))
	for loc, users := range p.Access {
		c.Access[loc] = make(map[string][]string, len(users))
		for u, acc := range users {
			c.Access[loc][u] = append([]string{}, acc...)
		}
	}
	c.PublicAccess = append([]string{}, p.PublicAccess...)
	if p.Domain != nil {
		c.Domain = make([]json.RawMessage, len(p.Domain))
		for i, v := range p.Domain {
			c.Domain[i] = append(json.RawMessage{}, v...)
		}
	}
	if p.Range != nil {
		r := PropertyRange{}
		if p.Range.From != nil {
			r.From = propPtr(*p.Range.From)
		}
		if p.Range.To != nil {
			r.To = propPtr(*p.Range.To)
		}
		c.Range = &r
	}
	if p.DefaultValue != nil {
		c.DefaultValue = append(json.RawMessage{}, p.DefaultValue...)
	}
	return &c
}

func cloneLicenseProperty(v *LicenseProperty) *LicenseProperty {
	c := *v
	c.Value = append(json.RawMessage{}, v.Value...)
	return &c
}

func cloneGroupProperty(v *GroupProperty) *GroupProperty {
	c := *v
	c.Value = append(json.RawMessage{}, v.Value...)
	return &c
}

func propPtr[T any](v T) *T { return &v }

// loadTestProperties adds the documented test properties of every license.
func loadTestProperties(ps *propertyStore) {
	rw := func() map[string][]string {
		return map[string][]string{"agent": {"read", "write"}, "customer": {"read", "write"}}
	}
	for _, typ := range testPropertyTypes {
		access := map[string]map[string][]string{}
		for _, loc := range propertyLocations {
			access[loc] = rw()
		}
		name := typ + "_property"
		ps.defs.load(propertyKey{"test", name}, &Property{
			OwnerClientID: "test", Name: name, Type: typ, Access: access,
			PublicAccess: []string{"read", "write"},
		})
	}
}

func registerProperties(s *Server) {
	s.register("register_property", registerProperty, "")
	s.register("unregister_property", unregisterProperty, "")
	s.register("publish_property", publishProperty, "")
	s.register("list_properties", listProperties, "")
	s.register("update_license_properties", updateLicenseProperties, "")
	s.register("list_license_properties", listLicenseProperties, "")
	s.register("delete_license_properties", deleteLicenseProperties, "")
	s.register("update_group_properties", updateGroupProperties, "")
	// The reference's URL and title say list_groups_properties (see API-NOTES.md).
	s.register("list_groups_properties", listGroupsProperties, "")
	s.register("delete_group_properties", deleteGroupProperties, "")

	s.kinds["property"] = func(st *store, id string) error {
		ns, name, ok := strings.Cut(id, "/")
		k := propertyKey{ns, name}
		if !ok || st.props.defs.get(k) == nil {
			return fmt.Errorf("property %q (want <owner_client_id>/<name>): %w", id, ErrNotFound)
		}
		st.props.defs.purge(k)
		st.props.license.purge(k)
		for _, gk := range st.props.groups.keys(authoritative) {
			if gk.ns == ns && gk.name == name {
				st.props.groups.purge(gk)
			}
		}
		return nil
	}
	s.kinds["license_property"] = func(st *store, id string) error {
		ns, name, ok := strings.Cut(id, "/")
		k := propertyKey{ns, name}
		if !ok || st.props.license.get(k) == nil {
			return fmt.Errorf("license property value %q (want <namespace>/<name>): %w", id, ErrNotFound)
		}
		st.props.license.purge(k)
		return nil
	}
	s.kinds["group_property"] = func(st *store, id string) error {
		k, ok := parseGroupPropertyID(id)
		if !ok || st.props.groups.get(k) == nil {
			return fmt.Errorf("group property value %q (want <group_id>/<namespace>/<name>): %w", id, ErrNotFound)
		}
		st.props.groups.purge(k)
		return nil
	}
}

func parseGroupPropertyID(id string) (groupPropertyKey, bool) {
	g, rest, ok := strings.Cut(id, "/")
	if !ok {
		return groupPropertyKey{}, false
	}
	ns, name, ok := strings.Cut(rest, "/")
	gid, err := strconv.Atoi(g)
	if !ok || err != nil {
		return groupPropertyKey{}, false
	}
	return groupPropertyKey{gid, ns, name}, true
}

// propOwned reports whether a Client Id belongs to the requester's organization.
func propOwned(clientID string) bool { return !contains(reservedNamespaces, clientID) }

func errPropNotOwned(clientID string) *apiError {
	return errAuthorization(fmt.Sprintf("Client Id %s is not owned by your organization", clientID))
}

func errPropertyNotFound(ns, name string) *apiError {
	return newError(errTypeNotFound, fmt.Sprintf("Property %s of namespace %s not found", name, ns))
}

// propOwnerParams reads the name and owner_client_id of the property methods and checks ownership.
func propOwnerParams(p *params) (propertyKey, *apiError) {
	name, _, e := p.str("name", true)
	if e != nil {
		return propertyKey{}, e
	}
	owner, _, e := p.str("owner_client_id", true)
	if e != nil {
		return propertyKey{}, e
	}
	return propertyKey{owner, name}, nil
}

// propertyAccessParam reads access.<location>.<user> = ["read"|"write", ...].
func propertyAccessParam(p *params) (map[string]map[string][]string, *apiError) {
	a, _, e := p.object("access", true)
	if e != nil {
		return nil, e
	}
	for _, loc := range propSortedKeys(a.m) {
		if !contains(propertyLocations, loc) {
			return nil, errValidation("`access.%s` is not a supported location; use one of: %s", loc, strings.Join(propertyLocations, ", "))
		}
	}
	if len(a.m) == 0 {
		return nil, errValidation("`access` must set at least one location (%s)", strings.Join(propertyLocations, ", "))
	}
	out := map[string]map[string][]string{}
	for _, loc := range propertyLocations {
		l, ok, e := a.object(loc, false)
		if e != nil {
			return nil, e
		}
		if !ok {
			continue
		}
		for _, user := range propSortedKeys(l.m) {
			if !contains(propertyUsers, user) {
				return nil, errValidation("`access.%s.%s` is not a supported user; use agent or customer", loc, user)
			}
		}
		if len(l.m) == 0 {
			return nil, errValidation("`access.%s` must set at least one user (agent, customer)", loc)
		}
		out[loc] = map[string][]string{}
		for _, user := range propertyUsers {
			acc, ok, e := l.strings(user, false, propertyAccess...)
			if e != nil {
				return nil, e
			}
			if !ok {
				continue
			}
			canon, e := propAccessSet(l.path+user, acc)
			if e != nil {
				return nil, e
			}
			out[loc][user] = canon
		}
	}
	return out, nil
}

// propAccessSet checks a non-empty list of read/write without repeats and returns it in the order
// read, write.
func propAccessSet(name string, acc []string) ([]string, *apiError) {
	if len(acc) == 0 {
		return nil, errValidation("`%s` must contain read, write or both", name)
	}
	seen := map[string]bool{}
	for _, a := range acc {
		if seen[a] {
			return nil, errValidation("`%s` lists %s twice", name, a)
		}
		seen[a] = true
	}
	out := []string{}
	for _, a := range propertyAccess {
		if seen[a] {
			out = append(out, a)
		}
	}
	return out, nil
}

// propTypedValue checks that raw is a value of property type typ and returns its canonical JSON.
func propTypedValue(name, typ string, raw json.RawMessage) (json.RawMessage, *apiError) {
	raw = bytes.TrimSpace(raw)
	switch typ {
	case "int":
		i, ok := decodeInt(raw)
		if !ok {
			return nil, errValidation("`%s` must be an int (a 32-bit integer)", name)
		}
		return json.RawMessage(strconv.Itoa(i)), nil
	case "bool":
		var b bool
		if isNull(raw) || json.Unmarshal(raw, &b) != nil {
			return nil, errValidation("`%s` must be a bool", name)
		}
		return json.RawMessage(strconv.FormatBool(b)), nil
	default: // string, tokenized_string
		var s string
		if isNull(raw) || json.Unmarshal(raw, &s) != nil {
			return nil, errValidation("`%s` must be a string (property type %s)", name, typ)
		}
		b, _ := json.Marshal(s)
		return b, nil
	}
}

// allowed checks a canonical value against the property's domain or range.
func (prop *Property) allowed(name string, v json.RawMessage) *apiError {
	if prop.Domain != nil {
		for _, d := range prop.Domain {
			if bytes.Equal(d, v) {
				return nil
			}
		}
		vals := make([]string, len(prop.Domain))
		for i, d := range prop.Domain {
			vals[i] = string(d)
		}
		return errValidation("`%s` must be one of the property's domain: %s", name, strings.Join(vals, ", "))
	}
	if r := prop.Range; r != nil {
		i, _ := strconv.Atoi(string(v))
		if (r.From != nil && i < *r.From) || (r.To != nil && i > *r.To) {
			return errValidation("`%s` must be within the property's range %s", name, r.describe())
		}
	}
	return nil
}

func (r *PropertyRange) describe() string {
	from, to := "-inf", "+inf"
	if r.From != nil {
		from = strconv.Itoa(*r.From)
	}
	if r.To != nil {
		to = strconv.Itoa(*r.To)
	}
	return "[" + from + ", " + to + "]"
}

func registerProperty(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "owner_client_id", "type", "access", "description", "domain", "range", "default_value"); e != nil {
		return nil, e
	}
	key, e := propOwnerParams(p)
	if e != nil {
		return nil, e
	}
	typ, _, e := p.str("type", true)
	if e != nil {
		return nil, e
	}
	if e := oneOf("type", typ, propertyTypes); e != nil {
		return nil, e
	}
	access, e := propertyAccessParam(p)
	if e != nil {
		return nil, e
	}
	desc, _, e := p.str("description", false)
	if e != nil {
		return nil, e
	}
	prop := &Property{OwnerClientID: key.ns, Name: key.name, Type: typ, Description: desc, Access: access, PublicAccess: []string{}}
	if p.has("domain") && p.has("range") {
		return nil, errValidation("Only one of `domain` and `range` can be set")
	}
	if items, ok, e := p.array("domain", false, "an array of values"); e != nil {
		return nil, e
	} else if ok {
		if len(items) == 0 {
			return nil, errValidation("`domain` must contain at least one value")
		}
		prop.Domain = make([]json.RawMessage, 0, len(items))
		for i, raw := range items {
			v, e := propTypedValue(fmt.Sprintf("domain[%d]", i), typ, raw)
			if e != nil {
				return nil, e
			}
			for _, d := range prop.Domain {
				if bytes.Equal(d, v) {
					return nil, errValidation("`domain` lists %s twice", v)
				}
			}
			prop.Domain = append(prop.Domain, v)
		}
	}
	if r, ok, e := p.object("range", false); e != nil {
		return nil, e
	} else if ok {
		if typ != "int" {
			return nil, errValidation("`range` can be set only for properties of type int")
		}
		if e := r.only("from", "to"); e != nil {
			return nil, e
		}
		prop.Range = &PropertyRange{}
		if from, ok, e := r.integer("from", false); e != nil {
			return nil, e
		} else if ok {
			prop.Range.From = &from
		}
		if to, ok, e := r.integer("to", false); e != nil {
			return nil, e
		} else if ok {
			prop.Range.To = &to
		}
		switch {
		case prop.Range.From == nil && prop.Range.To == nil:
			return nil, errValidation("`range` must set `range.from`, `range.to` or both")
		case prop.Range.From != nil && prop.Range.To != nil && *prop.Range.From > *prop.Range.To:
			return nil, errValidation("`range.from` must not be greater than `range.to`")
		}
	}
	if raw, ok, e := p.get("default_value", false, "a value of the property's type"); e != nil {
		return nil, e
	} else if ok {
		if access["license"] == nil && access["group"] == nil {
			return nil, errValidation("`default_value` can be set only when `access` includes the license or group location")
		}
		v, e := propTypedValue("default_value", typ, raw)
		if e != nil {
			return nil, e
		}
		if e := prop.allowed("default_value", v); e != nil {
			return nil, e
		}
		prop.DefaultValue = v
	}
	if !propOwned(key.ns) {
		return nil, errPropNotOwned(key.ns)
	}
	if c.st.props.defs.get(key) != nil {
		return nil, errAlreadyExists()
	}
	c.st.props.defs.create(key, prop, c.now, c.delay)
	return empty(), nil
}

func unregisterProperty(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "owner_client_id"); e != nil {
		return nil, e
	}
	key, e := propOwnerParams(p)
	if e != nil {
		return nil, e
	}
	if !propOwned(key.ns) {
		return nil, errPropNotOwned(key.ns)
	}
	prop := c.st.props.defs.get(key)
	if prop == nil {
		return nil, errPropertyNotFound(key.ns, key.name)
	}
	if len(prop.PublicAccess) > 0 {
		return nil, errValidation("Published properties cannot be unregistered")
	}
	c.st.props.defs.delete(key, c.now, c.delay)
	// The property's values go with it.
	c.st.props.license.delete(key, c.now, c.delay)
	for _, gk := range c.st.props.groups.keys(authoritative) {
		if gk.ns == key.ns && gk.name == key.name {
			c.st.props.groups.delete(gk, c.now, c.delay)
		}
	}
	return empty(), nil
}

func publishProperty(c *call, p *params) (any, *apiError) {
	if e := p.only("name", "owner_client_id", "access_type"); e != nil {
		return nil, e
	}
	key, e := propOwnerParams(p)
	if e != nil {
		return nil, e
	}
	acc, _, e := p.strings("access_type", true, propertyAccess...)
	if e != nil {
		return nil, e
	}
	acc, e = propAccessSet("access_type", acc)
	if e != nil {
		return nil, e
	}
	if !propOwned(key.ns) {
		return nil, errPropNotOwned(key.ns)
	}
	prop := c.st.props.defs.editable(key)
	if prop == nil {
		return nil, errPropertyNotFound(key.ns, key.name)
	}
	for _, old := range prop.PublicAccess {
		if !contains(acc, old) {
			return nil, errValidation("A published property cannot be unpublished: `access_type` must include %s (public access now: %s)",
				old, strings.Join(prop.PublicAccess, ", "))
		}
	}
	if strings.Join(acc, ",") != strings.Join(prop.PublicAccess, ",") {
		prop.PublicAccess = acc
		c.st.props.defs.update(key, prop, c.now, c.delay)
	}
	return empty(), nil
}

// renderProperty is one entry of the list_properties answer.
func renderProperty(prop *Property) map[string]any {
	out := map[string]any{
		"type":          prop.Type,
		"description":   prop.Description,
		"access":        prop.Access,
		"public_access": prop.PublicAccess,
	}
	if prop.Domain != nil {
		out["domain"] = prop.Domain
	}
	if prop.Range != nil {
		out["range"] = prop.Range
	}
	if prop.DefaultValue != nil {
		out["default_value"] = prop.DefaultValue
	}
	return out
}

func listProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("owner_client_id"); e != nil {
		return nil, e
	}
	owner, _, e := p.str("owner_client_id", true)
	if e != nil {
		return nil, e
	}
	if !propOwned(owner) {
		return nil, errPropNotOwned(owner)
	}
	out := map[string]any{}
	for _, prop := range c.st.props.defs.list(c.view()) {
		if prop.OwnerClientID == owner {
			out[prop.Name] = renderProperty(prop)
		}
	}
	return out, nil
}

// propCanAccess reports whether the requester may read (or write) values of prop: the owner's
// organization always may, others per the published access.
func propCanAccess(prop *Property, mode string) bool {
	return propOwned(prop.OwnerClientID) || contains(prop.PublicAccess, mode)
}

// propValueItem is one namespace/name/value of an update request, validated.
type propValueItem struct {
	key   propertyKey
	value json.RawMessage
}

// valuesParam reads {"<namespace>": {"<name>": <value>}} for location loc and validates every
// value against its property (which must exist and have propagated).
func (c *call) valuesParam(p *params, loc string) ([]propValueItem, *apiError) {
	props, _, e := p.object("properties", true)
	if e != nil {
		return nil, e
	}
	var out []propValueItem
	for _, ns := range propSortedKeys(props.m) {
		names, ok, e := props.object(ns, true)
		if e != nil || !ok {
			return nil, e
		}
		for _, name := range propSortedKeys(names.m) {
			key := propertyKey{ns, name}
			full := "properties." + ns + "." + name
			prop, e := c.valueProperty(key, loc, "write")
			if e != nil {
				return nil, e
			}
			v, e := propTypedValue(full, prop.Type, names.m[name])
			if e != nil {
				return nil, e
			}
			if e := prop.allowed(full, v); e != nil {
				return nil, e
			}
			out = append(out, propValueItem{key, v})
		}
	}
	return out, nil
}

// namesParam reads {"<namespace>": ["<name>", ...]} of the delete methods for location loc.
func (c *call) namesParam(p *params, loc string) ([]propertyKey, *apiError) {
	props, _, e := p.object("properties", true)
	if e != nil {
		return nil, e
	}
	var out []propertyKey
	for _, ns := range propSortedKeys(props.m) {
		names, _, e := props.strings(ns, true)
		if e != nil {
			return nil, e
		}
		for _, name := range names {
			key := propertyKey{ns, name}
			if _, e := c.valueProperty(key, loc, "write"); e != nil {
				return nil, e
			}
			out = append(out, key)
		}
	}
	return out, nil
}

// valueProperty is the property a value write refers to: it must exist and have propagated
// (not_found otherwise), be configured for location loc, and be writable by the requester.
func (c *call) valueProperty(key propertyKey, loc, mode string) (*Property, *apiError) {
	if !c.st.props.defs.referencable(key, c.now) {
		return nil, errPropertyNotFound(key.ns, key.name)
	}
	prop := c.st.props.defs.get(key)
	if prop.Access[loc] == nil {
		return nil, errValidation("Property %s of namespace %s has no %s location in its access", key.name, key.ns, loc)
	}
	if !propCanAccess(prop, mode) {
		return nil, errAuthorization(fmt.Sprintf("Property %s of namespace %s is not published with %s access", key.name, key.ns, mode))
	}
	return prop, nil
}

func propSortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// propFilterParams reads the optional namespace and name_prefix of the list methods.
func propFilterParams(p *params) (ns, prefix string, e *apiError) {
	if ns, _, e = p.str("namespace", false); e != nil {
		return "", "", e
	}
	prefix, _, e = p.str("name_prefix", false)
	return ns, prefix, e
}

// visibleValues renders {"<namespace>": {"<name>": value}} for location loc: explicit values as
// seen in v, else the property's default value.
func (c *call) visibleValues(loc, ns, prefix string, value func(propertyKey) *json.RawMessage) map[string]map[string]json.RawMessage {
	out := map[string]map[string]json.RawMessage{}
	for _, prop := range c.st.props.defs.list(c.view()) {
		if prop.Access[loc] == nil || !propCanAccess(prop, "read") ||
			(ns != "" && prop.OwnerClientID != ns) || !strings.HasPrefix(prop.Name, prefix) {
			continue
		}
		v := prop.DefaultValue
		if set := value(propertyKey{prop.OwnerClientID, prop.Name}); set != nil {
			v = *set
		}
		if v == nil {
			continue
		}
		if out[prop.OwnerClientID] == nil {
			out[prop.OwnerClientID] = map[string]json.RawMessage{}
		}
		out[prop.OwnerClientID][prop.Name] = v
	}
	return out
}

func updateLicenseProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("properties"); e != nil {
		return nil, e
	}
	items, e := c.valuesParam(p, "license")
	if e != nil {
		return nil, e
	}
	for _, it := range items {
		v := &LicenseProperty{Namespace: it.key.ns, Name: it.key.name, Value: it.value}
		propUpsert(c.st.props.license, it.key, v, c.now, c.delay)
	}
	return empty(), nil
}

func listLicenseProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("namespace", "name_prefix"); e != nil {
		return nil, e
	}
	ns, prefix, e := propFilterParams(p)
	if e != nil {
		return nil, e
	}
	return c.visibleValues("license", ns, prefix, func(k propertyKey) *json.RawMessage {
		if v := c.st.props.license.in(k, c.view()); v != nil {
			return &v.Value
		}
		return nil
	}), nil
}

func deleteLicenseProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("properties"); e != nil {
		return nil, e
	}
	keys, e := c.namesParam(p, "license")
	if e != nil {
		return nil, e
	}
	for _, k := range keys {
		c.st.props.license.delete(k, c.now, c.delay)
	}
	return empty(), nil
}

// propertyGroup checks that a group property write may refer to group id: it must exist and have
// propagated (group_not_found otherwise).
func (c *call) propertyGroup(id int) *apiError {
	if !c.st.groups.referencable(id, c.now) {
		return newError(errTypeGroupNotFound, fmt.Sprintf("Group %d not found", id))
	}
	return nil
}

func updateGroupProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("group_id", "properties"); e != nil {
		return nil, e
	}
	gid, _, e := p.id("group_id", true)
	if e != nil {
		return nil, e
	}
	if _, _, e := p.object("properties", true); e != nil {
		return nil, e
	}
	if e := c.propertyGroup(gid); e != nil {
		return nil, e
	}
	items, e := c.valuesParam(p, "group")
	if e != nil {
		return nil, e
	}
	for _, it := range items {
		k := groupPropertyKey{gid, it.key.ns, it.key.name}
		propUpsert(c.st.props.groups, k, &GroupProperty{GroupID: gid, Namespace: it.key.ns, Name: it.key.name, Value: it.value}, c.now, c.delay)
	}
	return empty(), nil
}

func listGroupsProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("group_ids", "namespace", "name_prefix"); e != nil {
		return nil, e
	}
	gids, _, e := p.ids("group_ids", true)
	if e != nil {
		return nil, e
	}
	ns, prefix, e := propFilterParams(p)
	if e != nil {
		return nil, e
	}
	if len(gids) == 0 {
		for _, g := range c.st.groups.list(c.view()) {
			gids = append(gids, g.ID)
		}
		sort.Ints(gids)
	}
	out := make([]any, 0, len(gids))
	for _, gid := range gids {
		if c.st.groups.in(gid, c.view()) == nil {
			return nil, newError(errTypeGroupNotFound, fmt.Sprintf("Group %d not found", gid))
		}
		values := c.visibleValues("group", ns, prefix, func(k propertyKey) *json.RawMessage {
			if v := c.st.props.groups.in(groupPropertyKey{gid, k.ns, k.name}, c.view()); v != nil {
				return &v.Value
			}
			return nil
		})
		out = append(out, map[string]any{"id": gid, "properties": values})
	}
	return out, nil
}

func deleteGroupProperties(c *call, p *params) (any, *apiError) {
	if e := p.only("id", "properties"); e != nil {
		return nil, e
	}
	gid, _, e := p.id("id", true)
	if e != nil {
		return nil, e
	}
	if _, _, e := p.object("properties", true); e != nil {
		return nil, e
	}
	if e := c.propertyGroup(gid); e != nil {
		return nil, e
	}
	keys, e := c.namesParam(p, "group")
	if e != nil {
		return nil, e
	}
	for _, k := range keys {
		c.st.props.groups.delete(groupPropertyKey{gid, k.ns, k.name}, c.now, c.delay)
	}
	return empty(), nil
}

// propUpsert creates k or updates it, with the propagation delay.
func propUpsert[K comparable, T any](t *table[K, T], k K, v *T, now time.Time, delay time.Duration) {
	if t.get(k) == nil {
		t.create(k, v, now, delay)
		return
	}
	t.update(k, v, now, delay)
}

// Property returns the authoritative registered property.
func (s *Server) Property(ownerClientID, name string) (Property, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.st.props.defs.get(propertyKey{ownerClientID, name}); p != nil {
		return *cloneProperty(p), true
	}
	return Property{}, false
}

// LicenseProperty returns the authoritative value explicitly set within the license (default
// values are not included).
func (s *Server) LicenseProperty(namespace, name string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.st.props.license.get(propertyKey{namespace, name}); v != nil {
		return append(json.RawMessage{}, v.Value...), true
	}
	return nil, false
}

// GroupProperty returns the authoritative value explicitly set within a group.
func (s *Server) GroupProperty(groupID int, namespace, name string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.groups.get(groupID) == nil {
		return nil, false
	}
	if v := s.st.props.groups.get(groupPropertyKey{groupID, namespace, name}); v != nil {
		return append(json.RawMessage{}, v.Value...), true
	}
	return nil, false
}

// snapshotProperties adds the authoritative properties and values to a state dump; values of
// groups that no longer exist are left out.
func (st *store) snapshotProperties(out *State) {
	out.Properties, out.LicenseProperties, out.GroupProperties = []Property{}, []LicenseProperty{}, []GroupProperty{}
	for _, p := range st.props.defs.list(authoritative) {
		out.Properties = append(out.Properties, *cloneProperty(p))
	}
	for _, v := range st.props.license.list(authoritative) {
		out.LicenseProperties = append(out.LicenseProperties, *cloneLicenseProperty(v))
	}
	for _, v := range st.props.groups.list(authoritative) {
		if st.groups.get(v.GroupID) != nil {
			out.GroupProperties = append(out.GroupProperties, *cloneGroupProperty(v))
		}
	}
}

// mergeProperties adds a fixture's properties and values to a snapshot, replacing those with the
// same key.
func mergeProperties(base *State, in State) {
	base.Properties = mergeBy(base.Properties, in.Properties, func(p Property) propertyKey { return propertyKey{p.OwnerClientID, p.Name} })
	base.LicenseProperties = mergeBy(base.LicenseProperties, in.LicenseProperties, func(v LicenseProperty) propertyKey { return propertyKey{v.Namespace, v.Name} })
	base.GroupProperties = mergeBy(base.GroupProperties, in.GroupProperties, func(v GroupProperty) groupPropertyKey {
		return groupPropertyKey{v.GroupID, v.Namespace, v.Name}
	})
}

// loadProperties validates a state's properties and values the way register_property and the
// update methods would, and stores them visible at once. Groups must be loaded already.
func loadProperties(st *store, in State) error {
	for i, p := range in.Properties {
		if err := checkLoadedProperty(&p); err != nil {
			return fmt.Errorf("state: properties[%d]: %w", i, err)
		}
		k := propertyKey{p.OwnerClientID, p.Name}
		if st.props.defs.get(k) != nil {
			return fmt.Errorf("state: property %s of %s appears twice", p.Name, p.OwnerClientID)
		}
		st.props.defs.load(k, cloneProperty(&p))
	}
	value := func(loc string, k propertyKey, raw json.RawMessage) (json.RawMessage, error) {
		prop := st.props.defs.get(k)
		if prop == nil {
			return nil, fmt.Errorf("property %s of %s is not registered", k.name, k.ns)
		}
		if prop.Access[loc] == nil {
			return nil, fmt.Errorf("property %s of %s has no %s location", k.name, k.ns, loc)
		}
		v, e := propTypedValue("value", prop.Type, raw)
		if e == nil {
			e = prop.allowed("value", v)
		}
		if e != nil {
			return nil, fmt.Errorf("%s", e.Message)
		}
		return v, nil
	}
	for i, lp := range in.LicenseProperties {
		k := propertyKey{lp.Namespace, lp.Name}
		v, err := value("license", k, lp.Value)
		if err != nil {
			return fmt.Errorf("state: license_properties[%d]: %w", i, err)
		}
		if st.props.license.get(k) != nil {
			return fmt.Errorf("state: license_properties[%d]: %s of %s appears twice", i, k.name, k.ns)
		}
		st.props.license.load(k, &LicenseProperty{Namespace: k.ns, Name: k.name, Value: v})
	}
	for i, gp := range in.GroupProperties {
		if st.groups.get(gp.GroupID) == nil {
			return fmt.Errorf("state: group_properties[%d]: group %d does not exist", i, gp.GroupID)
		}
		v, err := value("group", propertyKey{gp.Namespace, gp.Name}, gp.Value)
		if err != nil {
			return fmt.Errorf("state: group_properties[%d]: %w", i, err)
		}
		k := groupPropertyKey{gp.GroupID, gp.Namespace, gp.Name}
		if st.props.groups.get(k) != nil {
			return fmt.Errorf("state: group_properties[%d]: %s of %s in group %d appears twice", i, k.name, k.ns, k.group)
		}
		st.props.groups.load(k, &GroupProperty{GroupID: k.group, Namespace: k.ns, Name: k.name, Value: v})
	}
	return nil
}

// checkLoadedProperty validates a property of a state file and puts it in canonical form.
func checkLoadedProperty(p *Property) error {
	switch {
	case p.Name == "" || p.OwnerClientID == "":
		return fmt.Errorf("name and owner_client_id are required")
	case !contains(propertyTypes, p.Type):
		return fmt.Errorf("type must be one of: %s", strings.Join(propertyTypes, ", "))
	case len(p.Access) == 0:
		return fmt.Errorf("access must set at least one location")
	case p.Domain != nil && p.Range != nil:
		return fmt.Errorf("only one of domain and range can be set")
	case p.Range != nil && p.Type != "int":
		return fmt.Errorf("range can be set only for properties of type int")
	}
	for loc, users := range p.Access {
		if !contains(propertyLocations, loc) || len(users) == 0 {
			return fmt.Errorf("access.%s: not a location, or no user", loc)
		}
		for u, acc := range users {
			for _, a := range acc {
				if !contains(propertyAccess, a) {
					return fmt.Errorf("access.%s.%s: %q is not read or write", loc, u, a)
				}
			}
			canon, e := propAccessSet("access."+loc+"."+u, acc)
			if !contains(propertyUsers, u) || e != nil {
				return fmt.Errorf("access.%s.%s: bad user or access list", loc, u)
			}
			users[u] = canon
		}
	}
	pub := p.PublicAccess
	if pub == nil {
		pub = []string{}
	}
	for _, a := range pub {
		if !contains(propertyAccess, a) {
			return fmt.Errorf("public_access must hold read and/or write, not %q", a)
		}
	}
	if len(pub) > 0 {
		canon, e := propAccessSet("public_access", pub)
		if e != nil {
			return fmt.Errorf("%s", e.Message)
		}
		pub = canon
	}
	p.PublicAccess = pub
	for i, d := range p.Domain {
		v, e := propTypedValue(fmt.Sprintf("domain[%d]", i), p.Type, d)
		if e != nil {
			return fmt.Errorf("%s", e.Message)
		}
		p.Domain[i] = v
	}
	if p.DefaultValue != nil {
		v, e := propTypedValue("default_value", p.Type, p.DefaultValue)
		if e == nil {
			e = p.allowed("default_value", v)
		}
		if e != nil {
			return fmt.Errorf("%s", e.Message)
		}
		p.DefaultValue = v
	}
	return nil
}
