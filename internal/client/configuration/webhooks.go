package configuration

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// cacheKindWebhooks is the read-cache key prefix of list_webhooks, which
// lists one owner client id's webhooks: one list per owner serves every
// webhook Read of a run.
const cacheKindWebhooks = "configuration/webhooks/"

// Webhook as list_webhooks returns it (the API never returns secret_key).
type Webhook struct {
	ID             string          `json:"id"`
	URL            string          `json:"url"`
	Description    string          `json:"description"`
	Action         string          `json:"action"`
	Filters        *WebhookFilters `json:"filters,omitempty"`
	AdditionalData []string        `json:"additional_data,omitempty"`
	OwnerClientID  string          `json:"owner_client_id"`
	Type           string          `json:"type"`
}

// WebhookFilters are the register_webhook filters; unset ones are nil.
type WebhookFilters struct {
	AuthorType   *string              `json:"author_type,omitempty"`
	OnlyMyChats  *bool                `json:"only_my_chats,omitempty"`
	ChatPresence *WebhookChatPresence `json:"chat_presence,omitempty"`
	SourceType   []string             `json:"source_type,omitempty"`
}

// WebhookChatPresence is filters.chat_presence.
type WebhookChatPresence struct {
	UserIDs *WebhookUserIDs `json:"user_ids,omitempty"`
	MyBots  *bool           `json:"my_bots,omitempty"`
}

// WebhookUserIDs has values or exclude_values, never both.
type WebhookUserIDs struct {
	Values        []string `json:"values,omitempty"`
	ExcludeValues []string `json:"exclude_values,omitempty"`
}

// WebhookRegister is the register_webhook request.
type WebhookRegister struct {
	Action         string          `json:"action"`
	SecretKey      string          `json:"secret_key"`
	URL            string          `json:"url"`
	AdditionalData []string        `json:"additional_data,omitempty"`
	Description    string          `json:"description,omitempty"`
	Filters        *WebhookFilters `json:"filters,omitempty"`
	OwnerClientID  string          `json:"owner_client_id"`
	Type           string          `json:"type"`
}

// Matches reports whether a listed webhook is what in registers. The secret key cannot be
// compared (the API does not return it), and what an answer leaves out is not compared either:
// the List Webhooks example shows no additional_data and, of the filters, only chat_presence's
// user_ids.values and my_bots.
func (w *Webhook) Matches(in *WebhookRegister) bool {
	return w.Action == in.Action && w.URL == in.URL && w.Type == in.Type && w.OwnerClientID == in.OwnerClientID &&
		w.Description == in.Description && (w.AdditionalData == nil || sameStrings(w.AdditionalData, in.AdditionalData)) &&
		reflect.DeepEqual(normalFilters(w.Filters), normalFilters(ShownFilters(in.Filters, w.Filters)))
}

// ShownFilters is want without the filters that shown (an answer's filters) leaves out.
func ShownFilters(want, shown *WebhookFilters) *WebhookFilters {
	if want == nil || shown == nil {
		return nil
	}
	out := WebhookFilters{}
	if shown.AuthorType != nil {
		out.AuthorType = want.AuthorType
	}
	if shown.OnlyMyChats != nil {
		out.OnlyMyChats = want.OnlyMyChats
	}
	if shown.SourceType != nil {
		out.SourceType = want.SourceType
	}
	if cp, wcp := shown.ChatPresence, want.ChatPresence; cp != nil && wcp != nil {
		out.ChatPresence = &WebhookChatPresence{}
		if cp.MyBots != nil {
			out.ChatPresence.MyBots = wcp.MyBots
		}
		if ids, wids := cp.UserIDs, wcp.UserIDs; ids != nil && wids != nil {
			out.ChatPresence.UserIDs = &WebhookUserIDs{}
			if ids.Values != nil {
				out.ChatPresence.UserIDs.Values = wids.Values
			}
			if ids.ExcludeValues != nil {
				out.ChatPresence.UserIDs.ExcludeValues = wids.ExcludeValues
			}
		}
	}
	return &out
}

