package emulator

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"time"
)

// issue_bot_token: "Issues a new token for the bot. The token is valid for 24 hours. The token
// cannot be revoked." The emulator checks every parameter against the bot and answers a JWT-shaped
// token; it does not (yet) accept bot tokens on any API, so they are only recorded (BotTokens).

// BotToken is one token issue_bot_token answered.
type BotToken struct {
	BotID          string    `json:"bot_id"`
	ClientID       string    `json:"client_id"`
	OrganizationID string    `json:"organization_id"`
	Token          string    `json:"token"`
	IssuedAt       time.Time `json:"issued_at"`
	ExpiresAt      time.Time `json:"expires_at"`
}

const botTokenLifetime = 24 * time.Hour

// botTokenScopes are the documented scopes of a bot token.
const botTokenScopes = "chats--access:rw,agents-bot--my:rw,customers:rw"

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func issueBotToken(c *call, p *params) (any, *apiError) {
	if e := p.only("bot_id", "client_id", "bot_secret", "organization_id"); e != nil {
		return nil, e
	}
	var vals [4]string
	for i, k := range []string{"bot_id", "client_id", "bot_secret", "organization_id"} {
		v, _, e := p.str(k, true)
		if e != nil {
			return nil, e
		}
		vals[i] = v
	}
	botID, clientID, secret, org := vals[0], vals[1], vals[2], vals[3]
	if !uuidPattern.MatchString(org) {
		return nil, errValidation("`organization_id` must be a UUID")
	}
	// A bot created a moment ago may not have propagated yet, like any referenced object.
	if !c.st.bots.referencable(botID, c.now) {
		return nil, errBotNotFound(botID)
	}
	b := c.st.bots.get(botID)
	if b.OwnerClientID != clientID {
		return nil, errAuthorization("Client " + clientID + " does not own bot " + botID)
	}
	if !equalSecret(secret, b.Secret) {
		return nil, errAuthorization("`bot_secret` is not the secret of bot " + botID)
	}
	t := BotToken{BotID: botID, ClientID: clientID, OrganizationID: org, IssuedAt: c.now.UTC(),
		ExpiresAt: c.now.UTC().Add(botTokenLifetime)}
	t.Token = jwtLike(map[string]any{
		"sub": botID, "client_id": clientID, "organization_id": org, "scope": botTokenScopes,
		"iat": t.IssuedAt.Unix(), "exp": t.ExpiresAt.Unix(), "jti": randomHex(8),
	})
	c.st.botTokens = append(c.st.botTokens, t)
	return map[string]any{"token": t.Token}, nil
}

// jwtLike builds header.claims.signature; the signature is random: nothing verifies it.
func jwtLike(claims map[string]any) string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(map[string]string{"alg": "HS256", "typ": "JWT"}) + "." + enc(claims) + "." +
		base64.RawURLEncoding.EncodeToString([]byte(randomHex(16)))
}

// BotTokens returns the tokens issued for a bot ("" for every bot), oldest first.
func (s *Server) BotTokens(botID string) []BotToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []BotToken{}
	for _, t := range s.st.botTokens {
		if botID == "" || t.BotID == botID {
			out = append(out, t)
		}
	}
	return out
}
