package provider

import (
	"cmp"
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// listResource is the list resource of one managed type (`terraform query`, Terraform >= 1.14).
// What to list comes from internal/listing, shared with livechat-export; each listed object goes
// through the managed resource's own ImportState (its import ID) and, with include_resource,
// its Read: a result is exactly what importing the object would put in the state.
type listResource struct {
	spec listType
	data *providerData
}

var _ list.ListResourceWithConfigure = (*listResource)(nil)

func (l *listResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.spec.name
}

func (l *listResource) typ() string { return "livechat_" + l.spec.name }

func (l *listResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := map[string]listschema.Attribute{}
	for _, f := range l.spec.filters {
		attrs[f.name] = f.attribute
	}
	resp.Schema = listschema.Schema{MarkdownDescription: l.spec.description(), Attributes: attrs}
}

func (l *listResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	q := listQuery{}
	for _, f := range l.spec.filters {
		diags.Append(f.read(ctx, req.Config, &q)...)
	}
	if l.data == nil {
		diags.AddError("Provider not configured", "The livechat provider was not configured before listing "+l.typ()+"; this is a provider bug.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	if len(q.filter.ClientIDs) == 0 && l.data.clientID != "" {
		q.filter.ClientIDs = []string{l.data.clientID}
	}
	kind, _ := listing.Find(l.typ())
	clients := &listing.Clients{Core: l.data.core, Config: l.data.config, Legacy: l.data.legacy, Partner: l.data.partner, CredentialHint: credentialSettings}
	if reason := kind.Unavailable(clients, q.filter); reason != "" {
		if kind.ClientScoped && len(q.filter.ClientIDs) == 0 {
			reason = "the API lists these per owner client ID: set owner_client_ids, or the provider's client_id (LIVECHAT_CLIENT_ID)"
		}
		diags.AddError("Cannot list "+l.typ(), reason+".")
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	settle(ctx, l.data, []string{l.typ()}, &diags) // what this run wrote of the type shows in the list
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	session := listing.NewSession(clients, q.filter)
	objects, err := kind.List(ctx, session)
	if err != nil {
		addAPIError(&diags, "Listing "+l.typ(), err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	r := l.spec.newResource()
	if c, ok := r.(resource.ResourceWithConfigure); ok {
		var cr resource.ConfigureResponse
		c.Configure(ctx, resource.ConfigureRequest{ProviderData: l.data}, &cr)
	}
	spec := identities[l.typ()]
	stream.Results = func(push func(list.ListResult) bool) {
		sent := int64(0)
		for _, o := range objects {
			if o.Default && !q.includeDefaults {
				continue
			}
			if req.Limit > 0 && sent >= req.Limit {
				return
			}
			result, ok := l.listedObject(ctx, req, r, spec, o)
			if !ok {
				continue
			}
			sent++
			if !push(result) {
				return
			}
		}
		for _, note := range session.Notes() {
			var d diag.Diagnostics
			d.AddWarning("Not listed", note)
			if !push(list.ListResult{Diagnostics: d}) {
				return
			}
		}
	}
}

// listedObject is the result for one object: the identity of its import stub and, when asked, the
// state a refresh of that stub reads. ok is false for an object gone since the list.
func (l *listResource) listedObject(ctx context.Context, req list.ListRequest, r resource.Resource, spec identitySpec, o listing.Object) (list.ListResult, bool) {
	result := req.NewListResult(ctx)
	result.DisplayName = cmp.Or(o.Label, o.Hint, o.ID)
	imported := resource.ImportStateResponse{State: tfsdk.State{
		Schema: req.ResourceSchema,
		Raw:    tftypes.NewValue(req.ResourceSchema.Type().TerraformType(ctx), nil),
	}}
	newPrivateState(&imported)
	r.(resource.ResourceWithImportState).ImportState(ctx, resource.ImportStateRequest{ID: o.ID}, &imported)
	result.Diagnostics.Append(imported.Diagnostics...)
	state := imported.State
	if req.IncludeResource && !result.Diagnostics.HasError() {
		read := resource.ReadResponse{State: imported.State, Private: imported.Private}
		r.Read(ctx, resource.ReadRequest{State: imported.State, Private: imported.Private}, &read)
		result.Diagnostics.Append(read.Diagnostics...)
		if read.State.Raw.IsNull() && !read.Diagnostics.HasError() {
			return result, false
		}
		state = read.State
		result.Resource.Raw = read.State.Raw
	}
	if result.Diagnostics.HasError() {
		return result, true
	}
	identity, ok := spec.fromState(state, req.ResourceIdentitySchema.Type().TerraformType(ctx))
	if !ok {
		result.Diagnostics.AddError("Incomplete identity", fmt.Sprintf("%s %q: the imported state lacks an identity attribute; this is a provider bug.", l.typ(), o.ID))
		return result, true
	}
	result.Identity.Raw = identity
	return result, true
}

// newPrivateState gives an ImportStateResponse the empty private state the framework's server
// would give it (resources keep import markers there). Its type is internal to the framework; the
// zero value is the empty state (privatestate.ProviderData: nil map until the first SetKey).
func newPrivateState(resp *resource.ImportStateResponse) {
	f := reflect.ValueOf(resp).Elem().FieldByName("Private")
	f.Set(reflect.New(f.Type().Elem()))
}