// normalFilters sorts the set-like lists so that filters compare by content.
func normalFilters(f *WebhookFilters) *WebhookFilters {
	if f == nil {
		return nil
	}
	c := *f
	c.SourceType = sorted(f.SourceType)
	if f.ChatPresence != nil {
		cp := *f.ChatPresence
		if cp.UserIDs != nil {
			c.ChatPresence = &WebhookChatPresence{MyBots: cp.MyBots, UserIDs: &WebhookUserIDs{
				Values: sorted(cp.UserIDs.Values), ExcludeValues: sorted(cp.UserIDs.ExcludeValues),
			}}
		} else {
			c.ChatPresence = &cp
		}
	}
	return &c
}

func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func sameStrings(a, b []string) bool { return slices.Equal(sorted(a), sorted(b)) }

// RegisterWebhook registers a webhook and returns its id. The webhooks of
// the owner that exist before are noted: after an ambiguous failure, only a
// new webhook with the same action, URL, type, description, filters and
// additional data is adopted before anything is re-sent.
func (c *Client) RegisterWebhook(ctx context.Context, in WebhookRegister) (string, error) {
	var out struct {
		ID string `json:"id" answer:"required"`
	}
	kind := cacheKindWebhooks + in.OwnerClientID
	existing, err := c.ListWebhooks(client.NotingBefore(ctx), in.OwnerClientID, !c.core.Coalescing())
	if err != nil {
		return "", err
	}
	before := client.IDsOf(existing, func(w *Webhook) string { return w.ID })
	defer c.core.Invalidate(kind)
	req := client.Action("register_webhook", in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		hooks, err := c.ListWebhooks(ctx, in.OwnerClientID, true)
		if err != nil {
			return false, err
		}
		got, err := client.AdoptListed(c.core, kind, before, hooks, func(w *Webhook) (string, bool) { return w.ID, w.Matches(&in) },
			fmt.Sprintf("%s webhooks to %s", in.Action, in.URL))
		if got != nil {
			out.ID = got.ID
		}
		return got != nil, err
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return out.ID, err
	}
	c.core.Claim(kind, out.ID)
	return out.ID, nil
}

// ListWebhooks lists the webhooks of one owner client id. fresh=false may
// answer from the run's read cache.
func (c *Client) ListWebhooks(ctx context.Context, owner string, fresh bool) ([]Webhook, error) {
	return client.Cached(ctx, c.core, cacheKindWebhooks+owner, fresh, c.fetchWebhooks(owner))
}

// ListWebhooksAfter is list_webhooks of an owner from a fetch that began at or after since, and
// when that fetch began, as ListTagsAfter is for tags: the waits of concurrent webhook writes of
// one owner share one list per poll.
func (c *Client) ListWebhooksAfter(ctx context.Context, owner string, since time.Time) ([]Webhook, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindWebhooks+owner, since, c.fetchWebhooks(owner))
}

func (c *Client) fetchWebhooks(owner string) func(context.Context) ([]Webhook, error) {
	return func(ctx context.Context) ([]Webhook, error) {
		var out []Webhook
		err := c.call(ctx, "list_webhooks", map[string]string{"owner_client_id": owner}, &out)
		return out, err
	}
}

// GetWebhook finds a webhook of owner by id.
func (c *Client) GetWebhook(ctx context.Context, owner, id string, fresh bool) (*Webhook, error) {
	hooks, err := c.ListWebhooks(ctx, owner, fresh)
	if err != nil {
		return nil, err
	}
	if w := client.Find(hooks, func(w *Webhook) bool { return w.ID == id }); w != nil {
		return w, nil
	}
	return nil, notFound("list_webhooks", "webhook "+id+" of client "+owner)
}

// UnregisterWebhook unregisters a webhook of owner.
func (c *Client) UnregisterWebhook(ctx context.Context, owner, id string) error {
	defer c.core.Invalidate(cacheKindWebhooks + owner)
	return c.call(ctx, "unregister_webhook", map[string]string{"id": id, "owner_client_id": owner}, nil)
}

// WebhookName is one item of list_webhook_names.
type WebhookName struct {
	Action         string   `json:"action"`
	Filters        []string `json:"filters,omitempty"`
	AdditionalData []string `json:"additional_data,omitempty"`
}

// ListWebhookNames lists the webhook actions of an API version ("" for the
// current stable one).
func (c *Client) ListWebhookNames(ctx context.Context, version string) ([]WebhookName, error) {
	body := map[string]string{}
	if version != "" {
		body["version"] = version
	}
	var out []WebhookName
	err := c.call(ctx, "list_webhook_names", body, &out)
	return out, err
}

