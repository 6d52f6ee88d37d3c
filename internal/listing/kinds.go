package listing

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

// Kind is one listable resource type. Adding a type is adding one entry to kinds.
type Kind struct {
	Type string
	API  client.API
	// ClientScoped types are listed per Filter.ClientIDs.
	ClientScoped bool
	// List returns the objects with ID, Hint, Default and Note set.
	List func(ctx context.Context, s *Session) ([]Object, error)
	// Caveat is what configuration generated for this type's objects may lack ("" when nothing).
	Caveat string
}

// Unavailable says why the kind cannot be listed with these clients and filter ("" if it can).
func (k Kind) Unavailable(c *Clients, f Filter) string {
	var missing *client.MissingCredentialsError
	if err := c.Core.RequireCredentials(k.API); errors.As(err, &missing) {
		reason := "no credentials for the " + missing.API.String()
		if c.CredentialHint != nil {
			reason += ": " + c.CredentialHint(k.API)
		}
		return reason
	}
	if k.ClientScoped && len(f.ClientIDs) == 0 {
		return "the API lists these per client ID: pass -client-id (or set LIVECHAT_CLIENT_ID)"
	}
	return ""
}

// Notes on objects whose generated configuration needs a hand (import block comments, list
// resource documentation).
const (
	noteWebhookSecret = "The API never returns secret_key: generated configuration fails validation until you set " +
		"secret_key_wo (+ secret_key_wo_version) or secret_key to the webhook's current secret; the first apply records it without re-registering."
	noteBotSecret = "The bot secret is returned only at creation: it stays unknown (null) in the state; " +
		"set secret_version to reset it when you need one."
	noteBotTemplateFields = "max_chats_count, default_group_priority and job_title cannot be read back from the API: " +
		"set them to the template's current values; left out, the first apply writes the defaults (max_chats_count 6, job_title empty)."
	noteLicenseNoOrg = "organization_id is not readable from the API: set it in the generated configuration " +
		"(or pass the organization to livechat-export with -organizations)."
	noteLicenseSecrets = "close_subscription_password, subscription.token_wo and coupon_id cannot be read back, and operators are not " +
		"imported (the API returns no roles): add them as needed; see the resource documentation."
	noteOrganization = "identifier is not returned by the API: add it to the configuration if the organization has one."
	notePartnerProf  = "The send_* opt-ins are not returned by Get Profile: set them in the configuration to manage them."
)

var kinds = []Kind{
	// Configuration API v3.6
	{Type: "livechat_group", API: client.Configuration, List: listGroups},
	{Type: "livechat_agent", API: client.Configuration, List: listAgents},
	{Type: "livechat_bot", API: client.Configuration, List: listBots, Caveat: noteBotSecret},
	{Type: "livechat_bot_template", API: client.Configuration, ClientScoped: true, List: listBotTemplates, Caveat: noteBotTemplateFields},
	{Type: "livechat_tag", API: client.Configuration, List: listTags},
	{Type: "livechat_property", API: client.Configuration, ClientScoped: true, List: listProperties},
	{Type: "livechat_license_property", API: client.Configuration, List: listLicenseProperties},
	{Type: "livechat_group_property", API: client.Configuration, List: listGroupProperties},
	{Type: "livechat_auto_access", API: client.Configuration, List: listAutoAccesses},
	{Type: "livechat_auto_access_order", API: client.Configuration, List: listAutoAccessOrder},
	{Type: "livechat_webhook", API: client.Configuration, ClientScoped: true, List: listWebhooks, Caveat: noteWebhookSecret},
	{Type: "livechat_license_webhooks_state", API: client.Configuration, ClientScoped: true, List: listLicenseWebhooksStates},
	// REST API v2 (legacy)
	{Type: "livechat_canned_response", API: client.Legacy, List: listCannedResponses},
	{Type: "livechat_goal", API: client.Legacy, List: listGoals},
	{Type: "livechat_greeting", API: client.Legacy, List: listGreetings},
	// Partner API v2
	{Type: "livechat_partner_profile", API: client.Partner, List: listPartnerProfile, Caveat: notePartnerProf},
	{Type: "livechat_partner_billing", API: client.Partner, List: listPartnerBilling},
	{Type: "livechat_partner_api_token", API: client.Partner, List: listPartnerAPITokens},
	{Type: "livechat_campaign", API: client.Partner, List: listCampaigns},
	{Type: "livechat_solution_organization", API: client.Partner, List: listSolutionOrganizations, Caveat: noteOrganization},
	{Type: "livechat_solution_license", API: client.Partner, List: listSolutionLicenses, Caveat: noteLicenseNoOrg + " " + noteLicenseSecrets},
	{Type: "livechat_expert_profile", API: client.Partner, List: listExpertProfile},
}

// --- Configuration API v3.6 --------------------------------------------------------------------

func listGroups(ctx context.Context, s *Session) ([]Object, error) {
	gs, err := s.groups(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(gs))
	for _, g := range gs {
		out = append(out, Object{ID: strconv.FormatInt(g.ID, 10), Hint: g.Name, Default: g.ID == 0})
	}
	return out, nil
}

