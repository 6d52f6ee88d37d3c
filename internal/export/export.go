// Package export lists every object of a LiveChat license (and, with a Partner API token, the
// partner's objects) and writes Terraform import blocks for them, so an existing license can be
// brought under Terraform with `terraform plan -generate-config-out`. It is the logic behind
// cmd/livechat-export.
//
// What to list and how is internal/listing, shared with the provider's list resources (`terraform
// query`); this package turns the listed objects into named import blocks (names, collisions,
// defaults, ordering, the file format).
package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// Options select what is exported.
type Options struct {
	// Types are resource types to export (e.g. livechat_agent); empty means every type.
	Types []string
	// IncludeDefaults also exports what every license has from the start: group 0, the owner
	// agent, the default tags, the enabled license webhooks state, the partner's default
	// campaign and property values equal to the property's default.
	IncludeDefaults bool
	// ClientIDs are the OAuth client IDs whose client-scoped objects (bot templates, properties,
	// webhooks, license webhooks state) are listed; the API lists those per client ID only.
	ClientIDs []string
	// Organizations are solution organization IDs (UUIDs) to export. The Partner API cannot list
	// organizations, nor tell which organization a license belongs to: licenses of these
	// organizations are imported with their organization, the others without it.
	Organizations []string
}

// Clients are the typed API clients on top of one client core.
type Clients = listing.Clients

// NewClients builds the typed clients on one core.
func NewClients(core *client.Client) *Clients {
	c := listing.NewClients(core)
	c.CredentialHint = func(api client.API) string { return "set " + credentialVariables(api) }
	return c
}

// Import is one import block.
type Import struct {
	Type string // resource type, e.g. livechat_agent
	Name string // resource name in the configuration, e.g. smith_example_com
	ID   string // import ID, as the resource's documentation describes it
	// Note is written as a comment above the block: what the generated configuration cannot
	// contain and how to fill it in.
	Note string

	hint string // what the name is made from
}

// Address is the resource address, e.g. livechat_agent.smith_example_com.
func (i Import) Address() string { return i.Type + "." + i.Name }

// Result is what Export found.
type Result struct {
	Imports []Import
	// Counts is the number of exported objects by resource type (types with none are absent).
	Counts map[string]int
	// SkippedDefaults counts default objects left out (see Options.IncludeDefaults) by type.
	SkippedDefaults map[string]int
	// Notes explain types that were not listed (no credentials, no client ID) and other caveats.
	Notes []string
}

// Types returns every resource type the exporter knows, in the order the file lists them.
func Types() []string {
	kinds := listing.Kinds()
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Type
	}
	return out
}

// Export lists the objects of the selected types. A type whose API has no credentials (or, for
// client-scoped types, with no client ID) is skipped with a note unless it was asked for by name,
// which is an error.
func Export(ctx context.Context, c *Clients, opts Options) (*Result, error) {
	selected, explicit, err := selectKinds(opts.Types)
	if err != nil {
		return nil, err
	}
	filter := listing.Filter{ClientIDs: opts.ClientIDs, Organizations: opts.Organizations}
	s := listing.NewSession(c, filter)
	res := &Result{Counts: map[string]int{}, SkippedDefaults: map[string]int{}}
	for _, k := range selected {
		if reason := k.Unavailable(c, filter); reason != "" {
			if explicit {
				return nil, fmt.Errorf("%s: %s", k.Type, reason)
			}
			res.Notes = append(res.Notes, fmt.Sprintf("%s skipped: %s", k.Type, reason))
			continue
		}
		found, err := k.List(ctx, s)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", k.Type, err)
		}
		var kept []Import
		for _, o := range found {
			if o.Default && !opts.IncludeDefaults {
				res.SkippedDefaults[k.Type]++
				continue
			}
			kept = append(kept, Import{Type: k.Type, ID: o.ID, Note: o.Note, hint: o.Hint})
		}
		name(k.Type, kept)
		res.Imports = append(res.Imports, kept...)
		if len(kept) > 0 {
			res.Counts[k.Type] = len(kept)
		}
	}
	res.Notes = append(res.Notes, s.Notes()...)
	return res, nil
}

