package emulator

import (
	"crypto/sha1"
	"fmt"
	"net/url"
)

// Webhooks (deprecated): REST API v2 "Webhooks". Ids and tokens are derived from a counter, so a
// run is reproducible.
//
// The provider never calls this surface (livechat_webhook uses the Configuration API v3.6): it is
// served for users' CI that calls the REST API v2 directly, as the reference describes it (README,
// "Running the emulator for your own CI").

// legacyLicenceNumber is the license number the emulator reports in webhooks ("licence").
const legacyLicenceNumber = 12345

var (
	webhookEventTypes = []string{"chat_started", "chat_ended", "chat_changed", "visitor_queued", "ticket_created", "canned_response_changed"}
	// webhookDataTypes lists, per data type, the event types that support it.
	webhookDataTypes = map[string][]string{
		"chat":            {"chat_started", "chat_changed", "chat_ended"},
		"visitor":         {"chat_started", "chat_ended", "chat_changed", "visitor_queued"},
		"pre_chat_survey": {"chat_started", "chat_ended"},
		"ticket":          {"ticket_created"},
		"canned_response": {"canned_response_changed"},
	}
	webhookDataTypeNames = []string{"chat", "visitor", "pre_chat_survey", "ticket", "canned_response"}
)

func routeLegacyWebhooks(rs *routeList) {
	rs.add("GET", "/webhooks", listWebhooksV2)
	rs.add("POST", "/webhooks", createWebhookV2)
	rs.add("DELETE", "/webhooks/:id", deleteWebhookV2)
}

func renderWebhookV2(w *LegacyWebhook) map[string]any {
	return map[string]any{"licence": legacyLicenceNumber, "event_type": w.EventType,
		"data_types": append([]string{}, w.DataTypes...), "url": w.URL, "verified": w.Verified, "token": w.Token, "id": w.ID}
}

func listWebhooksV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	events := []any{}
	for _, w := range c.st.legacy.webhooks.list(c.view()) {
		events = append(events, renderWebhookV2(w))
	}
	return map[string]any{"events": events}, nil
}

func createWebhookV2(c *call, p *lparams, _ []string) (any, *apiError) {
	if e := p.only("event_type", "data_types", "url"); e != nil {
		return nil, e
	}
	event, _, e := p.str("event_type", true)
	if e != nil {
		return nil, e
	}
	if e := p.enum("event_type", event, webhookEventTypes); e != nil {
		return nil, e
	}
	types, _, e := p.strList("data_types", true)
	if e != nil {
		return nil, e
	}
	if len(types) == 0 {
		return nil, legacyBad("`data_types` must contain at least one data type")
	}
	var kept []string
	for _, t := range types {
		if e := p.enum("data_types", t, webhookDataTypeNames); e != nil {
			return nil, e
		}
		if !contains(webhookDataTypes[t], event) {
			return nil, legacyBad("`data_types`: %s is not supported by the %s event type", t, event)
		}
		if !contains(kept, t) {
			kept = append(kept, t)
		}
	}
	target, _, e := p.str("url", true)
	if e != nil {
		return nil, e
	}
	if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, legacyBad("`url` must be an http or https URL")
	}
	ls := c.st.legacy
	n := len(ls.webhooks.keys(authoritative)) + 1
	var id string
	for {
		id = fmt.Sprintf("%x", sha1.Sum([]byte(fmt.Sprintf("livechat-emulator/webhook/%d", n))))[:32]
		if ls.webhooks.get(id) == nil {
			break
		}
		n++
	}
	token := fmt.Sprintf("%x", sha1.Sum([]byte("livechat-emulator/webhook-token/"+id)))[:32]
	w := &LegacyWebhook{ID: id, EventType: event, DataTypes: kept, URL: target, Verified: true, Token: token}
	ls.webhooks.create(id, w, c.now, c.delay)
	return map[string]any{"events": []any{renderWebhookV2(w)}}, nil
}

func deleteWebhookV2(c *call, p *lparams, args []string) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	if c.st.legacy.webhooks.get(args[0]) == nil {
		return nil, legacyNotFound("Webhook %s not found", args[0])
	}
	c.st.legacy.webhooks.delete(args[0], c.now, c.delay)
	return map[string]any{"result": "Push notification removed successfully"}, nil
}
