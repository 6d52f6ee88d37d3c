package emulator

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// lparams is a legacy request's parameters: query string and body merged, from JSON (numbers kept
// as json.Number) or from a form (every value a string). Getters accept both spellings of a value
// (1 and "1", true and "1"), because the reference shows the same parameters in both encodings.
// Messages name parameters the way the forms spell them, e.g. `rules[0][type]`.
type lparams struct {
	path string
	m    map[string]any
}

func (p *lparams) name(k string) string {
	if p.path == "" {
		return "`" + k + "`"
	}
	return "`" + p.path + "[" + k + "]`"
}

func (p *lparams) sub(k string) string {
	if p.path == "" {
		return k
	}
	return p.path + "[" + k + "]"
}

func (p *lparams) has(k string) bool { _, ok := p.m[k]; return ok }

// only rejects parameters the endpoint does not document.
func (p *lparams) only(keys ...string) *apiError {
	var unknown []string
	for k := range p.m {
		if !contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return legacyBad("%s is not a supported parameter", p.name(unknown[0]))
}

func (p *lparams) missing(k string) *apiError { return legacyBad("%s is required", p.name(k)) }

// str returns a string parameter; a required one must be non-empty.
func (p *lparams) str(k string, required bool) (string, bool, *apiError) {
	v, ok := p.m[k]
	if !ok || v == nil {
		if required {
			return "", false, p.missing(k)
		}
		if ok {
			return "", false, legacyBad("%s must be a string", p.name(k))
		}
		return "", false, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return "", false, legacyBad("%s must be a string", p.name(k))
	}
	if required && strings.TrimSpace(s) == "" {
		return "", false, p.missing(k)
	}
	return s, true, nil
}

// scalar returns a string, number or boolean parameter as a string (greeting rule values are
// sent as numbers or booleans and returned as strings).
func (p *lparams) scalar(k string, required bool) (string, bool, *apiError) {
	v, ok := p.m[k]
	if !ok || v == nil {
		if required {
			return "", false, p.missing(k)
		}
		return "", false, nil
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = x.String()
	case bool:
		s = strconv.FormatBool(x)
	default:
		return "", false, legacyBad("%s must be a string or a number", p.name(k))
	}
	if required && strings.TrimSpace(s) == "" {
		return "", false, p.missing(k)
	}
	return s, true, nil
}

func legacyScalarInt(v any) (int, bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = strings.TrimSpace(x)
	case json.Number:
		s = x.String()
	default:
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err == nil
}

// integer returns an integer parameter (a JSON integer or a string of digits).
func (p *lparams) integer(k string, required bool) (int, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		if required {
			return 0, false, p.missing(k)
		}
		return 0, false, nil
	}
	n, good := legacyScalarInt(v)
	if !good {
		return 0, false, legacyBad("%s must be an integer", p.name(k))
	}
	return n, true, nil
}

// id returns a non-negative integer parameter.
func (p *lparams) id(k string, required bool) (int, bool, *apiError) {
	n, ok, e := p.integer(k, required)
	if ok && n < 0 {
		return 0, false, legacyBad("%s must be a non-negative integer", p.name(k))
	}
	return n, ok, e
}

// flag returns a 0/1 (or true/false) parameter.
func (p *lparams) flag(k string) (bool, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		return false, false, nil
	}
	switch x := v.(type) {
	case bool:
		return x, true, nil
	case json.Number:
		switch x.String() {
		case "0":
			return false, true, nil
		case "1":
			return true, true, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "0", "false":
			return false, true, nil
		case "1", "true":
			return true, true, nil
		}
	}
	return false, false, legacyBad("%s must be 0 or 1", p.name(k))
}

// strList returns an array of strings; a single string counts as a one-item array (tag[]=x).
func (p *lparams) strList(k string, required bool) ([]string, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		if required {
			return nil, false, p.missing(k)
		}
		return nil, false, nil
	}
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case string:
		items = []any{x}
	default:
		return nil, false, legacyBad("%s must be an array of strings", p.name(k))
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, false, legacyBad("%s must be an array of strings", p.name(k))
		}
		out = append(out, s)
	}
	return out, true, nil
}

// idList returns an array of non-negative integers; a single value counts as a one-item array.
func (p *lparams) idList(k string, required bool) ([]int, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		if required {
			return nil, false, p.missing(k)
		}
		return nil, false, nil
	}
	items, isList := v.([]any)
	if !isList {
		items = []any{v}
	}
	out := make([]int, 0, len(items))
	for _, it := range items {
		n, ok := legacyScalarInt(it)
		if !ok || n < 0 {
			return nil, false, legacyBad("%s must be an array of non-negative integers", p.name(k))
		}
		if !legacyHasInt(out, n) {
			out = append(out, n)
		}
	}
	return out, true, nil
}

func legacyHasInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// object returns a nested object parameter.
func (p *lparams) object(k string, required bool) (*lparams, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		if required {
			return nil, false, p.missing(k)
		}
		return nil, false, nil
	}
	o, isObj := v.(map[string]any)
	if !isObj {
		return nil, false, legacyBad("%s must be an object", p.name(k))
	}
	return &lparams{path: p.sub(k), m: o}, true, nil
}

// objects returns an array of objects.
func (p *lparams) objects(k string, required bool) ([]*lparams, bool, *apiError) {
	v, ok := p.m[k]
	if !ok {
		if required {
			return nil, false, p.missing(k)
		}
		return nil, false, nil
	}
	items, isList := v.([]any)
	if !isList {
		return nil, false, legacyBad("%s must be an array of objects", p.name(k))
	}
	out := make([]*lparams, 0, len(items))
	for i, it := range items {
		o, isObj := it.(map[string]any)
		if !isObj {
			return nil, false, legacyBad("%s must be an array of objects", p.name(k))
		}
		out = append(out, &lparams{path: p.sub(k) + "[" + strconv.Itoa(i) + "]", m: o})
	}
	return out, true, nil
}

// enum checks a value against the documented values.
func (p *lparams) enum(k, v string, allowed []string) *apiError {
	if contains(allowed, v) {
		return nil
	}
	return legacyBad("%s must be one of: %s", p.name(k), strings.Join(allowed, ", "))
}

// date reads a YYYY-MM-DD parameter.
func (p *lparams) date(k string) (string, bool, *apiError) {
	s, ok, e := p.str(k, false)
	if !ok || e != nil {
		return "", false, e
	}
	if !legacyISODate.MatchString(s) {
		return "", false, legacyBad("%s must be a date in the YYYY-MM-DD format", p.name(k))
	}
	return s, true, nil
}
