package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// apiKind is how the public API, through the provider's client, finds, deletes and changes one
// kind of object: every lookup the tests make, and the out-of-band changes of remote mode. Ids
// are the resources' import ids where an object is known only with its owner or product
// (<owner_client_id>/<id>, <product>/<license_id>, <group_id>/<namespace>/<name>).
type apiKind struct {
	// get returns the object as the API shows it, keyed like a changeOutOfBand patch; an error
	// client.IsNotFound when the API says there is none.
	get func(ctx context.Context, id string) (any, error)
	// live says whether a found object still counts: a disabled campaign or an expired license
	// stays listed. nil: every object found.
	live func(obj any) bool
	// del and change make an out-of-band deletion or change (patch: a JSON object of the fields
	// get shows). nil when the API cannot; noDel and noChange say why.
	del             func(ctx context.Context, id string) error
	change          func(ctx context.Context, id string, patch []byte) error
	noDel, noChange string
}

// apiKinds are the kinds of deleteOutOfBand, changeOutOfBand and the existence checks.
var apiKinds = map[string]apiKind{
	"agent": {
		get: func(ctx context.Context, id string) (any, error) { return acc.api.config.GetAgent(ctx, id) },
		del: func(ctx context.Context, id string) error { return acc.api.config.DeleteAgent(ctx, id) },
		change: func(ctx context.Context, id string, patch []byte) error {
			u := configuration.AgentUpdate{ID: id}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateAgent(ctx, id, u) })
		},
	},
	"group": {
		get: func(ctx context.Context, id string) (any, error) { return acc.api.config.GetGroup(ctx, intID(id)) },
		del: func(ctx context.Context, id string) error { return acc.api.config.DeleteGroup(ctx, intID(id)) },
		change: func(ctx context.Context, id string, patch []byte) error {
			u := configuration.GroupUpdate{ID: intID(id)}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateGroup(ctx, u) })
		},
	},
	"tag": {
		get: func(ctx context.Context, name string) (any, error) { return acc.api.config.GetTag(ctx, name, true) },
		del: func(ctx context.Context, name string) error { return acc.api.config.DeleteTag(ctx, name) },
		change: func(ctx context.Context, name string, patch []byte) error {
			var u struct {
				GroupIDs []int64 `json:"group_ids"`
			}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateTag(ctx, name, u.GroupIDs) })
		},
	},
	"bot": {
		get: func(ctx context.Context, id string) (any, error) { return acc.api.config.GetBot(ctx, id) },
		del: func(ctx context.Context, id string) error { return acc.api.config.DeleteBot(ctx, id) },
		change: func(ctx context.Context, id string, patch []byte) error {
			u := configuration.BotUpdate{ID: id}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateBot(ctx, u) })
		},
	},
	"bot_template": {
		get: func(ctx context.Context, id string) (any, error) {
			owner, tid := ownerAndID(id)
			return acc.api.config.GetBotTemplate(ctx, owner, tid, time.Now())
		},
		del: func(ctx context.Context, id string) error {
			owner, tid := ownerAndID(id)
			return acc.api.config.DeleteBotTemplate(ctx, owner, tid, false)
		},
		change: func(ctx context.Context, id string, patch []byte) error {
			owner, tid := ownerAndID(id)
			u := configuration.BotTemplateUpdate{ID: tid, OwnerClientID: owner}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateBotTemplate(ctx, u) })
		},
	},
	"property": {
		get: func(ctx context.Context, id string) (any, error) {
			owner, name := ownerAndID(id)
			return acc.api.config.GetProperty(ctx, owner, name, true)
		},
		del: func(ctx context.Context, id string) error {
			owner, name := ownerAndID(id)
			return acc.api.config.UnregisterProperty(ctx, owner, name)
		},
		noChange: "the API has no update_property: a property changes only by registering it again",
	},
	"license_property": {
		get: func(ctx context.Context, id string) (any, error) {
			ns, name := ownerAndID(id)
			values, err := acc.api.config.LicenseProperties(ctx, ns, true)
			return propertyValue(values, ns, name, "list_license_properties", err)
		},
		del: func(ctx context.Context, id string) error {
			ns, name := ownerAndID(id)
			return acc.api.config.DeleteLicenseProperties(ctx, map[string][]string{ns: {name}})
		},
		change: func(ctx context.Context, id string, patch []byte) error {
			ns, name := ownerAndID(id)
			var u valueView
			return decodeThen(patch, &u, func() error {
				return acc.api.config.UpdateLicenseProperties(ctx, configuration.PropertyValues{ns: {name: u.Value}})
			})
		},
	},
	"group_property": {
		get: func(ctx context.Context, id string) (any, error) {
			group, ns, name := splitGroupPropertyID(id)
			values, err := acc.api.config.GroupProperties(ctx, group, true)
			return propertyValue(values, ns, name, "list_groups_properties", err)
		},
		del: func(ctx context.Context, id string) error {
			group, ns, name := splitGroupPropertyID(id)
			return acc.api.config.DeleteGroupProperties(ctx, group, map[string][]string{ns: {name}})
		},
		change: func(ctx context.Context, id string, patch []byte) error {
			group, ns, name := splitGroupPropertyID(id)
			var u valueView
			return decodeThen(patch, &u, func() error {
				return acc.api.config.UpdateGroupProperties(ctx, group, configuration.PropertyValues{ns: {name: u.Value}})
			})
		},
	},
	"auto_access": {
		get: func(ctx context.Context, id string) (any, error) { return acc.api.config.GetAutoAccess(ctx, id, true) },
		del: func(ctx context.Context, id string) error { return acc.api.config.DeleteAutoAccess(ctx, id) },
		change: func(ctx context.Context, id string, patch []byte) error {
			u := configuration.AutoAccessUpdate{ID: id}
			return decodeThen(patch, &u, func() error { return acc.api.config.UpdateAutoAccess(ctx, u) })
		},
	},
	"webhook": {
		get: func(ctx context.Context, id string) (any, error) {
			owner, wid := ownerAndID(id)
			return acc.api.config.GetWebhook(ctx, owner, wid, true)
		},
		del: func(ctx context.Context, id string) error {
			owner, wid := ownerAndID(id)
			return acc.api.config.UnregisterWebhook(ctx, owner, wid)
		},
		noChange: "the API has no update for webhooks: a different one is registered under a new id",
	},
	"license_webhooks_state": {
		get: func(ctx context.Context, owner string) (any, error) {
			enabled, err := acc.api.config.GetLicenseWebhooksState(ctx, owner)
			return map[string]bool{"license_webhooks_enabled": enabled}, err
		},
		change: func(ctx context.Context, owner string, patch []byte) error {
			var u struct {
				Enabled bool `json:"license_webhooks_enabled"`
			}
			return decodeThen(patch, &u, func() error { return acc.api.config.SetLicenseWebhooks(ctx, owner, u.Enabled) })
		},
		noDel: "the API can enable or disable a Client Id's license webhooks, not forget their state",
	},
	"canned_response": {
		get: func(ctx context.Context, id string) (any, error) {
			return acc.api.legacy.GetCannedResponse(ctx, intID(id))
		},
		del: func(ctx context.Context, id string) error {
			c, err := acc.api.legacy.GetCannedResponse(ctx, intID(id))
			if err != nil {
				return err
			}
			return acc.api.legacy.DeleteCannedResponse(ctx, c.ID, c.Group)
		},
		change: func(ctx context.Context, id string, patch []byte) error {
			c, err := acc.api.legacy.GetCannedResponse(ctx, intID(id))
			if err != nil {
				return err
			}
			var u legacy.CannedResponseUpdate
			return decodeThen(patch, &u, func() error {
				_, err := acc.api.legacy.UpdateCannedResponse(ctx, c.ID, c.Group, u)
				return err
			})
		},
	},
	"goal": {
		get: func(ctx context.Context, id string) (any, error) {
			g, err := acc.api.legacy.GetGoal(ctx, intID(id))
			if err != nil {
				return nil, err
			}
			// active as a patch writes it: the API's answer has 0 or 1.
			return map[string]any{"name": g.Name, "value": g.Value, "active": bool(g.Active)}, nil
		},
		del: func(ctx context.Context, id string) error { return acc.api.legacy.DeleteGoal(ctx, intID(id)) },
		change: func(ctx context.Context, id string, patch []byte) error {
			// Update Goal takes the whole goal: the patch is merged into what the API has.
			g, err := acc.api.legacy.GetGoal(ctx, intID(id))
			if err != nil {
				return err
			}
			return mergeThen(g, patch, func() error {
				_, err := acc.api.legacy.UpdateGoal(ctx, g.ID, legacy.GoalWrite(*g))
				return err
			})
		},
	},
	"greeting": {
		get: func(ctx context.Context, id string) (any, error) {
			g, err := acc.api.legacy.GetGreeting(ctx, intID(id))
			if err != nil {
				return nil, err
			}
			return map[string]any{"name": g.Name, "active": g.Active, "message_text": g.Message()}, nil
		},
		del: func(ctx context.Context, id string) error {
			return acc.api.legacy.DeleteGreeting(ctx, intID(id))
		},
		change: func(ctx context.Context, id string, patch []byte) error {
			var u struct {
				MessageText string `json:"message_text"`
			}
			return decodeThen(patch, &u, func() error {
				_, err := acc.api.legacy.UpdateGreeting(ctx, intID(id), legacy.GreetingUpdate{
					Properties: map[string]string{legacy.GreetingMessageKey: u.MessageText},
				})
				return err
			})
		},
	},
	"campaign": {
		get: func(ctx context.Context, id string) (any, error) {
			return acc.api.partner.GetCampaign(ctx, intID(id), true)
		},
		live: func(obj any) bool { return obj.(*partner.Campaign).Active },
		del: func(ctx context.Context, id string) error {
			return acc.api.partner.DisableCampaign(ctx, intID(id))
		},
		noChange: "the Partner API has no update for campaigns",
	},
	"partner_api_token": {
		get: func(ctx context.Context, id string) (any, error) {
			return acc.api.partner.GetAPIToken(ctx, intID(id), true)
		},
		del: func(ctx context.Context, id string) error {
			return acc.api.partner.RevokeAPIToken(ctx, intID(id))
		},
		noChange: "the Partner API has no update for API tokens",
	},
	"solution_organization": {
		get:      func(ctx context.Context, id string) (any, error) { return acc.api.partner.GetOrganization(ctx, id) },
		noDel:    "the Partner API cannot delete organizations",
		noChange: "the Partner API has no update for organizations",
	},
	"solution_license": {
		get: func(ctx context.Context, id string) (any, error) {
			product, lic := ownerAndID(id)
			return acc.api.partner.GetLicense(ctx, product, lic)
		},
		live:  func(obj any) bool { return obj.(*partner.LicenseDetails).Status != "expired" },
		noDel: "the Partner API cannot delete licenses",
		change: func(ctx context.Context, id string, patch []byte) error {
			product, lic := ownerAndID(id)
			l, err := acc.api.partner.GetLicense(ctx, product, lic)
			if err != nil {
				return err
			}
			return mergeThen(l, patch, func() error {
				return acc.api.partner.UpdateLicense(ctx, product, lic, l.ClientName, l.PurchaseOrder)
			})
		},
	},
	"expert_profile": {
		get:   func(ctx context.Context, _ string) (any, error) { return acc.api.partner.GetExpertProfile(ctx) },
		noDel: "the Partner API cannot delete the Expert profile",
		change: func(ctx context.Context, _ string, patch []byte) error {
			e, err := acc.api.partner.GetExpertProfile(ctx)
			if err != nil {
				return err
			}
			return mergeThen(e, patch, func() error { return acc.api.partner.UpdateExpertProfile(ctx, *e) })
		},
	},
	"partner_profile": {
		get:   func(ctx context.Context, _ string) (any, error) { return acc.api.partner.GetProfile(ctx) },
		noDel: "the partner profile cannot be deleted",
		change: func(ctx context.Context, _ string, patch []byte) error {
			p, err := acc.api.partner.GetProfile(ctx)
			if err != nil {
				return err
			}
			return mergeThen(p, patch, func() error {
				return acc.api.partner.UpdateProfile(ctx, partner.ProfileUpdate{
					FirstName: p.FirstName, LastName: p.LastName, ContactName: p.ContactName, ContactEmail: p.ContactEmail,
				})
			})
		},
	},
	"partner_billing": {
		get:   func(ctx context.Context, _ string) (any, error) { return acc.api.partner.GetBilling(ctx) },
		noDel: "the partner billing cannot be deleted",
		change: func(ctx context.Context, _ string, patch []byte) error {
			b, err := acc.api.partner.GetBilling(ctx)
			if err != nil {
				return err
			}
			return mergeThen(b, patch, func() error { return acc.api.partner.UpdateBilling(ctx, *b) })
		},
	},
}