func listAgents(ctx context.Context, s *Session) ([]Object, error) {
	var f *configuration.AgentFilters
	if len(s.GroupIDs) > 0 || s.Suspended != nil {
		f = &configuration.AgentFilters{GroupIDs: s.GroupIDs, Suspended: s.Suspended}
	}
	as, err := s.Config.ListAgents(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(as))
	for _, a := range as {
		out = append(out, Object{ID: a.ID, Hint: a.ID, Default: a.Role == "owner"})
	}
	return out, nil
}

// templateIDs are the bot templates of the client IDs: bots created from a template (with
// affect_existing_installations) carry the template's ID and are managed through the template.
func (s *Session) templateIDs(ctx context.Context) (map[string]bool, error) {
	return memoized(s, "template_ids", func() (map[string]bool, error) {
		ids := map[string]bool{}
		for _, owner := range s.ClientIDs {
			ts, err := s.Config.ListBotTemplates(ctx, owner, time.Now())
			if err != nil {
				return nil, fmt.Errorf("bot templates of client %s: %w", owner, err)
			}
			for _, t := range ts {
				ids[t.ID] = true
			}
		}
		return ids, nil
	})
}

func listBots(ctx context.Context, s *Session) ([]Object, error) {
	bots, err := s.Config.ListBots(ctx, true)
	if err != nil {
		return nil, err
	}
	templates, err := s.templateIDs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Object
	for _, b := range bots {
		if templates[b.ID] {
			s.note("livechat_bot %s (%s) skipped: it is the bot of bot template %s, managed by livechat_bot_template", b.ID, b.Name, b.ID)
			continue
		}
		out = append(out, Object{ID: b.ID, Hint: b.Name, Note: noteBotSecret})
	}
	return out, nil
}

func listBotTemplates(ctx context.Context, s *Session) ([]Object, error) {
	var out []Object
	for _, owner := range s.ClientIDs {
		ts, err := s.Config.ListBotTemplates(ctx, owner, time.Now())
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		for _, t := range ts {
			out = append(out, Object{ID: owner + "/" + t.ID, Hint: t.Name, Note: noteBotTemplateFields})
		}
	}
	return out, nil
}

func listTags(ctx context.Context, s *Session) ([]Object, error) {
	var tags []configuration.Tag
	var err error
	if len(s.GroupIDs) > 0 {
		tags, err = s.Config.ListTagsOfGroups(ctx, s.GroupIDs)
	} else {
		tags, err = s.Config.ListTags(ctx, true)
	}
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(tags))
	for _, t := range tags {
		// A default tag someone changed (or deleted and created again) is theirs to manage.
		out = append(out, Object{ID: t.Name, Hint: t.Name, Default: t.IsDefault()})
	}
	return out, nil
}

// properties are the property definitions of the client IDs, keyed namespace/name.
func (s *Session) properties(ctx context.Context) (map[string]configuration.Property, error) {
	return memoized(s, "properties", func() (map[string]configuration.Property, error) {
		all := map[string]configuration.Property{}
		for _, owner := range s.ClientIDs {
			ps, err := s.Config.ListProperties(ctx, owner, true)
			if err != nil {
				return nil, fmt.Errorf("properties of client %s: %w", owner, err)
			}
			for name, p := range ps {
				all[owner+"/"+name] = p
			}
		}
		return all, nil
	})
}

func listProperties(ctx context.Context, s *Session) ([]Object, error) {
	ps, err := s.properties(ctx)
	if err != nil {
		return nil, err
	}
	var out []Object
	for key := range ps {
		_, name, _ := strings.Cut(key, "/")
		out = append(out, Object{ID: key, Hint: name})
	}
	return out, nil
}

