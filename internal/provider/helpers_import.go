package provider

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
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

// --- the import marker ---------------------------------------------------------------------------

// requiresReplaceUnlessImported forces a replacement when the value changes, except when an
// imported state has no value (the attribute cannot be read back) before the first apply after the
// import: then the configured value is taken over in place. requiresReplaceUnlessImportedInt64 is
// the same for numbers.
func requiresReplaceUnlessImported() planmodifier.String { return replaceUnlessImported{} }

func requiresReplaceUnlessImportedInt64() planmodifier.Int64 { return replaceUnlessImported{} }

type replaceUnlessImported struct{}

func (replaceUnlessImported) Description(context.Context) string {
	return "Changing the value replaces the resource, unless an imported state has no value yet (until the first apply after the import)."
}
func (m replaceUnlessImported) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}
func (m replaceUnlessImported) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	resp.RequiresReplace = m.replaces(req.State, req.Plan, req.Private != nil && wasImported(ctx, req.Private), req.StateValue, req.PlanValue)
}
func (m replaceUnlessImported) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	resp.RequiresReplace = m.replaces(req.State, req.Plan, req.Private != nil && wasImported(ctx, req.Private), req.StateValue, req.PlanValue)
}

func (replaceUnlessImported) replaces(state tfsdk.State, plan tfsdk.Plan, imported bool, stateValue, planValue attr.Value) bool {
	if state.Raw.IsNull() || plan.Raw.IsNull() || planValue.IsUnknown() {
		return false
	}
	if stateValue.IsNull() && imported {
		return false
	}
	return !planValue.Equal(stateValue)
}

// importPrivateKey marks a resource's state as freshly imported (private state), so that Read
// fills attributes it otherwise keeps from the configuration, and the configured values of
// attributes the API cannot return are taken over in place. The first apply that updates the
// resource clears it (clearImported): from then on those attributes replace it as documented.
const importPrivateKey = "partner_imported"

func markImported(ctx context.Context, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importPrivateKey, []byte(`true`))...)
}

// clearImported ends the import marker once an update has recorded the configured values.
func clearImported(ctx context.Context, resp *resource.UpdateResponse) {
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importPrivateKey, nil)...)
}

// privateState is what ReadRequest.Private and ReadResponse.Private offer.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func wasImported(ctx context.Context, p privateState) bool {
	if p == nil {
		return false
	}
	b, _ := p.GetKey(ctx, importPrivateKey)
	return string(b) == "true"
}
