package configuration_test

import (
	"reflect"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestOtherMethods(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_channels": ok(`[{"channel_type":"integration","channel_subtype":"c6e4","first_activity_timestamp":"2019-08-16T16:55:51Z"}]`),
		"check_product_limits_for_plan": ok(`[{"resource":"groups","limit_balance":1},
			{"resource":"groups_per_agent","limit_balance":2,"id":"user@example.com"}]`),
		"get_product_source":     ok(`{"source_id":"create_account_link","source_type":"accounts","source_url":"https://accounts.livechat.com"}`),
		"reactivate_email":       ok(`{}`),
		"update_company_details": ok(`{}`),
	})
	c := api.client(client.Config{})
	ctx := t.Context()

	channels, err := c.ListChannels(ctx)
	if err != nil || len(channels) != 1 || channels[0].ChannelSubtype != "c6e4" {
		t.Fatalf("channels %+v %v", channels, err)
	}
	_, _ = c.ListChannels(ctx)
	if n := api.count("list_channels"); n != 1 {
		t.Fatalf("%d list_channels calls, want 1", n)
	}
	assertBody(t, api.body("list_channels", 0), `{}`)

	limits, err := c.CheckProductLimitsForPlan(ctx, "starter")
	want := []configuration.ProductLimit{{Resource: "groups", LimitBalance: 1}, {Resource: "groups_per_agent", LimitBalance: 2, ID: "user@example.com"}}
	if err != nil || !reflect.DeepEqual(limits, want) {
		t.Fatalf("limits %+v %v", limits, err)
	}
	assertBody(t, api.body("check_product_limits_for_plan", 0), `{"plan":"starter"}`)

	src, err := c.GetProductSource(ctx)
	if err != nil || src.SourceURL != "https://accounts.livechat.com" {
		t.Fatalf("source %+v %v", src, err)
	}

	if err := c.ReactivateEmail(ctx, "smith@example.com"); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("reactivate_email", 0), `{"agent_id":"smith@example.com"}`)

	if err := c.UpdateCompanyDetails(ctx, configuration.CompanyDetails{Enrich: ptr(true), URL: ptr("www.text.com"), City: ptr("")}); err != nil {
		t.Fatal(err)
	}
	assertBody(t, api.body("update_company_details", 0), `{"enrich":true,"url":"www.text.com","city":""}`)
}
