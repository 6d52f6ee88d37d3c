package emulator

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
)

// params is a decoded JSON request object. Its getters tell a missing key from a present one and
// return validation errors that name the parameter by its full path (e.g. `groups[0].priority`).
type params struct {
	path string // prefix of the names in messages, e.g. "groups[0]."
	m    map[string]json.RawMessage
}

// parseBody decodes a request body; an empty body is an empty object.
func parseBody(body []byte) (*params, *apiError) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return &params{m: map[string]json.RawMessage{}}, nil
	}
	p, ok := decodeObject(body, "")
	if !ok {
		return nil, errWrongFormat()
	}
	return p, nil
}

func decodeObject(raw json.RawMessage, path string) (*params, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, false
	}
	return &params{path: path, m: m}, true
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// name is the quoted full name of parameter k, as used in messages.
func (p *params) name(k string) string { return "`" + p.path + k + "`" }

func (p *params) has(k string) bool { _, ok := p.m[k]; return ok }

// only rejects parameters the method does not document.
func (p *params) only(keys ...string) *apiError {
	var unknown []string
	for k := range p.m {
		found := false
		for _, a := range keys {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return errValidation("%s is not a supported parameter", p.name(unknown[0]))
}

// get returns the raw value of k; a missing required key or a JSON null is a validation error.
func (p *params) get(k string, required bool, what string) (json.RawMessage, bool, *apiError) {
	raw, ok := p.m[k]
	if !ok {
		if required {
			return nil, false, errValidation("%s is required", p.name(k))
		}
		return nil, false, nil
	}
	if isNull(raw) {
		return nil, false, errValidation("%s must be %s", p.name(k), what)
	}
	return raw, true, nil
}

// str returns a string parameter; a required one must also be non-empty.
func (p *params) str(k string, required bool) (string, bool, *apiError) {
	raw, ok, e := p.get(k, required, "a string")
	if !ok {
		return "", false, e
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, errValidation("%s must be a string", p.name(k))
	}
	if required && s == "" {
		return "", false, errValidation("%s is required", p.name(k))
	}
	return s, true, nil
}

func decodeInt(raw json.RawMessage) (int, bool) {
	s := string(bytes.TrimSpace(raw))
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil || i > math.MaxInt32 || i < math.MinInt32 {
		return 0, false
	}
	return int(i), true
}

// integer returns an integer parameter (a JSON number without fraction or exponent).
func (p *params) integer(k string, required bool) (int, bool, *apiError) {
	raw, ok, e := p.get(k, required, "an integer")
	if !ok {
		return 0, false, e
	}
	i, ok := decodeInt(raw)
	if !ok {
		return 0, false, errValidation("%s must be an integer", p.name(k))
	}
	return i, true, nil
}

// id returns a non-negative integer identifier (the documented "uint").
func (p *params) id(k string, required bool) (int, bool, *apiError) {
	i, ok, e := p.integer(k, required)
	if ok && i < 0 {
		return 0, false, errValidation("%s must be a non-negative integer", p.name(k))
	}
	return i, ok, e
}

func (p *params) boolean(k string, required bool) (bool, bool, *apiError) {
	raw, ok, e := p.get(k, required, "a boolean")
	if !ok {
		return false, false, e
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, false, errValidation("%s must be a boolean", p.name(k))
	}
	return b, true, nil
}

func (p *params) array(k string, required bool, what string) ([]json.RawMessage, bool, *apiError) {
	raw, ok, e := p.get(k, required, what)
	if !ok {
		return nil, false, e
	}
	var items []json.RawMessage
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '[' || json.Unmarshal(t, &items) != nil {
		return nil, false, errValidation("%s must be %s", p.name(k), what)
	}
	return items, true, nil
}

// strings returns a string array; when allowed is non-empty, every item must be one of allowed.
func (p *params) strings(k string, required bool, allowed ...string) ([]string, bool, *apiError) {
	items, ok, e := p.array(k, required, "an array of strings")
	if !ok {
		return nil, false, e
	}
	out := make([]string, 0, len(items))
	for i, raw := range items {
		var s string
		if isNull(raw) || json.Unmarshal(raw, &s) != nil {
			return nil, false, errValidation("%s must be an array of strings", p.name(k))
		}
		if len(allowed) > 0 {
			if e := oneOf(p.path+k+"["+strconv.Itoa(i)+"]", s, allowed); e != nil {
				return nil, false, e
			}
		}
		out = append(out, s)
	}
	return out, true, nil
}

// ids returns an array of non-negative integers without duplicates (first occurrence kept).
func (p *params) ids(k string, required bool) ([]int, bool, *apiError) {
	items, ok, e := p.array(k, required, "an array of integers")
	if !ok {
		return nil, false, e
	}
	out := make([]int, 0, len(items))
	seen := map[int]bool{}
	for i, raw := range items {
		n, ok := decodeInt(raw)
		if !ok {
			return nil, false, errValidation("%s must be an array of integers", p.name(k))
		}
		if n < 0 {
			return nil, false, errValidation("%s must be a non-negative integer", p.name(k+"["+strconv.Itoa(i)+"]"))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, true, nil
}

// object returns a nested object parameter.
func (p *params) object(k string, required bool) (*params, bool, *apiError) {
	raw, ok, e := p.get(k, required, "an object")
	if !ok {
		return nil, false, e
	}
	o, ok := decodeObject(raw, p.path+k+".")
	if !ok {
		return nil, false, errValidation("%s must be an object", p.name(k))
	}
	return o, true, nil
}

// objects returns an array of nested objects.
func (p *params) objects(k string, required bool) ([]*params, bool, *apiError) {
	items, ok, e := p.array(k, required, "an array of objects")
	if !ok {
		return nil, false, e
	}
	out := make([]*params, 0, len(items))
	for i, raw := range items {
		o, ok := decodeObject(raw, p.path+k+"["+strconv.Itoa(i)+"].")
		if !ok {
			return nil, false, errValidation("%s must be an array of objects", p.name(k))
		}
		out = append(out, o)
	}
	return out, true, nil
}

// stringMap returns an object whose values are all strings.
func (p *params) stringMap(k string, required bool) (map[string]string, bool, *apiError) {
	o, ok, e := p.object(k, required)
	if !ok {
		return nil, false, e
	}
	out := make(map[string]string, len(o.m))
	for key, raw := range o.m {
		var s string
		if isNull(raw) || json.Unmarshal(raw, &s) != nil {
			return nil, false, errValidation("%s must be a string", o.name(key))
		}
		out[key] = s
	}
	return out, true, nil
}

// oneOf checks an enum value; name is the full parameter path without quotes.
func oneOf(name, v string, allowed []string) *apiError {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return errValidation("`%s` must be one of: %s", name, strings.Join(allowed, ", "))
}

// fieldsParam reads the optional `fields` parameter of the get/list methods.
func fieldsParam(p *params, allowed []string) (map[string]bool, *apiError) {
	fs, _, e := p.strings("fields", false, allowed...)
	if e != nil {
		return nil, e
	}
	out := make(map[string]bool, len(fs))
	for _, f := range fs {
		out[f] = true
	}
	return out, nil
}
