package provider

import (
	"context"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// identifiedPolicy says how identifiedResource treats each optional resource interface of the
// framework.
var identifiedPolicy = map[string]string{
	"ResourceWithConfigure":        "always offered, forwarded when the wrapped resource has it",
	"ResourceWithConfigValidators": "always offered, forwarded when the wrapped resource has it",
	"ResourceWithValidateConfig":   "always offered, forwarded when the wrapped resource has it",
	"ResourceWithModifyPlan":       "always offered, forwarded when the wrapped resource has it",
	"ResourceWithUpgradeState":     "offered when the wrapped resource has it",
	"ResourceWithMoveState":        "offered when the wrapped resource has it",
	"ResourceWithImportState":      "required of the wrapped resource",
	"ResourceWithIdentity":         "added",
	"ResourceWithUpgradeIdentity":  "not offered: identities are at version 0",
}

// TestIdentifiedForwardsEveryInterface fails when the framework gains an optional resource
// interface that identifiedResource does not know: the framework would then find the feature
// missing on every wrapped resource.
func TestIdentifiedForwardsEveryInterface(t *testing.T) {
	pkg, err := build.Import("github.com/hashicorp/terraform-plugin-framework/resource", ".", build.FindOnly)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var found []string
	files, err := filepath.Glob(filepath.Join(pkg.Dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok && strings.HasPrefix(ts.Name.Name, "ResourceWith") {
				if _, ok := ts.Type.(*ast.InterfaceType); ok {
					found = append(found, ts.Name.Name)
				}
			}
			return true
		})
	}
	if len(found) == 0 {
		t.Fatalf("no ResourceWith interfaces in %s", pkg.Dir)
	}
	for _, name := range found {
		if _, ok := identifiedPolicy[name]; !ok {
			t.Errorf("the framework has resource.%s, which identifiedResource (identified.go) does not forward", name)
		}
	}
	for name := range identifiedPolicy {
		if !slices.Contains(found, name) {
			t.Errorf("identifiedPolicy names %s, which the framework no longer has", name)
		}
	}
}

// TestIdentifiedOffersWhatTheWrappedHas checks the interfaces a wrapped resource offers.
func TestIdentifiedOffersWhatTheWrappedHas(t *testing.T) {
	offers := func(r any) (out []string) {
		for name, typ := range map[string]reflect.Type{
			"UpgradeState": reflect.TypeFor[fwresource.ResourceWithUpgradeState](),
			"MoveState":    reflect.TypeFor[fwresource.ResourceWithMoveState](),
			"Identity":     reflect.TypeFor[fwresource.ResourceWithIdentity](),
			"ModifyPlan":   reflect.TypeFor[fwresource.ResourceWithModifyPlan](),
			"ImportState":  reflect.TypeFor[fwresource.ResourceWithImportState](),
		} {
			if reflect.TypeOf(r).Implements(typ) {
				out = append(out, name)
			}
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		inner fwresource.Resource
		want  []string
	}{
		{&fakeResource{}, []string{"Identity", "ImportState", "ModifyPlan"}},
		{&fakeUpgrading{}, []string{"Identity", "ImportState", "ModifyPlan", "UpgradeState"}},
		{&fakeMoving{}, []string{"Identity", "ImportState", "ModifyPlan", "MoveState"}},
		{&fakeFull{}, []string{"Identity", "ImportState", "ModifyPlan", "MoveState", "UpgradeState"}},
	} {
		got := offers(identifiedAs(tc.inner, "livechat_fake", fakeIdentity))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%T wrapped offers %v, want %v", tc.inner, got, tc.want)
		}
	}
}

