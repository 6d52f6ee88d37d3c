package configuration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// BotFields are the optional fields get_bot and list_bots return on request.
var BotFields = []string{"work_scheduler", "groups", "job_title", "max_chats_count", "timezone"}

// Bot as get_bot returns it with every optional field (list_bots has no
// default_group_priority and owner_client_id).
type Bot struct {
	ID                   string            `json:"id" answer:"required"`
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
	// Type is "a custom value to categorize or identify the bot" (default chatbot); no read
	// returns it.
	Type          *string        `json:"type,omitempty"`
	WorkScheduler *WorkScheduler `json:"work_scheduler,omitempty"`
	// OwnerClientID is required with PATs; with a bearer token it replaces
	// the token's client id.
	OwnerClientID string `json:"owner_client_id,omitempty"`
}

// BotUpdate is the update_bot request; nil fields are not sent. The method
// has no owner_client_id parameter.
type BotUpdate struct {
	ID                   string             `json:"id"`
	Name                 *string            `json:"name,omitempty"`
	Avatar               *string            `json:"avatar,omitempty"`
	MaxChatsCount        *int64             `json:"max_chats_count,omitempty"`
	Groups               *[]GroupMembership `json:"groups,omitempty"`
	DefaultGroupPriority *string            `json:"default_group_priority,omitempty"`
	JobTitle             *string            `json:"job_title,omitempty"`
	Type                 *string            `json:"type,omitempty"`
	WorkScheduler        *WorkScheduler     `json:"work_scheduler,omitempty"`
}

// IsEmpty reports an update that would change nothing.
func (u BotUpdate) IsEmpty() bool {
	return u.Name == nil && u.Avatar == nil && u.MaxChatsCount == nil && u.Groups == nil &&
		u.DefaultGroupPriority == nil && u.JobTitle == nil && u.Type == nil && u.WorkScheduler == nil
}

// Credentials are what create_bot and create_bot_template answer: the new
// object's id and its secret, which no read returns.
type Credentials struct {
	ID     string `json:"id" answer:"required"`
	Secret string `json:"secret" answer:"required"`
}

// cacheKindBots is the read-cache key of list_bots (all, every field): the ids
// noted before concurrent creates; every bot write invalidates it. It never
// serves a refresh: list_bots lacks default_group_priority and owner_client_id.
const cacheKindBots = "configuration/bots"

// CreateBot creates a bot and returns its id and secret.
//
// Bots have no unique natural key (names repeat; ids are assigned), so the
// ids that exist before the create are noted first. After an ambiguous
// failure, a bot that is not among them (nor created by this client) and has
// the same name and owner is adopted, and because its secret was lost with the
// answer, a new one is issued with reset_bot_secret. Two such candidates are an
// error: nothing is adopted or re-sent.
//
// With coalescing on, concurrent creates travel in one batch_create_bots and
// share one noted list of ids (fetched after the last bot write of this
// client). When the batch fails ambiguously, each item first runs that same
// lookup (waiting out the propagation delay); only a bot that is still not
// there is sent again, on its own, as create_bot, which again looks before any
// re-send.
func (c *Client) CreateBot(ctx context.Context, in BotCreate) (Credentials, error) {
	var out Credentials
	before, err := c.botIDs(ctx, c.core.Coalescing())
	if err != nil {
		return out, err
	}
	look := c.lookUpCreatedBot(in, before, &out)
	var amb *client.AmbiguousError
	if c.core.Coalescing() {
		err := c.core.Batch(ctx, "batch_create_bots", true, in, &out, botWriteKinds...)
		if !errors.As(err, &amb) {
			c.noteCreatedBot(out, err)
			return out, err // answered: the batcher dropped the lists as of its answer
		}
	}
	// From here a write may land outside an answered batch (a create_bot, or
	// a batch whose outcome is unknown): drop the lists when done.
	defer c.invalidateBots()
	if amb != nil {
		found, lerr := c.core.RecoverBatchedCreate(ctx, "batch_create_bots", look, true)
		if lerr != nil {
			return out, &client.AmbiguousError{Err: fmt.Errorf("%w; looking the bot up failed too: %v", amb.Err, lerr)}
		}
		if found {
			c.noteCreatedBot(out, nil)
			return out, nil
		}
		// Not there once the propagation delay has passed: the batch did not create it.
	}
	req := client.Action("create_bot", in)
	req.Creates = true
	req.RecoverWaits = true // the API enforces no unique key: look until the propagation delay has passed
	req.Recover = look
	err = c.core.Do(ctx, req, &out)
	c.noteCreatedBot(out, err)
	return out, err
}

