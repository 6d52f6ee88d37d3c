//go:build !remote

// These tests start an emulator of their own (latency, faults): local mode only.

package provider

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// Ctrl-C while creates are in flight (Terraform cancels the Create's context) must not lose what
// the API created: the create is finished and its id lands in the state, tainted by the
// interrupted wait, so the next apply neither loses nor duplicates it.
func TestInterruptedCreate_ObjectLandsInState(t *testing.T) {
	tests := []struct {
		name    string
		res     resource.Resource
		request string // how the path of the creating request ends
		plan    map[string]tftypes.Value
		exists  func(run *emulator.Running, id int) bool
	}{
		{"group", newGroupResource(), "/create_group",
			map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "Interrupted")},
			func(run *emulator.Running, id int) bool { _, ok := run.Group(id); return ok }},
		{"canned response", newCannedResponseResource(), "/canned_responses",
			map[string]tftypes.Value{
				"text":  tftypes.NewValue(tftypes.String, "Interrupted"),
				"tags":  tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "int")}),
				"group": tftypes.NewValue(tftypes.Number, 0),
			},
			func(run *emulator.Running, id int) bool { _, ok := run.CannedResponse(id); return ok }},
		// The answer has no id: the campaign is looked up after it, past the interrupt.
		{"campaign", newCampaignResource(), "/affiliates/campaigns",
			map[string]tftypes.Value{
				"product":        tftypes.NewValue(tftypes.String, "livechat"),
				"name":           tftypes.NewValue(tftypes.String, "Interrupted"),
				"trial_duration": tftypes.NewValue(tftypes.Number, 14),
			},
			func(run *emulator.Running, id int) bool { _, ok := run.Campaign(id); return ok }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run, err := emulator.Start(emulator.Options{AccessTokens: []string{testAccessToken}, PartnerTokens: []string{testPartnerToken}, Latency: 300 * time.Millisecond}, "")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = run.Close() })
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			transport := &clienttest.Hook{Suffix: tt.request, Mode: clienttest.Cancelled, Cancel: cancel}
			core, err := client.New(client.Config{APIURL: run.URL, AccessToken: testAccessToken, PartnerToken: testPartnerToken, HTTPClient: &http.Client{Transport: transport}})
			if err != nil {
				t.Fatal(err)
			}
			cr := &resource.ConfigureResponse{}
			tt.res.(resource.ResourceWithConfigure).Configure(t.Context(), resource.ConfigureRequest{ProviderData: &providerData{
				core: core, config: configuration.New(core), legacy: legacy.New(core), partner: partner.New(core), propagationTimeout: time.Minute,
			}}, cr)
			var sr resource.SchemaResponse
			tt.res.Schema(t.Context(), resource.SchemaRequest{}, &sr)
			plan := planOf(t, sr.Schema, tt.plan)
			resp := resource.CreateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(plan.Raw.Type(), nil)}}
			tt.res.Create(ctx, resource.CreateRequest{Plan: plan, Config: tfsdk.Config{Schema: sr.Schema, Raw: plan.Raw}}, &resp)

			if !transport.Fired() {
				t.Fatal("the creating request was never sent")
			}
			var id types.Int64
			resp.Diagnostics.Append(resp.State.GetAttribute(t.Context(), path.Root("id"), &id)...)
			if id.IsNull() || id.IsUnknown() || !tt.exists(run, int(id.ValueInt64())) {
				t.Fatalf("state id %s after the interrupt; the object the API created is lost (%v)", id, resp.Diagnostics)
			}
		})
	}
}

// planOf is a planned new object of s: the given attribute values, the other computed
// attributes unknown, everything else null.
func planOf(t *testing.T, s schema.Schema, values map[string]tftypes.Value) tfsdk.Plan {
	t.Helper()
	typ := s.Type().TerraformType(t.Context()).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		switch a, isAttr := s.Attributes[name]; {
		case values[name].Type() != nil:
			attrs[name] = values[name]
		case isAttr && a.IsComputed():
			attrs[name] = tftypes.NewValue(at, tftypes.UnknownValue)
		default:
			attrs[name] = tftypes.NewValue(at, nil)
		}
	}
	for name := range values {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("no attribute %s in the schema", name)
		}
	}
	return tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, attrs)}
}
