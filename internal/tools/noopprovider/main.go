// Command noopprovider is the framework floor of `make bench`: a
// terraform-plugin-framework provider with one resource that calls no API
// (Create stores the plan, Read returns the state, Delete forgets), so that
// a run of N of its objects costs what Terraform and the framework cost and
// nothing more. It serves with the provider's own settings (SDK logs off
// unless asked for), so that the comparison is like for like.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/sdklog"
)

// Address is where the bench's dev_overrides find it.
const Address = "registry.terraform.io/livechat-terraform/noop"

func main() {
	sdklog.OffUnlessRequested()
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return noopProvider{} }, providerserver.ServeOpts{Address: Address}); err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}
func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return object{} }}
}
func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// object has the shape of a canned response: an id the server gives, a
// group, a text and a set of tags.
type object struct{}

type objectModel struct {
	ID    types.String `tfsdk:"id"`
	Group types.Int64  `tfsdk:"group"`
	Text  types.String `tfsdk:"text"`
	Tags  types.Set    `tfsdk:"tags"`
}

func (object) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_object"
}

func (object) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":    schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"group": schema.Int64Attribute{Required: true},
		"text":  schema.StringAttribute{Required: true},
		"tags":  schema.SetAttribute{Optional: true, ElementType: types.StringType},
	}}
}

func (object) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m objectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = types.StringValue(fmt.Sprintf("%d/%s", m.Group.ValueInt64(), m.Text.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read returns the state, through the model as a provider's Read does.
func (object) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m objectModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (object) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m objectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (object) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func (object) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
