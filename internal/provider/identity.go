package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resource identity (Terraform >= 1.12: import blocks with `identity = {...}`, and what list
// resources return) for every resource, without touching the resources: identities says which
// attributes make up each type's identity, and identified wraps a resource at registration to
// declare the identity schema, set the identity from the state after every create, read, update
// and import, and turn an identity import into the string import ID the resource's own
// ImportState parses. Terraform < 1.12 never asks for identities; the wrapper changes nothing else.

// identitySpec lists the attributes that identify one resource type: attributes of the
// resource's schema (string or int64), set by its ImportState, in the order of its import ID.
type identitySpec struct {
	attrs []identityAttr
	// importAll, when set, is the import ID of every identity of the type (a singleton that is
	// imported with a fixed word, not its id).
	importAll string
	// mutable: the identity may change during the resource's life (resource.ResourceBehavior).
	mutable bool
}

type identityAttr struct {
	name string
	// optional: OptionalForImport (may be null); else RequiredForImport.
	optional bool
}

func identityOf(names ...string) identitySpec {
	s := identitySpec{}
	for _, n := range names {
		s.attrs = append(s.attrs, identityAttr{name: n})
	}
	return s
}

// identities is every resource type's identity: the attributes its import ID is made of (see each
// resource's ImportState and examples/resources/<type>/import.sh).
var identities = map[string]identitySpec{
	"livechat_agent":                  identityOf("id"), // login e-mail
	"livechat_group":                  identityOf("id"),
	"livechat_tag":                    identityOf("id"), // tag name
	"livechat_canned_response":        identityOf("id"),
	"livechat_goal":                   identityOf("id"),
	"livechat_greeting":               identityOf("id"),
	"livechat_property":               identityOf("owner_client_id", "name"),
	"livechat_license_property":       identityOf("namespace", "name"),
	"livechat_group_property":         identityOf("group_id", "namespace", "name"),
	"livechat_bot":                    identityOf("id"),
	"livechat_bot_template":           identityOf("owner_client_id", "id"),
	"livechat_auto_access":            identityOf("id"),
	"livechat_auto_access_order":      {attrs: []identityAttr{{name: "id"}}, importAll: autoAccessOrderImportAll},
	"livechat_webhook":                identityOf("owner_client_id", "id"),
	"livechat_license_webhooks_state": identityOf("id"), // owner client ID
	"livechat_campaign":               identityOf("id"),
	"livechat_solution_organization":  identityOf("id"),
	// organization_id is not readable from the API: an import without it takes it over from the
	// configuration in place, which completes the identity.
	"livechat_solution_license":  {attrs: []identityAttr{{name: "organization_id", optional: true}, {name: "product"}, {name: "license_id"}}, mutable: true},
	"livechat_partner_api_token": identityOf("id"),
	"livechat_partner_profile":   identityOf("id"),
	"livechat_partner_billing":   identityOf("id"),
	"livechat_expert_profile":    identityOf("id"),
}

// withIdentities wraps every resource constructor with identified.
func withIdentities(constructors ...func() resource.Resource) []func() resource.Resource {
	out := make([]func() resource.Resource, len(constructors))
	for i, newResource := range constructors {
		out[i] = func() resource.Resource { return identified(newResource()) }
	}
	return out
}

// typeName is a resource's full type name.
func typeName(r interface {
	Metadata(context.Context, resource.MetadataRequest, *resource.MetadataResponse)
}) string {
	var resp resource.MetadataResponse
	r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "livechat"}, &resp)
	return resp.TypeName
}

// --- identity values -----------------------------------------------------------------------------

// fromState is the identity (of type typ) of a resource state; ok is false when the state is null
// or lacks a required identity attribute (e.g. a create that failed before the API gave an ID).
func (s identitySpec) fromState(state tfsdk.State, typ tftypes.Type) (tftypes.Value, bool) {
	if state.Raw.IsNull() || !state.Raw.IsKnown() {
		return tftypes.Value{}, false
	}
	var values map[string]tftypes.Value
	if err := state.Raw.As(&values); err != nil {
		return tftypes.Value{}, false
	}
	out := map[string]tftypes.Value{}
	for _, a := range s.attrs {
		v, ok := values[a.name]
		if !ok || !v.IsKnown() || (v.IsNull() && !a.optional) {
			return tftypes.Value{}, false
		}
		out[a.name] = v
	}
	return tftypes.NewValue(typ, out), true
}

// importID turns an identity into the string import ID: the values joined with "/", null optional
// values left out (or the type's importAll).
func (s identitySpec) importID(identity tftypes.Value) (string, error) {
	if s.importAll != "" {
		return s.importAll, nil
	}
	var values map[string]tftypes.Value
	if err := identity.As(&values); err != nil {
		return "", err
	}
	var parts []string
	for _, a := range s.attrs {
		v := values[a.name]
		if v.IsNull() {
			if a.optional {
				continue
			}
			return "", fmt.Errorf("identity attribute %s is null", a.name)
		}
		switch {
		case v.Type().Is(tftypes.String):
			var str string
			if err := v.As(&str); err != nil {
				return "", err
			}
			parts = append(parts, str)
		case v.Type().Is(tftypes.Number):
			var n big.Float
			if err := v.As(&n); err != nil {
				return "", err
			}
			parts = append(parts, n.Text('f', -1))
		default:
			return "", fmt.Errorf("identity attribute %s has unsupported type %s", a.name, v.Type())
		}
	}
	return strings.Join(parts, "/"), nil
}

// identitySchema declares the spec's attributes with the types and descriptions of the
// resource's attributes of the same names.
func (s identitySpec) identitySchema(sch schema.Schema) (identityschema.Schema, error) {
	out := identityschema.Schema{Attributes: map[string]identityschema.Attribute{}}
	for _, a := range s.attrs {
		desc := sch.Attributes[a.name].GetMarkdownDescription()
		switch sch.Attributes[a.name].(type) {
		case schema.StringAttribute:
			out.Attributes[a.name] = identityschema.StringAttribute{RequiredForImport: !a.optional, OptionalForImport: a.optional, Description: desc}
		case schema.Int64Attribute:
			out.Attributes[a.name] = identityschema.Int64Attribute{RequiredForImport: !a.optional, OptionalForImport: a.optional, Description: desc}
		default:
			return out, fmt.Errorf("identity attribute %s: unsupported attribute %T", a.name, sch.Attributes[a.name])
		}
	}
	return out, nil
}

// setIdentity sets identity (when the framework offers one) from state; it keeps the current
// identity when the state has none to give.
func (s identitySpec) setIdentity(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) {
	if identity == nil {
		return
	}
	if v, ok := s.fromState(state, identity.Schema.Type().TerraformType(ctx)); ok {
		identity.Raw = v
	}
}
