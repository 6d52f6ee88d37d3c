package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Avatars of bots and bot templates. The API may keep an avatar under another URL than the one
// it was sent (the reference's List Agents example answers "cdn.livechatinc.com/avatars/1.png"),
// so an avatar is never waited on or compared by equality. The state keeps the configured URL;
// the URL the API answered after the provider's own write is kept in private state, and a later
// answer that differs from it is a change made outside Terraform.

// avatarAnsweredKey is the private-state key of the avatar URL answered after the last write.
const avatarAnsweredKey = "avatar_answered"

type privateReader interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// answeredAvatar is the URL the API answered after the provider's last avatar write; ok is
// false when none is recorded (an import, or a state from before the record).
func answeredAvatar(ctx context.Context, p privateReader) (string, bool) {
	raw, _ := p.GetKey(ctx, avatarAnsweredKey)
	var url string
	if len(raw) == 0 || json.Unmarshal(raw, &url) != nil {
		return "", false
	}
	return url, true
}

// rememberAvatar records the URL the API answered after a write.
func rememberAvatar(ctx context.Context, p privateWriter, answered string, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(answered)
	diags.Append(p.SetKey(ctx, avatarAnsweredKey, raw)...)
}

// avatarBefore is the URL the API answered before a write: the recorded one, else the state's.
func avatarBefore(ctx context.Context, p privateReader, state types.String) string {
	if url, ok := answeredAvatar(ctx, p); ok {
		return url
	}
	return state.ValueString()
}

// avatarShows reports whether an answer shows an avatar a write sent (planned unknown: the write
// did not change it): set or not as sent, and exactly the URL sent or no longer the one answered
// before the write.
func avatarShows(planned types.String, answered, before string) bool {
	if !known(planned) {
		return true
	}
	want := planned.ValueString()
	if (want == "") != (answered == "") {
		return false
	}
	return want == answered || answered != before
}

// avatarFromAnswer is the avatar for the state after a refresh: the state's (configured) URL
// while the API answers it or what it answered after the provider's write, the answer otherwise.
func avatarFromAnswer(ctx context.Context, p privateReader, state types.String, answered string) types.String {
	if url, ok := answeredAvatar(ctx, p); known(state) && ((ok && url == answered) || state.ValueString() == answered) {
		return state
	}
	return types.StringValue(answered)
}
