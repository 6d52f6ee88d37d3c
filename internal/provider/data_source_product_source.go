package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*productSourceDataSource)(nil)

type productSourceDataSource struct{ dataSourceBase }

func newProductSourceDataSource() datasource.DataSource {
	return &productSourceDataSource{dataSourceBase{name: "product_source"}}
}

type productSourceDataSourceModel struct {
	SourceID   types.String `tfsdk:"source_id"`
	SourceType types.String `tfsdk:"source_type"`
	SourceURL  types.String `tfsdk:"source_url"`
}

func (d *productSourceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The source parameters passed when the LiveChat product was activated (Configuration API v3.6 `get_product_source`).",
		Attributes: map[string]schema.Attribute{
			"source_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Source ID, e.g. `create_account_link`."},
			"source_type": schema.StringAttribute{Computed: true, MarkdownDescription: "Source type, e.g. `accounts`."},
			"source_url":  schema.StringAttribute{Computed: true, MarkdownDescription: "Source URL."},
		},
	}
}

func (d *productSourceDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	src, err := d.data.config.GetProductSource(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading the product source", err)
		return
	}
	m := productSourceDataSourceModel{
		SourceID: types.StringValue(src.SourceID), SourceType: types.StringValue(src.SourceType), SourceURL: types.StringValue(src.SourceURL),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
