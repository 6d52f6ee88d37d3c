package configuration

import (
	"context"
	"fmt"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Bot templates can only be read by listing them per owner client id, so one
// list_bot_templates answer per client id serves every template Read of a
// run; every template write of that client id invalidates it.

func cacheKindBotTemplates(ownerClientID string) string {
	return "configuration/bot_templates/" + ownerClientID
}

// BotTemplate as list_bot_templates returns it: the answer has only these
// fields (see API-NOTES.md).
type BotTemplate struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Avatar string `json:"avatar_path"`
}

// BotTemplateCreate is the create_bot_template request.
type BotTemplateCreate struct {
	Name                        string  `json:"name"`
	Avatar                      *string `json:"avatar,omitempty"`
	MaxChatsCount               *int64  `json:"max_chats_count,omitempty"`
	DefaultGroupPriority        *string `json:"default_group_priority,omitempty"`
	JobTitle                    *string `json:"job_title,omitempty"`
	OwnerClientID               string  `json:"owner_client_id"`
	AffectExistingInstallations bool    `json:"affect_existing_installations,omitempty"`
}

// BotTemplateUpdate is the update_bot_template request; nil fields are not
// sent.
type BotTemplateUpdate struct {
	ID                          string  `json:"id"`
	OwnerClientID               string  `json:"owner_client_id"`
	Name                        *string `json:"name,omitempty"`
	Avatar                      *string `json:"avatar,omitempty"`
	MaxChatsCount               *int64  `json:"max_chats_count,omitempty"`
	DefaultGroupPriority        *string `json:"default_group_priority,omitempty"`
	JobTitle                    *string `json:"job_title,omitempty"`
	AffectExistingInstallations bool    `json:"affect_existing_installations,omitempty"`
}

// IsEmpty reports an update that would change nothing.
func (u BotTemplateUpdate) IsEmpty() bool {
	return u.Name == nil && u.Avatar == nil && u.MaxChatsCount == nil && u.DefaultGroupPriority == nil && u.JobTitle == nil
}

// templateRef identifies a template in delete_bot_template and
// reset_bot_template_secret.
type templateRef struct {
	ID                          string `json:"id"`
	OwnerClientID               string `json:"owner_client_id"`
	AffectExistingInstallations bool   `json:"affect_existing_installations,omitempty"`
}

// CreateBotTemplate creates a bot template and returns its id and secret.
// As with bots, the templates that exist before are noted: after an
// ambiguous failure, the one new template of that client with the same
// name is adopted and given a new secret (the first one was lost with the
// answer).
func (c *Client) CreateBotTemplate(ctx context.Context, in BotTemplateCreate) (Credentials, error) {
	var out Credentials
	owner := in.OwnerClientID
	kind := cacheKindBotTemplates(owner)
	defer c.core.Invalidate(kind)
	existing, err := c.ListBotTemplates(ctx, owner, time.Now())
	if err != nil {
		return out, err
	}
	before := client.IDsOf(existing, func(t *BotTemplate) string { return t.ID })
	req := client.Action("create_bot_template", in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		all, err := c.ListBotTemplates(ctx, owner, time.Now())
		if err != nil {
			return false, err
		}
		got, err := client.AdoptListed(c.core, kind, before, all, func(t *BotTemplate) (string, bool) { return t.ID, t.Name == in.Name },
			fmt.Sprintf("bot templates named %q of client %s", in.Name, owner))
		if got == nil {
			return false, err
		}
		secret, err := c.ResetBotTemplateSecret(ctx, owner, got.ID, in.AffectExistingInstallations)
		if err != nil {
			return false, err
		}
		out = Credentials{ID: got.ID, Secret: secret}
		return true, nil
	}
	if err := c.core.Do(ctx, req, &out); err != nil {
		return out, err
	}
	c.core.Claim(kind, out.ID)
	return out, nil
}

// ListBotTemplates lists the templates of a client id from an answer
// fetched at or after since (zero: any answer of this run).
func (c *Client) ListBotTemplates(ctx context.Context, ownerClientID string, since time.Time) ([]BotTemplate, error) {
	all, _, err := c.ListBotTemplatesAfter(ctx, ownerClientID, since)
	return all, err
}

// ListBotTemplatesAfter is ListBotTemplates that also reports when the fetch behind the answer
// began, as ListTagsAfter is for tags: the waits of concurrent template writes of one owner share
// one list per poll.
func (c *Client) ListBotTemplatesAfter(ctx context.Context, ownerClientID string, since time.Time) ([]BotTemplate, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindBotTemplates(ownerClientID), since, func(ctx context.Context) ([]BotTemplate, error) {
		var out []BotTemplate
		err := c.call(ctx, "list_bot_templates", map[string]string{"owner_client_id": ownerClientID}, &out)
		return out, err
	})
}

// GetBotTemplate finds one template in a list answer fetched at or after
// since (list_bot_templates is the only way to read one); a missing
// template is a not_found *client.APIError.
func (c *Client) GetBotTemplate(ctx context.Context, ownerClientID, id string, since time.Time) (*BotTemplate, error) {
	all, err := c.ListBotTemplates(ctx, ownerClientID, since)
	if err != nil {
		return nil, err
	}
	if t := client.Find(all, func(t *BotTemplate) bool { return t.ID == id }); t != nil {
		return t, nil
	}
	return nil, notFound("list_bot_templates", "bot template "+id+" of client "+ownerClientID)
}

// UpdateBotTemplate sends the non-nil fields of in.
func (c *Client) UpdateBotTemplate(ctx context.Context, in BotTemplateUpdate) error {
	defer c.core.Invalidate(cacheKindBotTemplates(in.OwnerClientID))
	return c.call(ctx, "update_bot_template", in, nil)
}

// DeleteBotTemplate deletes a template; with affect, also the bots based on
// it on the licenses that have the application installed.
func (c *Client) DeleteBotTemplate(ctx context.Context, ownerClientID, id string, affect bool) error {
	defer c.core.Invalidate(cacheKindBotTemplates(ownerClientID))
	return c.call(ctx, "delete_bot_template", templateRef{ID: id, OwnerClientID: ownerClientID, AffectExistingInstallations: affect}, nil)
}

// ResetBotTemplateSecret gives a template a new secret and returns it; with
// affect, existing bots based on it get the new secret too.
func (c *Client) ResetBotTemplateSecret(ctx context.Context, ownerClientID, id string, affect bool) (string, error) {
	defer c.core.Invalidate(cacheKindBotTemplates(ownerClientID))
	var out struct {
		Secret string `json:"secret" answer:"required"`
	}
	err := c.call(ctx, "reset_bot_template_secret", templateRef{ID: id, OwnerClientID: ownerClientID, AffectExistingInstallations: affect}, &out)
	return out.Secret, err
}
