package provider

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Sweepers delete what interrupted or failed acceptance runs left behind: every object whose
// name (e-mail, label, description, URL, client name) carries testPrefix, and nothing else.
// `go test ./internal/provider -sweep=<region|default>` (make sweep) runs them against the
// endpoint the environment names, as in remote mode; then livechat_swept checks, through the
// API, that nothing with the prefix is left.

// sweepKind finds and deletes the test objects of one kind.
type sweepKind struct {
	name string
	deps []string
	// api is the credential the kind needs: "license" or "partner".
	api string
	// list returns the test objects still there: what the verification finds too.
	list func(ctx context.Context) ([]sweepItem, error)
	del  func(ctx context.Context, it sweepItem) error
}

// sweepItem is one object to delete: id as the API names it, label for the log, and any
// detail its deletion needs.
type sweepItem struct {
	id, label, extra string
}

// Groups go last: agents, bots, tags, rules, canned responses and greetings refer to them.
var groupUsers = []string{"livechat_agent", "livechat_bot", "livechat_tag", "livechat_auto_access", "livechat_canned_response", "livechat_greeting"}

var sweepKinds = []sweepKind{
	{name: "livechat_bot_template", api: "license", list: sweepBotTemplates, del: func(ctx context.Context, it sweepItem) error {
		return acc.api.config.DeleteBotTemplate(ctx, it.extra, it.id, true)
	}},
	{name: "livechat_bot", deps: []string{"livechat_bot_template"}, api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		bots, err := acc.api.config.ListBots(ctx, true)
		return sweepItems(bots, err, func(b configuration.Bot) (string, string) { return b.ID, b.Name })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.config.DeleteBot(ctx, it.id) }},
	{name: "livechat_agent", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		agents, err := acc.api.config.ListAgents(ctx, nil)
		return sweepItems(agents, err, func(a configuration.Agent) (string, string) { return a.ID, a.ID })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.config.DeleteAgent(ctx, it.id) }},
	{name: "livechat_tag", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		tags, err := acc.api.config.ListTags(ctx, true)
		return sweepItems(tags, err, func(t configuration.Tag) (string, string) { return t.Name, t.Name })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.config.DeleteTag(ctx, it.id) }},
	{name: "livechat_auto_access", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		rules, err := acc.api.config.ListAutoAccesses(ctx, true)
		return sweepItems(rules, err, func(r configuration.AutoAccess) (string, string) { return r.ID, r.Description })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.config.DeleteAutoAccess(ctx, it.id) }},
	{name: "livechat_webhook", api: "license", list: sweepWebhooks, del: func(ctx context.Context, it sweepItem) error {
		return acc.api.config.UnregisterWebhook(ctx, it.extra, it.id)
	}},
	{name: "livechat_property", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		props, err := acc.api.config.ListProperties(ctx, testClientID, true)
		var out []sweepItem
		for name := range props {
			if hasTestPrefix(name) {
				out = append(out, sweepItem{id: name, label: name})
			}
		}
		return out, err
	}, del: func(ctx context.Context, it sweepItem) error {
		// Values go with the property; a published one cannot be unregistered (the tests never
		// publish in remote mode).
		return acc.api.config.UnregisterProperty(ctx, testClientID, it.id)
	}},
	{name: "livechat_canned_response", api: "license", list: sweepCannedResponses, del: func(ctx context.Context, it sweepItem) error {
		group, _ := strconv.ParseInt(it.extra, 10, 64)
		return acc.api.legacy.DeleteCannedResponse(ctx, intID(it.id), group)
	}},
	{name: "livechat_greeting", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		greetings, err := acc.api.legacy.ListGreetings(ctx, true)
		return sweepItems(greetings, err, func(g legacy.Greeting) (string, string) { return strconv.FormatInt(g.ID, 10), g.Name })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.legacy.DeleteGreeting(ctx, intID(it.id)) }},
	{name: "livechat_goal", api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		goals, err := acc.api.legacy.ListGoals(ctx, true)
		return sweepItems(goals, err, func(g legacy.Goal) (string, string) { return strconv.FormatInt(g.ID, 10), g.Name })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.legacy.DeleteGoal(ctx, intID(it.id)) }},
	{name: "livechat_group", deps: groupUsers, api: "license", list: func(ctx context.Context) ([]sweepItem, error) {
		groups, err := acc.api.config.ListGroups(ctx)
		return sweepItems(groups, err, func(g configuration.Group) (string, string) { return strconv.FormatInt(g.ID, 10), g.Name })
	}, del: func(ctx context.Context, it sweepItem) error { return acc.api.config.DeleteGroup(ctx, intID(it.id)) }},
	{name: "livechat_campaign", api: "partner", list: func(ctx context.Context) ([]sweepItem, error) {
		campaigns, err := acc.api.partner.ListCampaigns(ctx, true)
		var active []partner.Campaign
		for _, c := range campaigns {
			if c.Active {
				active = append(active, c)
			}
		}
		return sweepItems(active, err, func(c partner.Campaign) (string, string) { return strconv.FormatInt(c.ID, 10), c.Name })
	}, del: func(ctx context.Context, it sweepItem) error {
		return acc.api.partner.DisableCampaign(ctx, intID(it.id))
	}},
	{name: "livechat_partner_api_token", api: "partner", list: func(ctx context.Context) ([]sweepItem, error) {
		tokens, err := acc.api.partner.ListAPITokens(ctx, true)
		return sweepItems(tokens, err, func(t partner.APIToken) (string, string) { return strconv.FormatInt(t.ID, 10), t.Label })
	}, del: func(ctx context.Context, it sweepItem) error {
		return acc.api.partner.RevokeAPIToken(ctx, intID(it.id))
	}},
	{name: "livechat_solution_license", api: "partner", list: sweepLicenses, del: func(ctx context.Context, it sweepItem) error {
		// Organizations cannot be deleted; a paid license's subscription is closed and the
		// license expires at once.
		if acc.partnerPassword == "" {
			return errors.New("LIVECHAT_TEST_PARTNER_PASSWORD is needed to close the subscription of " + it.label)
		}
		err := acc.api.partner.CloseSubscription(ctx, it.extra, it.id, acc.partnerPassword, true)
		if client.IsAlreadyExists(err) {
			// 409: no open subscription (closed without expiring): nothing to close, and the
			// license cannot be deleted or expired another way. It costs nothing; verifySwept
			// does not count it.
			log.Printf("[INFO] %s: no open subscription to close; licenses cannot be deleted", it.label)
			settledLicenses.Store(it.id, true)
			return nil
		}
		return err
	}},
}