// TestIdentifiedChangesNothingElse sends the same requests to the framework's server with a
// resource and with the resource wrapped: diagnostics and states must be the same, with and
// without each optional method, and the wrapped one adds identities. The wrapped resource's
// ModifyPlan, ValidateConfig, ConfigValidators, UpgradeState and MoveState run.
func TestIdentifiedChangesNothingElse(t *testing.T) {
	ctx := context.Background()
	for _, inner := range []func() fwresource.Resource{
		func() fwresource.Resource { return &fakeResource{} },
		func() fwresource.Resource { return &fakeFull{} },
	} {
		plain := fakeServer(t, inner)
		wrapped := fakeServer(t, func() fwresource.Resource { return identifiedAs(inner(), "livechat_fake", fakeIdentity) })
		name := reflect.TypeOf(inner()).String()
		for _, call := range fakeCalls {
			a, _ := call.run(ctx, t, plain)
			b, identity := call.run(ctx, t, wrapped)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s %s: plain %v, wrapped %v", name, call.name, a, b)
			}
			if call.identity && identity == nil {
				t.Errorf("%s %s: no identity from the wrapped resource", name, call.name)
			}
			if _, full := inner().(*fakeFull); full && call.ran != "" && !slices.Contains(a, call.ran) {
				t.Errorf("%s %s: %q did not run: %v", name, call.name, call.ran, a)
			}
		}
	}
}

// TestIdentifiedReadOfRemovedObject is the refresh of an object deleted outside Terraform whose
// state has no identity yet (written by Terraform < 1.12, or before identities existed): the
// framework requires an identity after every read, so the wrapper gives the removed state's.
func TestIdentifiedReadOfRemovedObject(t *testing.T) {
	ctx := context.Background()
	server := fakeServer(t, func() fwresource.Resource {
		return identifiedAs(&fakeResource{gone: true}, "livechat_fake", fakeIdentity)
	})
	resp, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "livechat_fake", CurrentState: fakeState(t, "7", "seven")})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("read of a removed object: %s: %s", resp.Diagnostics[0].Summary, resp.Diagnostics[0].Detail)
	}
	if resp.NewIdentity == nil {
		t.Fatal("no identity")
	}
	got, _ := resp.NewIdentity.IdentityData.Unmarshal(fakeIdentityType)
	if want := fakeIdentityValue("7", "seven"); !got.Equal(want) {
		t.Errorf("identity %v, want %v", got, want)
	}
}

// TestIdentifiedImportByIdentity imports the fake by identity: its ImportState gets the ID the
// identity stands for.
func TestIdentifiedImportByIdentity(t *testing.T) {
	ctx := context.Background()
	server := fakeServer(t, func() fwresource.Resource { return identifiedAs(&fakeResource{}, "livechat_fake", fakeIdentity) })
	dv, err := tfprotov6.NewDynamicValue(fakeIdentityType, fakeIdentityValue("7", "seven"))
	if err != nil {
		t.Fatal(err)
	}
	imported := importResource(ctx, t, server, &tfprotov6.ImportResourceStateRequest{TypeName: "livechat_fake", Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
	got, _ := imported.State.Unmarshal(fakeStateType)
	if want := fakeStateValue("7", "seven"); !got.Equal(want) {
		t.Errorf("state %v, want %v", got, want)
	}
}

// --- the fake resource ---------------------------------------------------------------------------

var (
	fakeIdentity     = identityOf("group", "name")
	fakeIdentityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"group": tftypes.String, "name": tftypes.String}}
	fakeStateType    = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"group": tftypes.String, "name": tftypes.String}}
)

func fakeIdentityValue(group, name string) tftypes.Value {
	return tftypes.NewValue(fakeIdentityType, map[string]tftypes.Value{
		"group": tftypes.NewValue(tftypes.String, group), "name": tftypes.NewValue(tftypes.String, name),
	})
}

func fakeStateValue(group, name string) tftypes.Value {
	return tftypes.NewValue(fakeStateType, map[string]tftypes.Value{
		"group": tftypes.NewValue(tftypes.String, group), "name": tftypes.NewValue(tftypes.String, name),
	})
}

func fakeState(t *testing.T, group, name string) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(fakeStateType, fakeStateValue(group, name))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// fakeResource is "livechat_fake" (group, name; imported as group/name) at schema version 1.
type fakeResource struct{ gone bool }

