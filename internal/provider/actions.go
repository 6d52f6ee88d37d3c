package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/action"
	actionschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
)

// Actions (Terraform 1.14 and later) are the API's one-off operations: calls that change no state
// a resource could keep (a secret Terraform does not store, an e-mail, a payout).
// They run when `terraform apply -invoke=action.<type>.<name>` asks, or when a resource's
// lifecycle action_trigger fires. Each is one apiAction.

// apiAction is an action whose config is the model M: invoke calls the API and returns what to
// report to the user.
type apiAction[M any] struct {
	name        string // type name without livechat_
	description string
	attributes  map[string]actionschema.Attribute
	invoke      func(ctx context.Context, data *providerData, config M) (string, error)
	// failure is the summary of an error diagnostic, e.g. "Resetting the secret of bot".
	failure string
	data    *providerData
}

var _ action.ActionWithConfigure = (*apiAction[struct{}])(nil)

func (a *apiAction[M]) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + a.name
}

func (a *apiAction[M]) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = actionschema.Schema{MarkdownDescription: a.description, Attributes: a.attributes}
}

func (a *apiAction[M]) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *apiAction[M]) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var config M
	if !req.Config.Raw.IsNull() { // an action block without a config block
		resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if a.data == nil {
		resp.Diagnostics.AddError("Provider not configured", "The livechat provider was not configured before invoking livechat_"+a.name+"; this is a provider bug.")
		return
	}
	done, err := a.invoke(ctx, a.data, config)
	if err != nil {
		addAPIError(&resp.Diagnostics, a.failure, err)
		return
	}
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: done})
	}
}

// actions are the constructors of every action.
func actions() []func() action.Action {
	return []func() action.Action{
		func() action.Action { return newResetBotSecretAction() },
		func() action.Action { return newResetBotTemplateSecretAction() },
		func() action.Action { return newReactivateEmailAction() },
		func() action.Action { return newRequestWithdrawalAction() },
	}
}
