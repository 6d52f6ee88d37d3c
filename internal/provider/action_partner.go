package provider

import (
	"context"
	"fmt"

	actionschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
)

type requestWithdrawalConfig struct{}

func newRequestWithdrawalAction() *apiAction[requestWithdrawalConfig] {
	return &apiAction[requestWithdrawalConfig]{
		name: "request_withdrawal",
		description: "Asks for the partner's available balance to be paid out to the PayPal account of `livechat_partner_billing` (Partner API v2 Request Withdrawal). " +
			"Each invocation is a new withdrawal request; `livechat_partner_withdrawals` lists them with their status. " +
			"The API refuses it without billing information or without an available balance (see the `livechat_partner_earnings` data source).",
		attributes: map[string]actionschema.Attribute{},
		failure:    "Requesting a withdrawal",
		invoke: func(ctx context.Context, data *providerData, _ requestWithdrawalConfig) (string, error) {
			w, err := data.partner.RequestWithdrawal(ctx)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Withdrawal %d of %.2f to %s requested (%s).", w.WithdrawalID, w.Amount, w.PayPal, w.Status), nil
		},
	}
}
