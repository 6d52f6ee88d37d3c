package provider

import (
	"context"
	"fmt"
	"math/big"
	"slices"
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
// resource's schema (string or int64), in the order of its import ID, which is their values
// joined with "/" (importState parses it, importID makes it of an identity).
type identitySpec struct {
	attrs []identityAttr
	// what names the type in messages, e.g. "bot template".
	what string
	// example is an import ID of the type, shown by the error of an ID of another shape.
	example string
	// by says what a one-attribute import ID is, e.g. "numeric ID" ("ID" when empty).
	by string
	// importAll, when set, is the import ID of every identity of the type (a singleton that is
	// imported with a fixed word, not its id).
	importAll string
	// mutable: the identity may change during the resource's life (resource.ResourceBehavior).
	mutable bool
}

type identityAttr struct {
	name string
	// optional: OptionalForImport (may be null, and left out of the import ID); else
	// RequiredForImport.
	optional bool
	// label names the attribute's part in the import ID's shape, e.g. "webhook id" (name when
	// empty).
	label string
	// valid, when set, checks the attribute's part of an import ID; must says what it checks.
	valid func(string) bool
	must  string
}

func identityOf(names ...string) identitySpec {
	s := identitySpec{}
	for _, n := range names {
		s.attrs = append(s.attrs, identityAttr{name: n})
	}
	return s
}

// importedAs is an identity of attributes names, of a type what, with an example import ID.
func importedAs(what, example string, names ...string) identitySpec {
	s := identityOf(names...)
	s.what, s.example = what, example
	return s
}

// importedBy is an identity made of id alone, which is what by says, e.g. "numeric ID".
func importedBy(what, by, example string, valid func(string) bool) identitySpec {
	s := importedAs(what, example, "id")
	s.by, s.attrs[0].valid = by, valid
	return s
}

// labelled names the last attribute's part of the import ID label in its shape.
func labelled(s identitySpec, label string) identitySpec {
	s.attrs[len(s.attrs)-1].label = label
	return s
}

// singleton is the identity of a type every account has one of, imported with its fixed ID name.
func singleton(what, name string) identitySpec {
	return importedBy(what, fmt.Sprintf("fixed ID %q", name), name, func(id string) bool { return id == name })
}

// isSolutionProduct tells whether p is a product a solution license can be of.
func isSolutionProduct(p string) bool { return slices.Contains(solutionProducts, p) }

// identities is every resource type's identity: the attributes its import ID is made of (see
// examples/resources/<type>/import.sh).
var identities = map[string]identitySpec{
	"livechat_agent":           importedBy("agent", "ID, its login e-mail", "smith@example.com", emailPattern.MatchString),
	"livechat_group":           importedBy("group", "numeric ID (0 is \"General\")", "19", nil),
	"livechat_tag":             importedBy("tag", "exact name (letter case matters)", "refund request", nil),
	"livechat_canned_response": importedBy("canned response", "numeric ID", "3181", nil),
	"livechat_goal":            importedBy("goal", "numeric ID", "1041", nil),
	"livechat_greeting":        importedBy("greeting", "numeric ID", "2411", nil),
	"livechat_property":        importedAs("property", "0805e283233042b37f460ed8fbf22160/customer_tier", "owner_client_id", "name"),
	"livechat_license_property": importedAs("license property value", "0805e283233042b37f460ed8fbf22160/customer_tier",
		"namespace", "name"),
	"livechat_group_property": importedAs("group property value", "7/0805e283233042b37f460ed8fbf22160/routing_boost",
		"group_id", "namespace", "name"),
	"livechat_bot": importedBy("bot", "ID as get_bot and list_bots show it", "5c9871d5372c824cbf22d860a707a578",
		func(id string) bool { return !strings.ContainsAny(id, "/ ") }),
	"livechat_bot_template": labelled(importedAs("bot template", "my-app-client-id/5c9871d5372c824cbf22d860a707a578",
		"owner_client_id", "id"), "template id"),
	"livechat_auto_access": importedBy("auto access", "ID, as the livechat_auto_accesses data source or list_auto_accesses shows it",
		"1faad6f5f1d6e8fdf27e8af9839783b7", nil),
	"livechat_auto_access_order": {attrs: []identityAttr{{name: "id"}}, what: "auto access order", importAll: autoAccessOrderImportAll},
	"livechat_webhook": labelled(importedAs("webhook", "0805e283233042b37f460ed8fbf22160/pqi8oasdjahuakndw9nsad9na",
		"owner_client_id", "id"), "webhook id"),
	"livechat_license_webhooks_state": importedBy("license webhooks state", "owner client ID", "0805e283233042b37f460ed8fbf22160", nil),
	"livechat_campaign":               importedBy("campaign", "numeric ID (the id of the livechat_partner_campaigns data source)", "123", nil),
	"livechat_solution_organization": importedBy("organization", "UUID", "66c29d75-909b-491b-a0bf-49f79f57e3d5",
		func(id string) bool { return len(id) == 36 && strings.Count(id, "-") == 4 }),
	// organization_id is not readable from the API: an import without it takes it over from the
	// configuration in place, which completes the identity.
	"livechat_solution_license": {
		what: "solution license", example: "livechat/104130623", mutable: true,
		attrs: []identityAttr{{name: "organization_id", optional: true},
			{name: "product", valid: isSolutionProduct, must: "one of " + strings.Join(solutionProducts, ", ")},
			{name: "license_id"}},
	},
	"livechat_partner_api_token": importedBy("Partner API token", "numeric ID", "2", nil),
	"livechat_partner_profile":   singleton("partner profile", "partner_profile"),
	"livechat_partner_billing":   singleton("partner billing", "partner_billing"),
	"livechat_expert_profile":    singleton("Expert profile", expertProfileImportID),
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