type ownerRequest struct {
	OwnerClientID string `json:"owner_client_id"`
}

// EnableLicenseWebhooks enables the license's webhooks of owner.
func (c *Client) EnableLicenseWebhooks(ctx context.Context, owner string) error {
	return c.call(ctx, "enable_license_webhooks", ownerRequest{owner}, nil)
}

// DisableLicenseWebhooks disables the license's webhooks of owner.
func (c *Client) DisableLicenseWebhooks(ctx context.Context, owner string) error {
	return c.call(ctx, "disable_license_webhooks", ownerRequest{owner}, nil)
}

// SetLicenseWebhooks enables or disables the license's webhooks of owner.
func (c *Client) SetLicenseWebhooks(ctx context.Context, owner string, enabled bool) error {
	if enabled {
		return c.EnableLicenseWebhooks(ctx, owner)
	}
	return c.DisableLicenseWebhooks(ctx, owner)
}

// GetLicenseWebhooksState reports whether the license's webhooks of owner are enabled.
func (c *Client) GetLicenseWebhooksState(ctx context.Context, owner string) (bool, error) {
	var out struct {
		Enabled bool `json:"license_webhooks_enabled" answer:"required"`
	}
	err := c.call(ctx, "get_license_webhooks_state", ownerRequest{owner}, &out)
	return out.Enabled, err
}

// WebhookAction is one row of Register Webhook's "Triggering actions" table:
// an action and the filters it allows.
type WebhookAction struct {
	Name    string
	Filters []string
}

// WebhookActions is the "Triggering actions" table of today's reference, in its order (the 2024
// preview had incoming_customer and lacked event_deleted and thread_summary_set).
var WebhookActions = func() []WebhookAction {
	chat := []string{"chat_presence", "only_my_chats", "source_type"}
	event := []string{"chat_presence", "author_type", "only_my_chats", "source_type"}
	source := []string{"source_type"}
	var out []WebhookAction
	add := func(filters []string, names ...string) {
		for _, n := range names {
			out = append(out, WebhookAction{n, filters})
		}
	}
	add(chat, "incoming_chat", "chat_deactivated", "chat_access_updated", "chat_transferred",
		"user_added_to_chat", "user_removed_from_chat")
	add(event, "incoming_event")
	add(chat, "event_deleted")
	add(event, "event_updated")
	add(chat, "incoming_rich_message_postback", "chat_properties_updated", "chat_properties_deleted",
		"thread_properties_updated", "thread_properties_deleted", "event_properties_updated",
		"event_properties_deleted", "thread_tagged", "thread_untagged")
	add([]string{"agent_ids", "source_type"}, "routing_status_set")
	add([]string{"chat_presence", "source_type"}, "customer_session_fields_updated")
	add(chat, "events_marked_as_seen")
	add(source, "group_created", "group_updated", "group_deleted", "agent_created", "agent_updated",
		"agent_deleted", "agent_suspended", "agent_unsuspended", "agent_approved", "bot_created",
		"bot_updated", "bot_deleted", "auto_accesses_updated", "tag_created", "tag_deleted", "tag_updated")
	add(chat, "thread_summary_set")
	return out
}()

// WebhookActionFilters returns the filters action allows (nil for an unknown action).
func WebhookActionFilters(action string) []string {
	for _, a := range WebhookActions {
		if a.Name == action {
			return a.Filters
		}
	}
	return nil
}

// Documented enums of register_webhook.
var (
	WebhookTypes          = []string{"bot", "license"}
	WebhookAdditionalData = []string{"chat_properties", "chat_presence_user_ids"}
	WebhookAuthorTypes    = []string{"customer", "agent"}
	WebhookSourceTypes    = []string{"my_client", "other_clients", "system"}
	// WebhookNoAdditionalData are the actions additional_data is not available
	// for ("agent_status_changed" of the reference is routing_status_set).
	WebhookNoAdditionalData = []string{"routing_status_set", "agent_deleted"}
)

// WebhookURLMaxLength is register_webhook's "Maximum: 500 characters" for url.
const WebhookURLMaxLength = 500