// sweepItems keeps the objects whose label carries the prefix.
func sweepItems[T any](objs []T, err error, idLabel func(T) (string, string)) ([]sweepItem, error) {
	var out []sweepItem
	for _, o := range objs {
		if id, label := idLabel(o); hasTestPrefix(label) {
			out = append(out, sweepItem{id: id, label: label})
		}
	}
	return out, err
}

// sweepOwners are the Client Ids the tests register templates and webhooks for in remote mode.
func sweepOwners() []string {
	owners := []string{testClientID}
	if o := os.Getenv("LIVECHAT_TEST_OTHER_CLIENT_ID"); o != "" {
		owners = append(owners, o)
	}
	return owners
}

func sweepBotTemplates(ctx context.Context) ([]sweepItem, error) {
	var out []sweepItem
	for _, owner := range sweepOwners() {
		templates, err := acc.api.config.ListBotTemplates(ctx, owner, time.Now())
		if err != nil {
			return nil, err
		}
		for _, t := range templates {
			if hasTestPrefix(t.Name) {
				out = append(out, sweepItem{id: t.ID, label: t.Name, extra: owner})
			}
		}
	}
	return out, nil
}

// sweepWebhooks finds the webhooks whose URL path or description starts with the prefix.
func sweepWebhooks(ctx context.Context) ([]sweepItem, error) {
	var out []sweepItem
	for _, owner := range sweepOwners() {
		hooks, err := acc.api.config.ListWebhooks(ctx, owner, true)
		if err != nil {
			return nil, err
		}
		for _, h := range hooks {
			u, _ := url.Parse(h.URL)
			if hasTestPrefix(h.Description) || (u != nil && hasTestPrefix(strings.TrimPrefix(u.Path, "/"))) {
				out = append(out, sweepItem{id: h.ID, label: h.URL, extra: owner})
			}
		}
	}
	return out, nil
}

// sweepCannedResponses looks in every group: the legacy API lists canned responses by group.
func sweepCannedResponses(ctx context.Context) ([]sweepItem, error) {
	groups, err := acc.api.config.ListGroups(ctx)
	if err != nil {
		return nil, err
	}
	var out []sweepItem
	for _, g := range groups {
		responses, err := acc.api.legacy.ListCannedResponses(ctx, g.ID, true)
		if err != nil {
			return nil, err
		}
		for _, r := range responses {
			if hasTestPrefix(r.Text) {
				out = append(out, sweepItem{id: strconv.FormatInt(r.ID, 10), label: r.Text, extra: strconv.FormatInt(g.ID, 10)})
			}
		}
	}
	return out, nil
}

// sweepLicenses finds the paid licenses, not expired, whose client name carries the prefix.
// settledLicenses are the licenses the sweep found with no open subscription: nothing more can
// be done to them, so they do not count as left.
var settledLicenses sync.Map

// swept holds "<kind> <id>" of every object the sweepers deleted: a list that still shows one
// within the propagation delay needs no second delete.
var swept sync.Map

func loaded(m *sync.Map, key string) bool {
	_, ok := m.Load(key)
	return ok
}