// lookUpCreatedBot is the Recover of a bot create: it looks for the one new
// bot named in.Name (and owned by in.OwnerClientID) and stores its id and a
// fresh secret in out.
func (c *Client) lookUpCreatedBot(in BotCreate, before map[string]bool, out *Credentials) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		bots, err := c.ListBots(ctx, true)
		if err != nil {
			return false, err
		}
		var matching []string
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
				matching = append(matching, b.ID)
			}
		}
		id, found, err := c.core.AdoptNew(cacheKindBots, before, matching, fmt.Sprintf("bots named %q", in.Name))
		if !found || err != nil {
			return false, err
		}
		secret, err := c.ResetBotSecret(ctx, id, in.OwnerClientID)
		if err != nil {
			return false, err
		}
		*out = Credentials{ID: id, Secret: secret}
		return true, nil
	}
}

func (c *Client) noteCreatedBot(out Credentials, err error) {
	if err == nil && out.ID != "" {
		c.core.Claim(cacheKindBots, out.ID)
	}
}

// botWriteKinds are the cached answers a bot write changes: the bot list and
// the group list (bots are group members, shown in agent_priorities).
var botWriteKinds = []string{cacheKindBots, cacheKindGroups}

// invalidateBots drops them after a bot write that has just been answered.
func (c *Client) invalidateBots() { c.core.Invalidate(botWriteKinds...) }

// ListBotsAfter is list_bots of every bot from an answer fetched at or after since (CachedAfter):
// the waits of concurrent bot writes share it to learn when their bots are listed.
func (c *Client) ListBotsAfter(ctx context.Context, since time.Time) ([]Bot, time.Time, error) {
	return client.CachedAfter(ctx, c.core, cacheKindBots, since, c.listAllBots)
}

// listAllBots is list_bots of every bot of the license, with every field.
func (c *Client) listAllBots(ctx context.Context) ([]Bot, error) { return c.ListBots(ctx, true) }

// botIDs is the set of bot ids of the license. shared=true accepts the run's
// cached list_bots (one list serves every concurrent create that starts before
// the next bot write of this client); false lists now.
func (c *Client) botIDs(ctx context.Context, shared bool) (map[string]bool, error) {
	bots, err := client.Cached(ctx, c.core, cacheKindBots, !shared, c.listAllBots)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(bots))
	for _, b := range bots {
		ids[b.ID] = true
	}
	return ids, nil
}

// GetBot returns the bot with every optional field. It serves every refresh
// and wait: list_bots has no default_group_priority nor owner_client_id.
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

// UpdateBot sends the non-nil fields of in. With coalescing on, concurrent
// updates travel in one batch_update_bots; each gets its own item's answer.
func (c *Client) UpdateBot(ctx context.Context, in BotUpdate) error {
	return c.botWrite(ctx, "update_bot", in)
}

// DeleteBot deletes a bot (batch_delete_bots when coalescing).
func (c *Client) DeleteBot(ctx context.Context, id string) error {
	return c.botWrite(ctx, "delete_bot", idRequest{ID: id})
}

// botWrite sends an idempotent bot action, batched when coalescing.
func (c *Client) botWrite(ctx context.Context, action string, body any) error {
	if c.core.Coalescing() {
		return c.core.Batch(ctx, "batch_"+action+"s", false, body, nil, botWriteKinds...)
	}
	defer c.invalidateBots()
	return c.call(ctx, action, body, nil)
}

// ResetBotSecret gives a bot a new secret and returns it. ownerClientID is
// sent when not empty.
func (c *Client) ResetBotSecret(ctx context.Context, id, ownerClientID string) (string, error) {
	body := map[string]string{"id": id}
	if ownerClientID != "" {
		body["owner_client_id"] = ownerClientID
	}
	var out struct {
		Secret string `json:"secret" answer:"required"`
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
		Token string `json:"token" answer:"required"`
	}
	err := c.call(ctx, "issue_bot_token", in, &out)
	return out.Token, err
}
