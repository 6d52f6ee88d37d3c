package export

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
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// kind is one exportable resource type. Adding a type is adding one entry to kinds.
type kind struct {
	Type string
	API  client.API
	// ClientScoped types are listed per Options.ClientIDs.
	ClientScoped bool
	// List returns the objects with ID, hint (what the name is made of), isDefault and Note set.
	List func(ctx context.Context, s *session) ([]Import, error)
}

func (k kind) unavailable(c *Clients, o Options) string {
	var missing *client.MissingCredentialsError
	if err := c.Core.RequireCredentials(k.API); errors.As(err, &missing) {
		return "no credentials for the " + missing.API.String() + ": set " + credentialVariables(k.API)
	}
	if k.ClientScoped && len(o.ClientIDs) == 0 {
		return "the API lists these per client ID: pass -client-id (or set LIVECHAT_CLIENT_ID)"
	}
	return ""
}

// Notes written above import blocks whose generated configuration needs a hand.
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

var kinds = []kind{
	// Configuration API v3.6
	{Type: "livechat_group", API: client.Configuration, List: listGroups},
	{Type: "livechat_agent", API: client.Configuration, List: listAgents},
	{Type: "livechat_bot", API: client.Configuration, List: listBots},
	{Type: "livechat_bot_template", API: client.Configuration, ClientScoped: true, List: listBotTemplates},
	{Type: "livechat_tag", API: client.Configuration, List: listTags},
	{Type: "livechat_property", API: client.Configuration, ClientScoped: true, List: listProperties},
	{Type: "livechat_license_property", API: client.Configuration, List: listLicenseProperties},
	{Type: "livechat_group_property", API: client.Configuration, List: listGroupProperties},
	{Type: "livechat_auto_access", API: client.Configuration, List: listAutoAccesses},
	{Type: "livechat_auto_access_order", API: client.Configuration, List: listAutoAccessOrder},
	{Type: "livechat_webhook", API: client.Configuration, ClientScoped: true, List: listWebhooks},
	{Type: "livechat_license_webhooks_state", API: client.Configuration, ClientScoped: true, List: listLicenseWebhooksStates},
	// REST API v2 (legacy)
	{Type: "livechat_canned_response", API: client.Legacy, List: listCannedResponses},
	{Type: "livechat_goal", API: client.Legacy, List: listGoals},
	{Type: "livechat_greeting", API: client.Legacy, List: listGreetings},
	// Partner API v2
	{Type: "livechat_partner_profile", API: client.Partner, List: listPartnerProfile},
	{Type: "livechat_partner_billing", API: client.Partner, List: listPartnerBilling},
	{Type: "livechat_partner_api_token", API: client.Partner, List: listPartnerAPITokens},
	{Type: "livechat_campaign", API: client.Partner, List: listCampaigns},
	{Type: "livechat_solution_organization", API: client.Partner, List: listSolutionOrganizations},
	{Type: "livechat_solution_license", API: client.Partner, List: listSolutionLicenses},
	{Type: "livechat_expert_profile", API: client.Partner, List: listExpertProfile},
}

// --- Configuration API v3.6 --------------------------------------------------------------------

func listGroups(ctx context.Context, s *session) ([]Import, error) {
	gs, err := s.groups(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(gs))
	for _, g := range gs {
		out = append(out, Import{ID: strconv.FormatInt(g.ID, 10), hint: g.Name, isDefault: g.ID == 0})
	}
	return out, nil
}

func listAgents(ctx context.Context, s *session) ([]Import, error) {
	as, err := s.Config.ListAgents(ctx, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(as))
	for _, a := range as {
		out = append(out, Import{ID: a.ID, hint: a.ID, isDefault: a.Role == "owner"})
	}
	return out, nil
}

