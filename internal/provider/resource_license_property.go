package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure        = (*licensePropertyResource)(nil)
	_ resource.ResourceWithImportState      = (*licensePropertyResource)(nil)
	_ resource.ResourceWithConfigValidators = (*licensePropertyResource)(nil)
)

// licensePropertyResource is livechat_license_property: the value of a property within the
// license.
type licensePropertyResource struct {
	propertyValueResource
}

func newLicensePropertyResource() resource.Resource {
	return &licensePropertyResource{propertyValueResource{resourceBase: resourceBase{name: "license_property"}, newModel: func() propertyValueResourceState { return &licensePropertyModel{} }}}
}

type licensePropertyModel struct {
	propertyValueResourceModel
}

func (r *licensePropertyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := propertyValueSchema()
	attrs["id"] = schema.StringAttribute{
		Computed: true, MarkdownDescription: "`<namespace>/<name>`; the import ID.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The value of a property within the license (Configuration API v3.6 `update_license_properties`, `delete_license_properties`, read through `list_license_properties`). " +
			"The property must be registered (e.g. with `livechat_property`) with the `license` location in its `access`; a property of another Client Id must be published with `write` access.\n\n" +
			"The value is typed by the property: set exactly one of `value_string` (`string`, `tokenized_string`), `value_int` (`int`) or `value_bool` (`bool`). " +
			"Destroying the value deletes it; the license then shows the property's `default_value`, if it has one. " +
			"Because the API lists a default like a value, a value equal to the default that is deleted outside Terraform is not detected as drift.\n\n" +
			"Values are read with one `list_license_properties` call per namespace and run.",
		Attributes: propertyKeySchema(attrs),
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ref is the value the model names, in the license.
func (m *licensePropertyModel) ref(c *configuration.Client) propertyValueRef {
	ns, name := m.Namespace.ValueString(), m.Name.ValueString()
	return propertyValueRef{
		scope: "license", id: ns + "/" + name, ns: ns, name: name, config: c,
		key: map[string]attr.Value{"namespace": m.Namespace, "name": m.Name},
		listValues: func(ctx context.Context, fresh bool) (configuration.PropertyValues, error) {
			return c.LicenseProperties(ctx, ns, fresh)
		},
		setValues:    c.UpdateLicenseProperties,
		deleteValues: c.DeleteLicenseProperties,
	}
}

func (r *licensePropertyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	}
}