// valueView is a property value as get shows it and a patch sets it.
type valueView struct {
	Value json.RawMessage `json:"value"`
}

// propertyValue picks namespace/name from a list of values; absent is not found.
func propertyValue(values configuration.PropertyValues, ns, name, op string, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	v, ok := values.Get(ns, name)
	if !ok {
		return nil, &client.APIError{API: client.Configuration, Status: 404, Type: client.ErrTypeNotFound,
			Message: "no value of " + ns + "/" + name, Operation: op}
	}
	return valueView{Value: v}, nil
}

// decodeThen reads patch into a request (every field the patch names must exist in it), then
// sends it.
func decodeThen(patch []byte, into any, send func() error) error {
	dec := json.NewDecoder(bytes.NewReader(patch))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("patch %s: %w", patch, err)
	}
	return send()
}

// mergeThen merges patch into obj, an object the API returned, for updates that replace the
// whole object; then sends it.
func mergeThen(obj any, patch []byte, send func() error) error {
	if err := json.Unmarshal(patch, obj); err != nil {
		return fmt.Errorf("patch %s: %w", patch, err)
	}
	return send()
}

// shows says whether obj (from get) has every field of patch, compared as JSON values.
func shows(obj any, patch []byte) (bool, error) {
	var want, got map[string]json.RawMessage
	if err := json.Unmarshal(patch, &want); err != nil {
		return false, err
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(b, &got); err != nil {
		return false, err
	}
	for k, w := range want {
		if !sameJSON(w, got[k]) {
			return false, nil
		}
	}
	return true, nil
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return bytes.Equal(xb, yb)
}

func intID(id string) int64 {
	n, _ := strconv.ParseInt(id, 10, 64)
	return n
}

// ownerAndID splits <owner>/<id> (also <namespace>/<name>, <product>/<license_id>).
func ownerAndID(id string) (string, string) {
	owner, rest, _ := strings.Cut(id, "/")
	return owner, rest
}

// splitGroupPropertyID splits <group_id>/<namespace>/<name>.
func splitGroupPropertyID(id string) (int64, string, string) {
	g, rest, _ := strings.Cut(id, "/")
	ns, name, _ := strings.Cut(rest, "/")
	return intID(g), ns, name
}