// selectKinds resolves the -types list; explicit reports whether types were named.
func selectKinds(types []string) ([]listing.Kind, bool, error) {
	kinds := listing.Kinds()
	var want []string
	for _, t := range types {
		if t = strings.TrimSpace(t); t != "" {
			want = append(want, t)
		}
	}
	if len(want) == 0 {
		return kinds, false, nil
	}
	var out []listing.Kind
	for _, k := range kinds {
		if slices.Contains(want, k.Type) || slices.Contains(want, strings.TrimPrefix(k.Type, "livechat_")) {
			out = append(out, k)
		}
	}
	for _, t := range want {
		if !slices.ContainsFunc(kinds, func(k listing.Kind) bool { return k.Type == t || k.Type == "livechat_"+t }) {
			return nil, true, fmt.Errorf("unknown resource type %q; known types: %s", t, strings.Join(Types(), ", "))
		}
	}
	return out, true, nil
}

// --- names -----------------------------------------------------------------------------------

// maxNameLength keeps generated names readable.
const maxNameLength = 60

// Identifier turns a hint into a Terraform name: lower case ASCII letters, digits and
// underscores, starting with a letter (fallback is used for an empty or digit-led hint).
func Identifier(hint, fallback string) string {
	var b strings.Builder
	underscore := false
	for _, r := range strings.ToLower(foldAccents(hint)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			underscore = false
		case !underscore && b.Len() > 0:
			b.WriteByte('_')
			underscore = true
		}
	}
	id := strings.TrimRight(b.String(), "_")
	if len(id) > maxNameLength {
		id = strings.TrimRight(id[:maxNameLength], "_")
	}
	switch {
	case id == "":
		return fallback
	case id[0] >= '0' && id[0] <= '9':
		return fallback + "_" + id
	}
	return id
}

// foldAccents maps common Latin letters with diacritics to their base letter, so "Zoë" names
// zoe rather than zo.
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII {
			b.WriteRune(r)
			continue
		}
		if base, ok := accentBase[unicode.ToLower(r)]; ok {
			b.WriteString(base)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentBase = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th"}
	for base, letters := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "e": "èéêëēĕėęě", "i": "ìíîïĩīĭįı", "n": "ñńņňŉ",
		"o": "òóôõöōŏő", "u": "ùúûüũūŭůűų", "y": "ýÿŷ", "s": "śŝşš", "z": "źżž", "g": "ĝğġģ",
		"r": "ŕŗř", "t": "ţťŧ", "d": "ď", "l": "ĺļľŀ", "h": "ĥħ", "j": "ĵ", "k": "ķ", "w": "ŵ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// name gives each import of one type a unique name: objects are taken in a stable order (hint,
// then import ID), the first keeps the plain name and later ones get _2, _3, ...
func name(typ string, imps []Import) {
	fallback := strings.TrimPrefix(typ, "livechat_")
	order := make([]int, len(imps))
	for i := range order {
		order[i] = i
	}
	base := make([]string, len(imps))
	for i := range imps {
		base[i] = Identifier(imps[i].hint, fallback)
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if base[x] != base[y] {
			return base[x] < base[y]
		}
		return compareIDs(imps[x].ID, imps[y].ID) < 0
	})
	taken := map[string]bool{}
	for _, i := range order { // plain names first, so a suffix never takes another's plain name
		if !taken[base[i]] {
			taken[base[i]] = true
			imps[i].Name = base[i]
		}
	}
	for _, i := range order {
		if imps[i].Name != "" {
			continue
		}
		for n := 2; ; n++ {
			if c := base[i] + "_" + strconv.Itoa(n); !taken[c] {
				taken[c] = true
				imps[i].Name = c
				break
			}
		}
	}
	sort.SliceStable(imps, func(a, b int) bool { return imps[a].Name < imps[b].Name })
}

// compareIDs orders numeric IDs by value and others as strings.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}
