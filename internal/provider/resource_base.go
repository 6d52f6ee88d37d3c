package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// resourceBase is what every resource embeds, so that a resource holds only what is its own: its
// type name (Metadata), the provider's data (Configure), the bound of each operation (its
// timeouts block), the one "no longer exists" warning, and ImportState, which parses the import
// ID its entry in identities describes.
type resourceBase struct {
	// name is the type name without the provider's prefix, e.g. "bot_template".
	name string
	data *providerData
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// spec is the type's entry in identities: its import ID and the name messages use.
func (b *resourceBase) spec() identitySpec { return identities["livechat_"+b.name] }

// timeoutOf is one operation's value of a timeouts block: the method value plan.Timeouts.Create,
// state.Timeouts.Read, plan.Timeouts.Update or state.Timeouts.Delete.
type timeoutOf func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// timeoutFor is one operation of a timeouts block as a method expression, e.g.
// timeouts.Value.Create, for code that reads the block itself (the generic skeletons).
type timeoutFor func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// operationIn is operation with the timeout op of block.
func (b *resourceBase) operationIn(ctx context.Context, block timeouts.Value, op timeoutFor, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return b.operation(ctx, func(ctx context.Context, d time.Duration) (time.Duration, diag.Diagnostics) { return op(block, ctx, d) }, diags)
}

// operation opens a create, read, update or delete: ctx bounded by the operation's timeout, the
// provider's propagation_timeout by default. cancel is always set.
func (b *resourceBase) operation(ctx context.Context, timeout timeoutOf, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, blockDiags := timeout(ctx, b.data.propagationTimeout)
	diags.Append(blockDiags...)
	if blockDiags.HasError() || d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// afterWrite is what a create, update or delete of this type does about propagation once the
// API acknowledged it: with a propagation_window, leave shown to the run's pending writes
// (pending.go) and return; with none, wait here until shown says reads show the write. Only a
// write whose state needs a value that no answer but a later read gives waits itself.
func (b *resourceBase) afterWrite(ctx context.Context, what string, shown func(context.Context) (bool, error)) error {
	return b.data.afterWrite(ctx, "livechat_"+b.name, what, shown)
}

// waits is whether writes wait until reads show them (propagation_window 0s).
func (b *resourceBase) waits() bool { return b.data.propagationWindow <= 0 }

// gone removes from state an object a Read found deleted outside Terraform, with the one warning
// that says so. id names the object (e.g. "3151", "abc of client 0805e2"; empty for a singleton);
// next is what the next plan does about it, "create it again" when empty.
func (b *resourceBase) gone(ctx context.Context, state *tfsdk.State, diags *diag.Diagnostics, id, next string) {
	if keepUnseen(ctx) {
		return // created by this provider within the propagation window: not visible yet (written.go)
	}
	what := b.spec().what
	title := strings.ToUpper(what[:1]) + what[1:]
	subject := title
	if id != "" {
		subject += " " + id
	}
	if next == "" {
		next = "create it again"
	}
	diags.AddWarning(title+" no longer exists",
		fmt.Sprintf("%s was not found; it was removed from the state and the next plan will %s.", subject, next))
	state.RemoveResource(ctx)
}

// ImportState sets the attributes the import ID names (identities); a resource with more to set
// on import calls importByID and adds its own.
func (b *resourceBase) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	b.importByID(ctx, req, resp)
}

// importByID parses the import ID as the type's entry in identities describes it and sets its
// attributes; ok is false when the ID has another shape (the error names the expected one).
func (b *resourceBase) importByID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	return b.spec().importState(ctx, req.ID, &resp.State, &resp.Diagnostics)
}

// dataSourceBase is what every data source embeds: its type name (Metadata) and the provider's
// data (Configure).
type dataSourceBase struct {
	// name is the type name without the provider's prefix, e.g. "agents".
	name string
	data *providerData
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}
