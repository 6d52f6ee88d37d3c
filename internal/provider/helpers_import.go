package provider

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The one import-ID parser. An import ID is the values of a type's identity attributes (the
// identities table) joined with "/", the same string identitySpec.importID makes of an identity,
// so a string import and an identity import set the same attributes.

// importState sets in state the attributes import ID id names: its "/"-separated parts in the
// order of s.attrs, optional attributes left out when the ID has only the required ones, the last
// part keeping any further "/". An Int64 attribute takes a whole number. ok is false when id has
// another shape; the error names the expected one with an example.
func (s identitySpec) importState(ctx context.Context, id string, state *tfsdk.State, diags *diag.Diagnostics) bool {
	attrs := s.attrs
	parts := strings.SplitN(id, "/", len(attrs))
	if len(parts) < len(attrs) {
		attrs = s.required()
		parts = strings.SplitN(id, "/", len(attrs))
	}
	if len(parts) != len(attrs) {
		s.badImportID(diags, id, "")
		return false
	}
	values := make([]any, len(attrs))
	for i, a := range attrs {
		v, problem := a.parse(ctx, parts[i], state)
		if v == nil {
			s.badImportID(diags, id, problem)
			return false
		}
		values[i] = v
	}
	for i, a := range attrs {
		diags.Append(state.SetAttribute(ctx, path.Root(a.name), values[i])...)
	}
	return !diags.HasError()
}

// required is the attributes an import ID cannot leave out.
func (s identitySpec) required() []identityAttr {
	var out []identityAttr
	for _, a := range s.attrs {
		if !a.optional {
			out = append(out, a)
		}
	}
	return out
}

// parse is the value of a for one part of an import ID, or nil and what is wrong with it.
func (a identityAttr) parse(ctx context.Context, part string, state *tfsdk.State) (any, string) {
	if part == "" {
		return nil, a.name + " is empty"
	}
	if a.valid != nil && !a.valid(part) {
		return nil, fmt.Sprintf("%s must be %s", a.name, a.must)
	}
	if typ, _ := state.Schema.TypeAtPath(ctx, path.Root(a.name)); typ != nil && typ.Equal(types.Int64Type) {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || n < 0 {
			return nil, a.name + " must be a whole number"
		}
		return n, ""
	}
	return part, ""
}

// badImportID is the error of an import ID of another shape than s describes.
func (s identitySpec) badImportID(diags *diag.Diagnostics, id, problem string) {
	how := "by its " + s.by
	if s.by == "" {
		how = "by its ID"
	}
	if len(s.attrs) > 1 {
		how = "as " + shapeOf(s.required())
		if len(s.required()) < len(s.attrs) {
			how += " or " + shapeOf(s.attrs)
		}
	}
	detail := fmt.Sprintf("%s %s is imported %s, e.g. %s; got %q.", article(s.what), s.what, how, s.example, id)
	if problem != "" && len(s.attrs) > 1 {
		detail += " The " + problem + "."
	}
	diags.AddError("Invalid import ID", strings.ToUpper(detail[:1])+detail[1:])
}

// shapeOf is the shape of an import ID made of attrs, e.g. <owner_client_id>/<id>.
func shapeOf(attrs []identityAttr) string {
	names := make([]string, len(attrs))
	for i, a := range attrs {
		names[i] = "<" + cmp.Or(a.label, a.name) + ">"
	}
	return strings.Join(names, "/")
}

// article is "a" or "an", as what begins.
func article(what string) string {
	if strings.ContainsRune("aeiouAEIOU", rune(what[0])) {
		return "an"
	}
	return "a"
}
