package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// partnerDataSource is the shared shape of the Partner API data sources: a name, a schema, a read
// (which gets the Partner API client and the configuration) and optional config validation.
type partnerDataSource struct {
	name     string
	schema   schema.Schema
	read     partnerRead
	validate func(ctx context.Context, config tfsdk.Config) diag.Diagnostics
	data     *providerData
}

// partnerRead is a Partner API data source's read.
type partnerRead func(ctx context.Context, pc *partner.Client, config tfsdk.Config, state *tfsdk.State) diag.Diagnostics

var (
	_ datasource.DataSourceWithConfigure      = (*partnerDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*partnerDataSource)(nil)
)

func (d *partnerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.name
}

func (d *partnerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *partnerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *partnerDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if d.validate != nil {
		resp.Diagnostics.Append(d.validate(ctx, req.Config)...)
	}
}

func (d *partnerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	pc := partnerClient(d.data, &resp.Diagnostics, "Reading "+d.name)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(d.read(ctx, pc, req.Config, &resp.State)...)
}

// partnerModelRead is the read of a data source whose model M holds its arguments and results:
// the arguments come from the configuration, fill sets the results from the API, and the state
// is set to the model.
func partnerModelRead[M any](fill func(ctx context.Context, pc *partner.Client, m *M) diag.Diagnostics) partnerRead {
	return func(ctx context.Context, pc *partner.Client, config tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
		var m M
		if diags := getConfigArgs(ctx, config, &m); diags.HasError() {
			return diags
		}
		if diags := fill(ctx, pc, &m); diags.HasError() {
			return diags
		}
		return state.Set(ctx, &m)
	}
}

// apiDiag turns a client error into diagnostics.
func apiDiag(summary string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	addAPIError(&diags, summary, err)
	return diags
}

// Schema helpers for computed attributes.
func cStr(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}
func cInt(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}
func cNum(desc string) schema.Float64Attribute {
	return schema.Float64Attribute{Computed: true, MarkdownDescription: desc}
}
func cBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}
func cList(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}

// dateArg is an optional date argument ("YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SSZ" where allowed).
func dateArg(desc string, required bool, withTime bool) schema.StringAttribute {
	v := []validator.String{partnerDateValidator(withTime)}
	return schema.StringAttribute{Required: required, Optional: !required, MarkdownDescription: desc, Validators: v}
}

// PartnerDateArgs are the optional date_from and date_to arguments of a data source, embedded in
// its model. It is exported because getConfigArgs sets embedded fields through reflection.
type PartnerDateArgs struct {
	DateFrom types.String `tfsdk:"date_from"`
	DateTo   types.String `tfsdk:"date_to"`
}

// dateRange is the range the arguments give.
func (a *PartnerDateArgs) dateRange() (partner.DateRange, diag.Diagnostics) {
	return parseDateArgs(a.DateFrom, a.DateTo)
}

// parseDateArgs reads date_from/date_to (a date "to" includes that whole day).
func parseDateArgs(from, to types.String) (partner.DateRange, diag.Diagnostics) {
	var r partner.DateRange
	var diags diag.Diagnostics
	for _, x := range []struct {
		v    types.String
		name string
		into *time.Time
	}{{from, "date_from", &r.From}, {to, "date_to", &r.To}} {
		if !known(x.v) {
			continue
		}
		t, dateOnly, err := parsePartnerDate(x.v.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root(x.name), "Invalid date", err.Error())
			continue
		}
		if dateOnly && x.name == "date_to" {
			t = t.Add(24*time.Hour - time.Second)
		}
		*x.into = t
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		diags.AddAttributeError(path.Root("date_to"), "Invalid date range", "date_to must not be before date_from.")
	}
	return r, diags
}

// validateDatesTogether refuses date_from without date_to and the reverse, for data sources
// whose range goes to an API method (named in the message) that requires both.
func validateDatesTogether(method string) func(context.Context, tfsdk.Config) diag.Diagnostics {
	return func(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
		var from, to types.String
		diags := config.GetAttribute(ctx, path.Root("date_from"), &from)
		diags.Append(config.GetAttribute(ctx, path.Root("date_to"), &to)...)
		if !from.IsUnknown() && !to.IsUnknown() && from.IsNull() != to.IsNull() {
			diags.AddAttributeError(path.Root("date_to"), "Incomplete date range", "Set both date_from and date_to ("+method+" requires both), or neither.")
		}
		return diags
	}
}

// partnerItems converts the API's list items to a data source's; no items make an empty list,
// not null.
func partnerItems[A, I any](in []A, convert func(A) I) []I {
	out := make([]I, 0, len(in))
	for _, a := range in {
		out = append(out, convert(a))
	}
	return out
}