// isDefaultValue reports whether a listed value is the property's default: the API lists
// defaults like values ("for properties without an explicit value assignment, the method will
// return the default values"). Only the client IDs' own properties can be looked up.
func (s *Session) isDefaultValue(ctx context.Context, namespace, name string, value json.RawMessage) bool {
	if !slices.Contains(s.ClientIDs, namespace) {
		return false
	}
	ps, err := s.properties(ctx)
	if err != nil {
		return false
	}
	p, ok := ps[namespace+"/"+name]
	return ok && len(p.DefaultValue) > 0 && sameJSON(p.DefaultValue, value)
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return false
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// propertyHint names a value after the property, with the namespace when it is not one of the
// client IDs (e.g. test_string_property).
func (s *Session) propertyHint(namespace, name string) string {
	if slices.Contains(s.ClientIDs, namespace) {
		return name
	}
	return namespace + "_" + name
}

func listLicenseProperties(ctx context.Context, s *Session) ([]Object, error) {
	values, err := s.Config.QueryLicenseProperties(ctx, s.Namespace, "")
	if err != nil {
		return nil, err
	}
	var out []Object
	for ns, props := range values {
		for name, v := range props {
			out = append(out, Object{ID: ns + "/" + name, Hint: s.propertyHint(ns, name), Default: s.isDefaultValue(ctx, ns, name, v)})
		}
	}
	return out, nil
}

func listGroupProperties(ctx context.Context, s *Session) ([]Object, error) {
	groups, err := s.Config.QueryGroupsProperties(ctx, s.GroupIDs, s.Namespace, "")
	if err != nil {
		return nil, err
	}
	var out []Object
	for _, g := range groups {
		gname := s.groupName(ctx, g.ID)
		for ns, props := range g.Properties {
			for name, v := range props {
				out = append(out, Object{
					ID:      fmt.Sprintf("%d/%s/%s", g.ID, ns, name),
					Hint:    gname + "_" + s.propertyHint(ns, name),
					Label:   gname + ": " + ns + "/" + name,
					Default: s.isDefaultValue(ctx, ns, name, v),
				})
			}
		}
	}
	return out, nil
}

func (s *Session) autoAccesses(ctx context.Context) ([]configuration.AutoAccess, error) {
	return memoized(s, "auto_accesses", func() ([]configuration.AutoAccess, error) {
		return s.Config.ListAutoAccesses(ctx, true)
	})
}

func listAutoAccesses(ctx context.Context, s *Session) ([]Object, error) {
	rules, err := s.autoAccesses(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(rules))
	for i, r := range rules {
		hint := r.Description
		if strings.TrimSpace(hint) == "" {
			hint = fmt.Sprintf("rule_%d", i+1)
		}
		out = append(out, Object{ID: r.ID, Hint: hint})
	}
	return out, nil
}

// listAutoAccessOrder exports the order of the rules as one livechat_auto_access_order that lists
// every rule ("*"), when there are at least two rules to order.
func listAutoAccessOrder(ctx context.Context, s *Session) ([]Object, error) {
	rules, err := s.autoAccesses(ctx)
	if err != nil || len(rules) < 2 {
		return nil, err
	}
	return []Object{{ID: "*", Hint: "this", Label: fmt.Sprintf("the order of %d rules", len(rules))}}, nil
}

func listWebhooks(ctx context.Context, s *Session) ([]Object, error) {
	var out []Object
	for _, owner := range s.ClientIDs {
		hooks, err := s.Config.ListWebhooks(ctx, owner, true)
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		for _, h := range hooks {
			hint := h.Description
			if strings.TrimSpace(hint) == "" {
				hint = h.Action
			}
			out = append(out, Object{ID: owner + "/" + h.ID, Hint: hint, Note: noteWebhookSecret})
		}
	}
	return out, nil
}

func listLicenseWebhooksStates(ctx context.Context, s *Session) ([]Object, error) {
	var out []Object
	for _, owner := range s.ClientIDs {
		enabled, err := s.Config.GetLicenseWebhooksState(ctx, owner)
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		// Enabled is what installing the application gives: a default.
		out = append(out, Object{ID: owner, Hint: owner, Default: enabled, Label: fmt.Sprintf("webhooks of %s (enabled: %t)", owner, enabled)})
	}
	return out, nil
}

// --- REST API v2 (legacy) ----------------------------------------------------------------------

// listCannedResponses lists group by group: the list method answers one group at a time.
func listCannedResponses(ctx context.Context, s *Session) ([]Object, error) {
	groups, err := s.groupIDs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Object
	for _, g := range groups {
		crs, err := s.Legacy.ListCannedResponses(ctx, g, true)
		if err != nil {
			return nil, fmt.Errorf("group %d: %w", g, err)
		}
		for _, cr := range crs {
			hint := ""
			if len(cr.Tags) > 0 {
				tags := slices.Clone(cr.Tags)
				sort.Strings(tags)
				hint = tags[0]
			}
			out = append(out, Object{ID: strconv.FormatInt(cr.ID, 10), Hint: hint})
		}
	}
	return out, nil
}

func listGoals(ctx context.Context, s *Session) ([]Object, error) {
	goals, err := s.Legacy.ListGoals(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(goals))
	for _, g := range goals {
		out = append(out, Object{ID: strconv.FormatInt(g.ID, 10), Hint: g.Name})
	}
	return out, nil
}

func listGreetings(ctx context.Context, s *Session) ([]Object, error) {
	var gs []legacy.Greeting
	if len(s.GroupIDs) == 0 {
		var err error
		if gs, err = s.Legacy.ListGreetings(ctx, true); err != nil {
			return nil, err
		}
	}
	for _, group := range s.GroupIDs {
		in, err := s.Legacy.ListGroupGreetings(ctx, group)
		if err != nil {
			return nil, fmt.Errorf("group %d: %w", group, err)
		}
		gs = append(gs, in...)
	}
	out := make([]Object, 0, len(gs))
	for _, g := range gs {
		out = append(out, Object{ID: strconv.FormatInt(g.ID, 10), Hint: g.Name})
	}
	return out, nil
}