// templateIDs are the bot templates of the client IDs: bots created from a template (with
// affect_existing_installations) carry the template's ID and are managed through the template.
func (s *session) templateIDs(ctx context.Context) (map[string]bool, error) {
	return memoized(s, "template_ids", func() (map[string]bool, error) {
		ids := map[string]bool{}
		for _, owner := range s.opts.ClientIDs {
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

func listBots(ctx context.Context, s *session) ([]Import, error) {
	bots, err := s.Config.ListBots(ctx, true)
	if err != nil {
		return nil, err
	}
	templates, err := s.templateIDs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Import
	for _, b := range bots {
		if templates[b.ID] {
			s.note("livechat_bot %s (%s) skipped: it is the bot of bot template %s, managed by livechat_bot_template", b.ID, b.Name, b.ID)
			continue
		}
		out = append(out, Import{ID: b.ID, hint: b.Name, Note: noteBotSecret})
	}
	return out, nil
}

func listBotTemplates(ctx context.Context, s *session) ([]Import, error) {
	var out []Import
	for _, owner := range s.opts.ClientIDs {
		ts, err := s.Config.ListBotTemplates(ctx, owner, time.Now())
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		for _, t := range ts {
			out = append(out, Import{ID: owner + "/" + t.ID, hint: t.Name, Note: noteBotTemplateFields})
		}
	}
	return out, nil
}

func listTags(ctx context.Context, s *session) ([]Import, error) {
	tags, err := s.Config.ListTags(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(tags))
	for _, t := range tags {
		// A default tag someone changed (or deleted and created again) is theirs to manage.
		out = append(out, Import{ID: t.Name, hint: t.Name, isDefault: t.IsDefault()})
	}
	return out, nil
}

// properties are the property definitions of the client IDs, keyed namespace/name.
func (s *session) properties(ctx context.Context) (map[string]configuration.Property, error) {
	return memoized(s, "properties", func() (map[string]configuration.Property, error) {
		all := map[string]configuration.Property{}
		for _, owner := range s.opts.ClientIDs {
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

func listProperties(ctx context.Context, s *session) ([]Import, error) {
	ps, err := s.properties(ctx)
	if err != nil {
		return nil, err
	}
	var out []Import
	for key := range ps {
		_, name, _ := strings.Cut(key, "/")
		out = append(out, Import{ID: key, hint: name})
	}
	return out, nil
}

// isDefaultValue reports whether a listed value is the property's default: the API lists
// defaults like values ("for properties without an explicit value assignment, the method will
// return the default values"). Only the client IDs' own properties can be looked up.
func (s *session) isDefaultValue(ctx context.Context, namespace, name string, value json.RawMessage) bool {
	if !slices.Contains(s.opts.ClientIDs, namespace) {
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
func (s *session) propertyHint(namespace, name string) string {
	if slices.Contains(s.opts.ClientIDs, namespace) {
		return name
	}
	return namespace + "_" + name
}

func listLicenseProperties(ctx context.Context, s *session) ([]Import, error) {
	values, err := s.Config.QueryLicenseProperties(ctx, "", "")
	if err != nil {
		return nil, err
	}
	var out []Import
	for ns, props := range values {
		for name, v := range props {
			out = append(out, Import{ID: ns + "/" + name, hint: s.propertyHint(ns, name), isDefault: s.isDefaultValue(ctx, ns, name, v)})
		}
	}
	return out, nil
}

func listGroupProperties(ctx context.Context, s *session) ([]Import, error) {
	groups, err := s.Config.QueryGroupsProperties(ctx, nil, "", "")
	if err != nil {
		return nil, err
	}
	var out []Import
	for _, g := range groups {
		gname := s.groupName(ctx, g.ID)
		for ns, props := range g.Properties {
			for name, v := range props {
				out = append(out, Import{
					ID:        fmt.Sprintf("%d/%s/%s", g.ID, ns, name),
					hint:      gname + "_" + s.propertyHint(ns, name),
					isDefault: s.isDefaultValue(ctx, ns, name, v),
				})
			}
		}
	}
	return out, nil
}

func (s *session) autoAccesses(ctx context.Context) ([]configuration.AutoAccess, error) {
	return memoized(s, "auto_accesses", func() ([]configuration.AutoAccess, error) {
		return s.Config.ListAutoAccesses(ctx, true)
	})
}

func listAutoAccesses(ctx context.Context, s *session) ([]Import, error) {
	rules, err := s.autoAccesses(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(rules))
	for i, r := range rules {
		hint := r.Description
		if strings.TrimSpace(hint) == "" {
			hint = fmt.Sprintf("rule_%d", i+1)
		}
		out = append(out, Import{ID: r.ID, hint: hint})
	}
	return out, nil
}

// listAutoAccessOrder exports the order of the rules as one livechat_auto_access_order that lists
// every rule ("*"), when there are at least two rules to order.
func listAutoAccessOrder(ctx context.Context, s *session) ([]Import, error) {
	rules, err := s.autoAccesses(ctx)
	if err != nil || len(rules) < 2 {
		return nil, err
	}
	return []Import{{ID: "*", hint: "this"}}, nil
}

func listWebhooks(ctx context.Context, s *session) ([]Import, error) {
	var out []Import
	for _, owner := range s.opts.ClientIDs {
		hooks, err := s.Config.ListWebhooks(ctx, owner, true)
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		for _, h := range hooks {
			hint := h.Description
			if strings.TrimSpace(hint) == "" {
				hint = h.Action
			}
			out = append(out, Import{ID: owner + "/" + h.ID, hint: hint, Note: noteWebhookSecret})
		}
	}
	return out, nil
}

func listLicenseWebhooksStates(ctx context.Context, s *session) ([]Import, error) {
	var out []Import
	for _, owner := range s.opts.ClientIDs {
		enabled, err := s.Config.GetLicenseWebhooksState(ctx, owner)
		if err != nil {
			return nil, fmt.Errorf("client %s: %w", owner, err)
		}
		// Enabled is what installing the application gives: a default.
		out = append(out, Import{ID: owner, hint: owner, isDefault: enabled})
	}
	return out, nil
}

// --- REST API v2 (legacy) ----------------------------------------------------------------------

func listCannedResponses(ctx context.Context, s *session) ([]Import, error) {
	gs, err := s.groups(ctx)
	if err != nil {
		return nil, err
	}
	var out []Import
	for _, g := range gs {
		crs, err := s.Legacy.ListCannedResponses(ctx, g.ID, true)
		if err != nil {
			return nil, fmt.Errorf("group %d: %w", g.ID, err)
		}
		for _, cr := range crs {
			hint := ""
			if len(cr.Tags) > 0 {
				tags := slices.Clone(cr.Tags)
				sort.Strings(tags)
				hint = tags[0]
			}
			out = append(out, Import{ID: strconv.FormatInt(cr.ID, 10), hint: hint})
		}
	}
	return out, nil
}

func listGoals(ctx context.Context, s *session) ([]Import, error) {
	goals, err := s.Legacy.ListGoals(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(goals))
	for _, g := range goals {
		out = append(out, Import{ID: strconv.FormatInt(g.ID, 10), hint: g.Name})
	}
	return out, nil
}

func listGreetings(ctx context.Context, s *session) ([]Import, error) {
	gs, err := s.Legacy.ListGreetings(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(gs))
	for _, g := range gs {
		out = append(out, Import{ID: strconv.FormatInt(g.ID, 10), hint: g.Name})
	}
	return out, nil
}

// --- Partner API v2 ----------------------------------------------------------------------------

func listPartnerProfile(ctx context.Context, s *session) ([]Import, error) {
	p, err := s.Partner.GetProfile(ctx)
	if err != nil {
		return nil, err
	}
	// A profile nobody filled in has empty names, which the resource's required attributes refuse.
	untouched := p.FirstName == "" && p.LastName == "" && p.ContactName == "" && p.ContactEmail == ""
	return []Import{{ID: "partner_profile", hint: "this", isDefault: untouched, Note: notePartnerProf}}, nil
}

func listPartnerBilling(ctx context.Context, s *session) ([]Import, error) {
	b, err := s.Partner.GetBilling(ctx)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if b.Type == "" && b.Company == "" && b.PayPal == "" {
		s.note("livechat_partner_billing skipped: the partner has no billing information yet")
		return nil, nil
	}
	return []Import{{ID: "partner_billing", hint: "this"}}, nil
}

func listPartnerAPITokens(ctx context.Context, s *session) ([]Import, error) {
	tokens, err := s.Partner.ListAPITokens(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Import, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, Import{ID: strconv.FormatInt(t.ID, 10), hint: t.Label})
	}
	return out, nil
}

func listCampaigns(ctx context.Context, s *session) ([]Import, error) {
	cs, err := s.Partner.ListCampaigns(ctx, true)
	if err != nil {
		return nil, err
	}
	var out []Import
	for _, c := range cs {
		if !c.Active { // a disabled campaign cannot be managed (the resource would create it again)
			continue
		}
		out = append(out, Import{ID: strconv.FormatInt(c.ID, 10), hint: c.Name, isDefault: c.IsDefault})
	}
	return out, nil
}

func listSolutionOrganizations(ctx context.Context, s *session) ([]Import, error) {
	if len(s.opts.Organizations) == 0 {
		s.note("livechat_solution_organization skipped: the Partner API cannot list organizations; pass their IDs with -organizations")
		return nil, nil
	}
	var out []Import
	for _, id := range s.opts.Organizations {
		o, err := s.Partner.GetOrganization(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("organization %s: %w", id, err)
		}
		out = append(out, Import{ID: o.OrganizationID, hint: o.Name, Note: noteOrganization})
	}
	return out, nil
}

func listSolutionLicenses(ctx context.Context, s *session) ([]Import, error) {
	licenses, err := s.Partner.ListLicenses(ctx, partner.DateRange{})
	if err != nil {
		return nil, err
	}
	orgOf := map[string]string{} // product/license → organization
	orgName := map[string]string{}
	for _, id := range s.opts.Organizations {
		o, err := s.Partner.GetOrganizationLicenses(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("licenses of organization %s: %w", id, err)
		}
		orgName[id] = o.OrganizationName
		for _, l := range o.Licenses {
			orgOf[l.Product+"/"+l.ExternalLicenseID] = id
		}
	}
	out := make([]Import, 0, len(licenses))
	for _, l := range licenses {
		key := l.Product + "/" + l.License
		imp := Import{ID: key, hint: l.ClientName + "_" + l.Product, Note: noteLicenseSecrets}
		if org, ok := orgOf[key]; ok {
			imp.ID = org + "/" + key
			imp.hint = orgName[org] + "_" + l.Product
		} else {
			imp.Note = noteLicenseNoOrg + " " + noteLicenseSecrets
		}
		out = append(out, imp)
	}
	return out, nil
}

func listExpertProfile(ctx context.Context, s *session) ([]Import, error) {
	_, err := s.Partner.GetExpertProfile(ctx)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []Import{{ID: "expert_profile", hint: "this"}}, nil
}