func (r *fakeResource) Metadata(_ context.Context, req fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_fake"
}

func (r *fakeResource) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = schema.Schema{Version: 1, Attributes: map[string]schema.Attribute{
		"group": schema.StringAttribute{Required: true},
		"name":  schema.StringAttribute{Required: true},
	}}
}

func (r *fakeResource) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *fakeResource) Read(ctx context.Context, _ fwresource.ReadRequest, resp *fwresource.ReadResponse) {
	if r.gone {
		resp.State.RemoveResource(ctx)
	}
}

func (r *fakeResource) Update(ctx context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *fakeResource) Delete(context.Context, fwresource.DeleteRequest, *fwresource.DeleteResponse) {
}

func (r *fakeResource) ImportState(ctx context.Context, req fwresource.ImportStateRequest, resp *fwresource.ImportStateResponse) {
	group, name, _ := strings.Cut(req.ID, "/")
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group"), group)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

type fakeUpgrading struct{ fakeResource }

func (r *fakeUpgrading) UpgradeState(context.Context) map[int64]fwresource.StateUpgrader {
	return map[int64]fwresource.StateUpgrader{0: {StateUpgrader: func(ctx context.Context, _ fwresource.UpgradeStateRequest, resp *fwresource.UpgradeStateResponse) {
		resp.Diagnostics.AddWarning("UpgradeState ran", "")
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group"), "g")...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), "upgraded")...)
	}}}
}

type fakeMoving struct{ fakeResource }

func (r *fakeMoving) MoveState(context.Context) []fwresource.StateMover {
	return []fwresource.StateMover{{StateMover: func(ctx context.Context, _ fwresource.MoveStateRequest, resp *fwresource.MoveStateResponse) {
		resp.Diagnostics.AddWarning("MoveState ran", "")
		resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root("group"), "g")...)
		resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root("name"), "moved")...)
	}}}
}

// fakeFull has every optional method; each leaves a warning when it runs.
type fakeFull struct{ fakeResource }

func (r *fakeFull) UpgradeState(ctx context.Context) map[int64]fwresource.StateUpgrader {
	return (&fakeUpgrading{}).UpgradeState(ctx)
}

func (r *fakeFull) MoveState(ctx context.Context) []fwresource.StateMover {
	return (&fakeMoving{}).MoveState(ctx)
}

func (r *fakeFull) Configure(_ context.Context, _ fwresource.ConfigureRequest, resp *fwresource.ConfigureResponse) {
	resp.Diagnostics.AddWarning("Configure ran", "")
}

func (r *fakeFull) ConfigValidators(context.Context) []fwresource.ConfigValidator {
	return []fwresource.ConfigValidator{fakeValidator{}}
}

func (r *fakeFull) ValidateConfig(_ context.Context, _ fwresource.ValidateConfigRequest, resp *fwresource.ValidateConfigResponse) {
	resp.Diagnostics.AddWarning("ValidateConfig ran", "")
}

func (r *fakeFull) ModifyPlan(_ context.Context, _ fwresource.ModifyPlanRequest, resp *fwresource.ModifyPlanResponse) {
	resp.Diagnostics.AddWarning("ModifyPlan ran", "")
}

type fakeValidator struct{}

func (fakeValidator) Description(context.Context) string         { return "fake" }
func (fakeValidator) MarkdownDescription(context.Context) string { return "fake" }
func (fakeValidator) ValidateResource(_ context.Context, _ fwresource.ValidateConfigRequest, resp *fwresource.ValidateConfigResponse) {
	resp.Diagnostics.AddWarning("ConfigValidators ran", "")
}

// fakeProvider serves one resource.
type fakeProvider struct{ newResource func() fwresource.Resource }

