package provider

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// TestIdentityImportRoundTrip checks every resource type's identity against its documented
// examples, through the framework's server: importing examples/resources/<type>/
// import-by-string-id.tf's ID gives import-by-identity.tf's identity, and importing that identity
// gives the same state as the ID.
func TestIdentityImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("identity schemas: %v %v", err, schemas.Diagnostics)
	}
	provSchema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for typ := range provSchema.ResourceSchemas {
		if _, ok := schemas.IdentitySchemas[typ]; !ok {
			t.Errorf("%s has no identity", typ)
		}
	}
	for typ, idSchema := range schemas.IdentitySchemas {
		t.Run(typ, func(t *testing.T) {
			dir := filepath.Join("..", "..", "examples", "resources", typ)
			id := exampleAttribute(t, filepath.Join(dir, "import-by-string-id.tf"), "id").AsString()
			identityType := idSchema.ValueType()
			want := toTerraform(t, exampleAttribute(t, filepath.Join(dir, "import-by-identity.tf"), "identity"), identityType)
			stateType := provSchema.ResourceSchemas[typ].ValueType()

			byID := importResource(ctx, t, server, &tfprotov6.ImportResourceStateRequest{TypeName: typ, ID: id})
			got, err := byID.Identity.IdentityData.Unmarshal(identityType)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) {
				t.Errorf("importing %q gives the identity\n  %v\nwant (import-by-identity.tf)\n  %v", id, got, want)
			}
			dv, err := tfprotov6.NewDynamicValue(identityType, want)
			if err != nil {
				t.Fatal(err)
			}
			byIdentity := importResource(ctx, t, server, &tfprotov6.ImportResourceStateRequest{TypeName: typ, Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
			s1, err1 := byID.State.Unmarshal(stateType)
			s2, err2 := byIdentity.State.Unmarshal(stateType)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !s1.Equal(s2) {
				t.Errorf("import by identity gives the state\n  %v\nimport by ID %q\n  %v", s2, id, s1)
			}
		})
	}
}

func importResource(ctx context.Context, t *testing.T, server tfprotov6.ProviderServer, req *tfprotov6.ImportResourceStateRequest) *tfprotov6.ImportedResource {
	t.Helper()
	resp, err := server.ImportResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("import %q %v: %s: %s", req.ID, req.Identity, d.Summary, d.Detail)
	}
	if len(resp.ImportedResources) != 1 || resp.ImportedResources[0].Identity == nil {
		t.Fatalf("import %q: %d resources, identity %v", req.ID, len(resp.ImportedResources), resp.ImportedResources)
	}
	return resp.ImportedResources[0]
}

// exampleAttribute evaluates the attribute name of the import block in an example file.
func exampleAttribute(t *testing.T, file, name string) cty.Value {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if a, ok := b.Body.Attributes[name]; ok && b.Type == "import" {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			return v
		}
	}
	t.Fatalf("%s: no import block with %s", file, name)
	return cty.NilVal
}

// toTerraform converts an object of strings and numbers to typ; attributes it lacks are null.
func toTerraform(t *testing.T, v cty.Value, typ tftypes.Type) tftypes.Value {
	t.Helper()
	obj := typ.(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
		if !v.Type().HasAttribute(name) {
			continue
		}
		a := v.GetAttr(name)
		switch {
		case at.Is(tftypes.String) && a.Type() == cty.String:
			values[name] = tftypes.NewValue(at, a.AsString())
		case at.Is(tftypes.Number) && a.Type() == cty.Number:
			values[name] = tftypes.NewValue(at, new(big.Float).Set(a.AsBigFloat()))
		default:
			t.Fatalf("identity attribute %s: %s value for a %s", name, a.Type().FriendlyName(), at)
		}
	}
	for name := range v.Type().AttributeTypes() {
		if _, ok := obj.AttributeTypes[name]; !ok {
			t.Errorf("the example's identity has %s, which the identity schema lacks", name)
		}
	}
	return tftypes.NewValue(typ, values)
}

// TestIdentitySpecsNameSchemaAttributes keeps identities in step with the schemas: every
// attribute it names exists, with a type an identity can have.
func TestIdentitySpecsNameSchemaAttributes(t *testing.T) {
	ctx := context.Background()
	for _, f := range New("test")().Resources(ctx) {
		r := f()
		var sr fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
		spec := identities[typeName(r)]
		if _, err := spec.identitySchema(sr.Schema); err != nil {
			t.Errorf("%s: %v", typeName(r), err)
		}
		for _, a := range spec.attrs {
			if _, ok := sr.Schema.Attributes[a.name]; !ok {
				t.Errorf("%s: identity attribute %s is not an attribute of the resource", typeName(r), a.name)
			}
		}
	}
}
