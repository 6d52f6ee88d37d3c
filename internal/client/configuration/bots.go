package configuration

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// BotFields are the optional fields get_bot and list_bots return on request.
var BotFields = []string{"work_scheduler", "groups", "job_title", "max_chats_count", "timezone"}

// Bot as get_bot returns it with every optional field (list_bots has no
// default_group_priority and owner_client_id).
type Bot struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	Avatar               string            `json:"avatar_path"`
	DefaultGroupPriority string            `json:"default_group_priority"`
	OwnerClientID        string            `json:"owner_client_id"`
	MaxChatsCount        int64             `json:"max_chats_count"`
	JobTitle             string            `json:"job_title"`
	Groups               []GroupMembership `json:"groups"`
	WorkScheduler        *WorkScheduler    `json:"work_scheduler"`
	Timezone             string            `json:"timezone"`
}

// UnmarshalJSON also accepts "avatar", the name of the write parameter.
func (b *Bot) UnmarshalJSON(data []byte) error {
	type plain Bot
	var aux struct {
		plain
		AvatarAlt *string `json:"avatar"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	*b = Bot(aux.plain)
	if b.Avatar == "" && aux.AvatarAlt != nil {
		b.Avatar = *aux.AvatarAlt
	}
	return nil
}

// BotCreate is the create_bot request; nil fields are not sent.
type BotCreate struct {
	Name                 string             `json:"name"`
	Avatar               *string            `json:"avatar,omitempty"`
	MaxChatsCount        *int64             `json:"max_chats_count,omitempty"`
	DefaultGroupPriority *string            `json:"default_group_priority,omitempty"`
	JobTitle             *string            `json:"job_title,omitempty"`
	Groups               *[]GroupMembership `json:"groups,omitempty"`
	WorkScheduler        *WorkScheduler     `json:"work_scheduler,omitempty"`
	// OwnerClientID is required with PATs; with a bearer token it replaces
	// the token's client id.
	OwnerClientID string `json:"owner_client_id,omitempty"`
}

// BotUpdate is the update_bot request; nil fields are not sent. The method
// has no job_title and no owner_client_id parameter.
type BotUpdate struct {
	ID                   string             `json:"id"`
	Name                 *string            `json:"name,omitempty"`
	Avatar               *string            `json:"avatar,omitempty"`
	MaxChatsCount        *int64             `json:"max_chats_count,omitempty"`
	Groups               *[]GroupMembership `json:"groups,omitempty"`
	DefaultGroupPriority *string            `json:"default_group_priority,omitempty"`
	WorkScheduler        *WorkScheduler     `json:"work_scheduler,omitempty"`
}

// IsEmpty reports an update that would change nothing.
func (u BotUpdate) IsEmpty() bool {
	return u.Name == nil && u.Avatar == nil && u.MaxChatsCount == nil && u.Groups == nil &&
		u.DefaultGroupPriority == nil && u.WorkScheduler == nil
}

// Credentials are what create_bot and create_bot_template answer: the new
// object's id and its secret, which no read returns.
type Credentials struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}

// CreateBot creates a bot and returns its id and secret.
//
// Bots have no unique natural key (names repeat; ids are assigned), so the
// ids that exist before the create are noted first. After an ambiguous
// failure, a bot that is not among them and has the same name and owner is
// adopted, and because its secret was lost with the answer, a new one is
// issued with reset_bot_secret. Two such candidates are an error: nothing is
// adopted or re-sent.
func (c *Client) CreateBot(ctx context.Context, in BotCreate) (Credentials, error) {
	var out Credentials
	before, err := c.botIDs(ctx)
	if err != nil {
		return out, err
	}
	req := client.Action("create_bot", in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = func(ctx context.Context) (bool, error) {
		bots, err := c.ListBots(ctx, true)
		if err != nil {
			return false, err
		}
		var found []string
		for _, b := range bots {
			if before[b.ID] || b.Name != in.Name {
				continue
			}
			full, err := c.GetBot(ctx, b.ID)
			if client.IsNotFound(err) {
				continue
			}
			if err != nil {
				return false, err
			}
			if in.OwnerClientID == "" || full.OwnerClientID == in.OwnerClientID {
				found = append(found, b.ID)
			}
		}
		switch len(found) {
		case 0:
			return false, nil
		case 1:
			secret, err := c.ResetBotSecret(ctx, found[0], in.OwnerClientID)
			if err != nil {
				return false, err
			}
			out = Credentials{ID: found[0], Secret: secret}
			return true, nil
		}
		return false, fmt.Errorf("after the unclear failure %d new bots named %q exist (%v); import the one to keep and delete the others", len(found), in.Name, found)
	}
	err = c.core.Do(ctx, req, &out)
	return out, err
}

// botIDs is the set of bot ids of the license.
func (c *Client) botIDs(ctx context.Context) (map[string]bool, error) {
	bots, err := c.ListBots(ctx, true)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(bots))
	for _, b := range bots {
		ids[b.ID] = true
	}
	return ids, nil
}

// GetBot returns the bot with every optional field.
func (c *Client) GetBot(ctx context.Context, id string) (*Bot, error) {
	var b Bot
	if err := c.call(ctx, "get_bot", map[string]any{"id": id, "fields": BotFields}, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// ListBots lists the license's bots (all=true) or the requester's bots,
// with every optional field.
func (c *Client) ListBots(ctx context.Context, all bool) ([]Bot, error) {
	var out []Bot
	err := c.call(ctx, "list_bots", map[string]any{"all": all, "fields": BotFields}, &out)
	return out, err
}

// UpdateBot sends the non-nil fields of in.
func (c *Client) UpdateBot(ctx context.Context, in BotUpdate) error {
	return c.call(ctx, "update_bot", in, nil)
}

// DeleteBot deletes a bot.
func (c *Client) DeleteBot(ctx context.Context, id string) error {
	return c.call(ctx, "delete_bot", idRequest{ID: id}, nil)
}

// ResetBotSecret gives a bot a new secret and returns it. ownerClientID is
// sent when not empty.
func (c *Client) ResetBotSecret(ctx context.Context, id, ownerClientID string) (string, error) {
	body := map[string]string{"id": id}
	if ownerClientID != "" {
		body["owner_client_id"] = ownerClientID
	}
	var out struct {
		Secret string `json:"secret"`
	}
	err := c.call(ctx, "reset_bot_secret", body, &out)
	return out.Secret, err
}

// BotTokenRequest is the issue_bot_token request.
type BotTokenRequest struct {
	BotID          string `json:"bot_id"`
	ClientID       string `json:"client_id"`
	BotSecret      string `json:"bot_secret"`
	OrganizationID string `json:"organization_id"`
}

// IssueBotToken issues a bot token, valid for 24 hours.
func (c *Client) IssueBotToken(ctx context.Context, in BotTokenRequest) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	err := c.call(ctx, "issue_bot_token", in, &out)
	return out.Token, err
}