func (p *fakeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "livechat"
}
func (p *fakeProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *fakeProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p *fakeProvider) Resources(context.Context) []func() fwresource.Resource {
	return []func() fwresource.Resource{p.newResource}
}
func (p *fakeProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

func fakeServer(t *testing.T, newResource func() fwresource.Resource) tfprotov6.ProviderServer {
	t.Helper()
	s, err := providerserver.NewProtocol6WithError(&fakeProvider{newResource: newResource})()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fakeCall is one request to the server; run returns its diagnostics ("severity summary") and
// the identity it answered with.
type fakeCall struct {
	name     string
	ran      string // the warning of the optional method it reaches (fakeFull)
	identity bool   // the wrapped resource must answer with an identity
	run      func(context.Context, *testing.T, tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData)
}

func diagStrings(diags []*tfprotov6.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		out = append(out, d.Severity.String()+" "+d.Summary)
	}
	return out
}

var fakeCalls = []fakeCall{
	{name: "ValidateResourceConfig", ran: "WARNING ValidateConfig ran", run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "livechat_fake", Config: fakeState(t, "g", "n")})
		if err != nil {
			t.Fatal(err)
		}
		return diagStrings(resp.Diagnostics), nil
	}},
	{name: "ValidateResourceConfig validators", ran: "WARNING ConfigValidators ran", run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "livechat_fake", Config: fakeState(t, "g", "n")})
		if err != nil {
			t.Fatal(err)
		}
		return diagStrings(resp.Diagnostics), nil
	}},
	{name: "PlanResourceChange", ran: "WARNING ModifyPlan ran", run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		prior, _ := tfprotov6.NewDynamicValue(fakeStateType, tftypes.NewValue(fakeStateType, nil))
		resp, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "livechat_fake", PriorState: &prior, ProposedNewState: fakeState(t, "g", "n"), Config: fakeState(t, "g", "n"),
		})
		if err != nil {
			t.Fatal(err)
		}
		return append(diagStrings(resp.Diagnostics), planned(t, resp.PlannedState)), nil
	}},
	{name: "ApplyResourceChange (create)", identity: true, run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		prior, _ := tfprotov6.NewDynamicValue(fakeStateType, tftypes.NewValue(fakeStateType, nil))
		resp, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "livechat_fake", PriorState: &prior, PlannedState: fakeState(t, "g", "n"), Config: fakeState(t, "g", "n"),
		})
		if err != nil {
			t.Fatal(err)
		}
		return append(diagStrings(resp.Diagnostics), planned(t, resp.NewState)), resp.NewIdentity
	}},
	{name: "ReadResource", identity: true, run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		resp, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "livechat_fake", CurrentState: fakeState(t, "g", "n")})
		if err != nil {
			t.Fatal(err)
		}
		return append(diagStrings(resp.Diagnostics), planned(t, resp.NewState)), resp.NewIdentity
	}},
	{name: "UpgradeResourceState", ran: "WARNING UpgradeState ran", run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		resp, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
			TypeName: "livechat_fake", Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(`{"group":"g","name":"old"}`)},
		})
		if err != nil {
			t.Fatal(err)
		}
		return append(diagStrings(resp.Diagnostics), planned(t, resp.UpgradedState)), nil
	}},
	{name: "MoveResourceState", ran: "WARNING MoveState ran", run: func(ctx context.Context, t *testing.T, s tfprotov6.ProviderServer) ([]string, *tfprotov6.ResourceIdentityData) {
		resp, err := s.MoveResourceState(ctx, &tfprotov6.MoveResourceStateRequest{
			SourceTypeName: "other_thing", SourceProviderAddress: "registry.terraform.io/other/other", TargetTypeName: "livechat_fake",
			SourceState: &tfprotov6.RawState{JSON: []byte(`{"x":"y"}`)},
		})
		if err != nil {
			t.Fatal(err)
		}
		return append(diagStrings(resp.Diagnostics), planned(t, resp.TargetState)), nil
	}},
}

func planned(t *testing.T, dv *tfprotov6.DynamicValue) string {
	t.Helper()
	if dv == nil {
		return "no state"
	}
	v, err := dv.Unmarshal(fakeStateType)
	if err != nil {
		t.Fatal(err)
	}
	return v.String()
}