func sweepLicenses(ctx context.Context) ([]sweepItem, error) {
	licenses, err := acc.api.partner.ListLicenses(ctx, partner.DateRange{})
	var out []sweepItem
	for _, l := range licenses {
		if hasTestPrefix(l.ClientName) && l.Paid && l.Status != "expired" {
			out = append(out, sweepItem{id: l.License, label: l.Product + "/" + l.License + " of " + l.ClientName, extra: l.Product})
		}
	}
	return out, err
}

var sweepSetUp = sync.OnceValue(setUpSweep)

// setUpSweep points the sweepers at the endpoint the environment names. A non-loopback endpoint
// (a real license) needs LIVECHAT_SWEEP_CONFIRM set to its host name.
func setUpSweep() error {
	if !remoteRequested() {
		return errors.New("sweepers run against the endpoint LIVECHAT_API_URL names (or the production API, given credentials); none is set")
	}
	if err := setUpRemote(); err != nil {
		return err
	}
	u, err := url.Parse(acc.url)
	if err != nil {
		return err
	}
	if !client.IsLoopbackHost(u.Hostname()) && os.Getenv("LIVECHAT_SWEEP_CONFIRM") != u.Hostname() {
		return fmt.Errorf("refusing to sweep %s: it is not a loopback address; set LIVECHAT_SWEEP_CONFIRM=%s to delete every object named %s... there", acc.url, u.Hostname(), testPrefix)
	}
	return nil
}

// sweepCredentials says why a kind cannot be swept: its API's credentials are not configured.
func sweepCredentials(api string) string {
	switch {
	case api == "partner" && os.Getenv("LIVECHAT_PARTNER_API_TOKEN") == "":
		return "no LIVECHAT_PARTNER_API_TOKEN"
	case api == "license" && os.Getenv("LIVECHAT_ACCESS_TOKEN") == "" && os.Getenv("LIVECHAT_PAT") == "":
		return "no LIVECHAT_ACCESS_TOKEN or LIVECHAT_PAT"
	}
	return ""
}

func (k sweepKind) sweep(region string) error {
	if err := sweepSetUp(); err != nil {
		return err
	}
	if region != "default" && region != "" {
		os.Setenv("LIVECHAT_REGION", region)
	}
	if why := sweepCredentials(k.api); why != "" {
		log.Printf("[INFO] %s not swept: %s", k.name, why)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	items, err := k.list(ctx)
	if err != nil {
		return fmt.Errorf("listing %s: %w", k.name, err)
	}
	var errs []error
	for _, it := range items {
		log.Printf("[INFO] sweeping %s %s (%s)", k.name, it.id, it.label)
		swept.Store(k.name+" "+it.id, true)
		if err := k.del(ctx, it); err != nil && !client.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("%s %s (%s): %w", k.name, it.id, it.label, err))
		}
	}
	return errors.Join(errs...)
}

// verifySwept lists every kind again, within the propagation bound: deletions show after up to
// the API's delay, and an object that shows only now (created by a request still in flight when
// a run was killed) is deleted then; a kind that still lists a test object at the end fails the
// sweep.
func verifySwept(string) error {
	if err := sweepSetUp(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), acc.propagation)
	defer cancel()
	var left []string
	lateDeleted := map[string]bool{}
	err := awaitConsistent(ctx, "nothing named "+testPrefix+"... left", func(ctx context.Context) (bool, error) {
		left = nil
		for _, k := range sweepKinds {
			if sweepCredentials(k.api) != "" {
				continue
			}
			items, err := k.list(ctx)
			if err != nil {
				return false, fmt.Errorf("listing %s: %w", k.name, err)
			}
			for _, it := range items {
				if _, settled := settledLicenses.Load(it.id); settled && k.name == "livechat_solution_license" {
					continue
				}
				left = append(left, k.name+" "+it.id+" ("+it.label+")")
				if key := k.name + " " + it.id; !lateDeleted[key] && !loaded(&swept, key) {
					lateDeleted[key] = true
					log.Printf("[INFO] sweeping %s %s (%s), which showed after the first sweep", k.name, it.id, it.label)
					if err := k.del(ctx, it); err != nil && !client.IsNotFound(err) {
						return false, fmt.Errorf("%s %s (%s): %w", k.name, it.id, it.label, err)
					}
				}
			}
		}
		return len(left) == 0, nil
	})
	if err != nil {
		return fmt.Errorf("left after the sweep: %s: %w", strings.Join(left, ", "), err)
	}
	log.Printf("[INFO] nothing named %s... is left at %s", testPrefix, acc.url)
	return nil
}

func init() {
	var all []string
	for _, k := range sweepKinds {
		resource.AddTestSweepers(k.name, &resource.Sweeper{Name: k.name, Dependencies: k.deps, F: k.sweep})
		all = append(all, k.name)
	}
	resource.AddTestSweepers("livechat_swept", &resource.Sweeper{Name: "livechat_swept", Dependencies: all, F: verifySwept})
}
