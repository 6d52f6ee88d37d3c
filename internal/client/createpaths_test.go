package client_test

// Every creating path of the three API packages, run against the emulator: what each creates, how
// to make a twin (an object with the same natural key, made by someone else before), and how many
// objects have that key. interrupt_test.go and twins_test.go run the table.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

const (
	testToken        = "dal:create-paths"
	testPartnerToken = "create-paths-partner"
	owner            = "app" // owner client id of bots, templates, webhooks, properties
)

// apis are the three typed clients on one core.
type apis struct {
	core *client.Client
	cfg  *configuration.Client
	leg  *legacy.Client
	par  *partner.Client
}

func newAPIs(t *testing.T, cfg client.Config) *apis {
	t.Helper()
	core, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &apis{core: core, cfg: configuration.New(core), leg: legacy.New(core), par: partner.New(core)}
}

// env is one emulator, a client that talks to it undisturbed (setup, twins, counts) and the
// client under test, whose first creating request goes through hook.
type env struct {
	run   *emulator.Running
	clean *apis
	hook  *clienttest.Hook
	test  *apis
	vars  map[string]string // what setup made (ids the create needs)
}

func newEnv(t *testing.T, opts emulator.Options, path createPath, mode string) *env {
	t.Helper()
	opts.AccessTokens, opts.PartnerTokens = []string{testToken}, []string{testPartnerToken}
	run, err := emulator.Start(opts, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	// Every wait of the client (batch window, backoff, recovery poll) ends at once on a moving
	// clock; the emulator has no propagation delay, so a short recovery window means fewer polls.
	base := client.Config{APIURL: run.URL, AccessToken: testToken, PartnerToken: testPartnerToken, MaxRetries: 3,
		MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, RequestTimeout: 10 * time.Second,
		RecoverWindow: 200 * time.Millisecond, Clock: clienttest.NewMovingClock()}
	e := &env{run: run, clean: newAPIs(t, base), vars: map[string]string{}}
	e.hook = &clienttest.Hook{Base: http.DefaultTransport.(*http.Transport).Clone(), Suffix: path.request, Mode: mode}
	under := base
	under.Coalesce = path.coalesce
	under.HTTPClient = &http.Client{Transport: e.hook}
	e.test = newAPIs(t, under)
	if path.setup != nil {
		path.setup(t, e)
	}
	return e
}

// createPath is one creating call of the API packages.
type createPath struct {
	name     string
	request  string // how the path of its creating request ends
	coalesce bool   // through the batch actions
	// enforced: the API refuses a second object with the natural key (already_exists).
	enforced bool
	setup    func(t *testing.T, e *env)
	// create runs the call on a and returns the new object's id.
	create func(ctx context.Context, a *apis, e *env) (string, error)
	// twin makes, undisturbed, an object with the create's natural key and returns its id.
	twin func(t *testing.T, e *env) string
	// count is the number of objects with the natural key.
	count func(t *testing.T, e *env) int
}

// must fails the test on an error and returns the value: must[T](t)(call()).
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func countOf[T any](t *testing.T, items []T, err error, match func(*T) bool) int {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range items {
		if match(&items[i]) {
			n++
		}
	}
	return n
}

func exists(t *testing.T, err error) int {
	t.Helper()
	if client.IsNotFound(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return 1
}

var (
	groupIn    = configuration.GroupCreate{Name: "Dup Group"}
	botIn      = configuration.BotCreate{Name: "Dup Bot", OwnerClientID: owner}
	templateIn = configuration.BotTemplateCreate{Name: "Dup Template", OwnerClientID: owner}
	webhookIn  = configuration.WebhookRegister{Action: "chat_deactivated", SecretKey: "k", URL: "https://hooks.example/h", OwnerClientID: owner, Type: "license"}
	ruleIn     = configuration.AutoAccessCreate{Description: "dup", Access: configuration.AutoAccessAccess{Groups: []int64{0}},
		Conditions: configuration.AutoAccessConditions{Domain: &configuration.MatchCondition{Values: []configuration.MatchObject{{Value: "dup.example"}}}}}
	propertyIn = configuration.PropertyRegistration{Name: "dup", OwnerClientID: owner, Type: "string",
		Access: configuration.PropertyAccess{"chat": {"agent": {"read"}}}}
	cannedIn   = legacy.CannedResponseCreate{Text: "Dup answer", Tags: []string{"dup"}}
	goalIn     = legacy.GoalWrite{Name: "Dup Goal", Type: "api", Active: true}
	greetingIn = legacy.GreetingCreate{Name: "Dup Greeting", Active: true, Rules: []legacy.GreetingRule{{Type: "visits_number", Value: "2"}}}
	campaignIn = partner.CampaignCreate{Product: "livechat", Name: "Dup Campaign", Link: "https://www.livechat.com/", TrialDuration: 14}
	orgIn      = partner.OrganizationCreate{OrganizationName: "Dup Org", ClientName: "John Doe", ClientEmail: "john@example.com", Identifier: "dup-org"}
	licenseIn  = partner.LicenseCreate{ClientName: "John Doe", ClientEmail: "john@example.com", PaymentOrigin: "partner", TrialDuration: 14}
	subIn      = partner.Subscription{Plan: "team", BillingCycle: "monthly", Seats: 2}
	expertIn   = partner.ExpertProfile{Company: "Dup Inc", Phone: "123456789", Description: "We build chat experiences.",
		ShortDescription: "Chat experts", Country: "US", Website: "https://dup.example", Categories: []string{"training"},
		IndustryIDs: []int64{19}, Projects: []string{}}
)

func groupCreate(ctx context.Context, a *apis, _ *env) (string, error) {
	id, err := a.cfg.CreateGroup(ctx, groupIn)
	return fmt.Sprint(id), err
}

func agentCreate(ctx context.Context, a *apis, _ *env) (string, error) {
	return "dup@example.com", a.cfg.CreateAgent(ctx, configuration.AgentCreate{ID: "dup@example.com", Name: "Dup Agent"})
}

func botCreate(ctx context.Context, a *apis, _ *env) (string, error) {
	cred, err := a.cfg.CreateBot(ctx, botIn)
	if err == nil && cred.Secret == "" {
		err = errors.New("no secret")
	}
	return cred.ID, err
}

// withOrg makes an organization; withLicense a livechat license in it.
func withOrg(t *testing.T, e *env) {
	e.vars["org"] = must[string](t)(e.clean.par.CreateOrganization(t.Context(), partner.OrganizationCreate{
		OrganizationName: "Org", ClientName: "John Doe", ClientEmail: "john@example.com"}))
}

func withLicense(t *testing.T, e *env) {
	withOrg(t, e)
	e.vars["license"] = must[string](t)(e.clean.par.CreateLicense(t.Context(), e.vars["org"], "livechat", licenseIn))
}

var createPaths = []createPath{
	{name: "group", request: "/create_group",
		create: groupCreate,
		twin: func(t *testing.T, e *env) string {
			return fmt.Sprint(must[int64](t)(e.clean.cfg.CreateGroup(t.Context(), groupIn)))
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.cfg.ListGroups(t.Context())
			return countOf(t, l, err, func(g *configuration.Group) bool { return g.Name == groupIn.Name })
		}},
	{name: "tag", request: "/create_tag", enforced: true,
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			return "vip", a.cfg.CreateTag(ctx, "vip", nil)
		},
		// The API compares tag names without letter case on create.
		twin: func(t *testing.T, e *env) string {
			return did(t, "VIP", e.clean.cfg.CreateTag(t.Context(), "VIP", nil))
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.cfg.ListTags(t.Context(), true)
			return countOf(t, l, err, func(g *configuration.Tag) bool { return strings.EqualFold(g.Name, "vip") })
		}},
	{name: "agent", request: "/create_agent", enforced: true, create: agentCreate, twin: agentTwin, count: agentCount},
	{name: "agent, batched", request: "/batch_create_agents", coalesce: true, enforced: true, create: agentCreate, twin: agentTwin, count: agentCount},
	{name: "bot", request: "/create_bot", create: botCreate, twin: botTwin, count: botCount},
	{name: "bot, batched", request: "/batch_create_bots", coalesce: true, create: botCreate, twin: botTwin, count: botCount},
	{name: "bot template", request: "/create_bot_template",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			cred, err := a.cfg.CreateBotTemplate(ctx, templateIn)
			return cred.ID, err
		},
		twin: func(t *testing.T, e *env) string {
			return must[configuration.Credentials](t)(e.clean.cfg.CreateBotTemplate(t.Context(), templateIn)).ID
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.cfg.ListBotTemplates(t.Context(), owner, time.Now())
			return countOf(t, l, err, func(b *configuration.BotTemplate) bool { return b.Name == templateIn.Name })
		}},
	{name: "property", request: "/register_property", enforced: true,
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			return propertyIn.Name, a.cfg.RegisterProperty(ctx, propertyIn)
		},
		twin: func(t *testing.T, e *env) string {
			return did(t, propertyIn.Name, e.clean.cfg.RegisterProperty(t.Context(), propertyIn))
		},
		count: func(t *testing.T, e *env) int {
			_, err := e.clean.cfg.GetProperty(t.Context(), owner, propertyIn.Name, true)
			return exists(t, err)
		}},
	{name: "auto access", request: "/add_auto_access",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) { return a.cfg.AddAutoAccess(ctx, ruleIn) },
		twin: func(t *testing.T, e *env) string {
			return must[string](t)(e.clean.cfg.AddAutoAccess(t.Context(), ruleIn))
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.cfg.ListAutoAccesses(t.Context(), true)
			return countOf(t, l, err, func(r *configuration.AutoAccess) bool { return r.SameContent(&ruleIn) })
		}},
	{name: "webhook", request: "/register_webhook",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			return a.cfg.RegisterWebhook(ctx, webhookIn)
		},
		twin: func(t *testing.T, e *env) string {
			return must[string](t)(e.clean.cfg.RegisterWebhook(t.Context(), webhookIn))
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.cfg.ListWebhooks(t.Context(), owner, true)
			return countOf(t, l, err, func(w *configuration.Webhook) bool { return w.Matches(&webhookIn) })
		}},
	{name: "canned response", request: "/canned_responses",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			cr, err := a.leg.CreateCannedResponse(ctx, cannedIn)
			return idOf(cr, err, func(cr *legacy.CannedResponse) int64 { return cr.ID })
		},
		twin: func(t *testing.T, e *env) string {
			return fmt.Sprint(must[*legacy.CannedResponse](t)(e.clean.leg.CreateCannedResponse(t.Context(), cannedIn)).ID)
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.leg.ListCannedResponses(t.Context(), 0, true)
			return countOf(t, l, err, func(cr *legacy.CannedResponse) bool { return cr.Text == cannedIn.Text })
		}},
	{name: "goal", request: "/goals",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			g, err := a.leg.CreateGoal(ctx, goalIn)
			return idOf(g, err, func(g *legacy.Goal) int64 { return g.ID })
		},
		twin: func(t *testing.T, e *env) string {
			return fmt.Sprint(must[*legacy.Goal](t)(e.clean.leg.CreateGoal(t.Context(), goalIn)).ID)
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.leg.ListGoals(t.Context(), true)
			return countOf(t, l, err, func(g *legacy.Goal) bool { return g.Name == goalIn.Name })
		}},
	{name: "greeting", request: "/greetings",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			g, err := a.leg.CreateGreeting(ctx, greetingIn)
			return idOf(g, err, func(g *legacy.Greeting) int64 { return g.ID })
		},
		twin: func(t *testing.T, e *env) string {
			return fmt.Sprint(must[*legacy.Greeting](t)(e.clean.leg.CreateGreeting(t.Context(), greetingIn)).ID)
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.leg.ListGreetings(t.Context(), true)
			return countOf(t, l, err, func(g *legacy.Greeting) bool { return g.Name == greetingIn.Name })
		}},
	{name: "campaign", request: "/affiliates/campaigns", enforced: true,
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			c, err := a.par.CreateCampaign(ctx, campaignIn)
			if err != nil {
				return "", err
			}
			return c.Slug, nil
		},
		twin: func(t *testing.T, e *env) string {
			return must[*partner.CampaignCreated](t)(e.clean.par.CreateCampaign(t.Context(), campaignIn)).Slug
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.par.ListCampaigns(t.Context(), true)
			return countOf(t, l, err, func(c *partner.Campaign) bool { return c.Active && c.Slug == partner.CampaignSlug(campaignIn.Name) })
		}},
	{name: "organization (with an identifier)", request: "/solutions/organizations", enforced: true,
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			return a.par.CreateOrganization(ctx, orgIn)
		},
		twin: func(t *testing.T, e *env) string {
			return must[string](t)(e.clean.par.CreateOrganization(t.Context(), orgIn))
		},
		// Organizations cannot be listed: the emulator's state counts them.
		count: func(t *testing.T, e *env) int {
			n := 0
			for _, o := range stateOf(t, e.run).Partner.Organizations {
				if o.Identifier == orgIn.Identifier {
					n++
				}
			}
			return n
		}},
	{name: "solution license", request: "/licenses", enforced: true, setup: withOrg,
		create: func(ctx context.Context, a *apis, e *env) (string, error) {
			return a.par.CreateLicense(ctx, e.vars["org"], "livechat", licenseIn)
		},
		twin: func(t *testing.T, e *env) string {
			return must[string](t)(e.clean.par.CreateLicense(t.Context(), e.vars["org"], "livechat", licenseIn))
		},
		count: func(t *testing.T, e *env) int {
			org, err := e.clean.par.GetOrganizationLicenses(t.Context(), e.vars["org"])
			if err != nil {
				t.Fatal(err)
			}
			return len(org.Licenses)
		}},
	{name: "subscription", request: "/subscription", enforced: true, setup: withLicense,
		create: func(ctx context.Context, a *apis, e *env) (string, error) {
			return e.vars["license"], a.par.CreateSubscription(ctx, "livechat", e.vars["license"], "tok", subIn)
		},
		twin: func(t *testing.T, e *env) string {
			return did(t, e.vars["license"], e.clean.par.CreateSubscription(t.Context(), "livechat", e.vars["license"], "tok", subIn))
		},
		count: func(t *testing.T, e *env) int { // each subscription bought is invoiced
			for _, l := range stateOf(t, e.run).Partner.SolutionLicenses {
				if l.ID == e.vars["license"] {
					return len(l.Invoices)
				}
			}
			return 0
		}},
	{name: "Partner API token", request: "/v2/partners/tokens",
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			tok, err := a.par.CreateAPIToken(ctx, "dup")
			return idOf(tok, err, func(tok *partner.APIToken) int64 { return tok.ID })
		},
		twin: func(t *testing.T, e *env) string {
			return fmt.Sprint(must[*partner.APIToken](t)(e.clean.par.CreateAPIToken(t.Context(), "dup")).ID)
		},
		count: func(t *testing.T, e *env) int {
			l, err := e.clean.par.ListAPITokens(t.Context(), true)
			return countOf(t, l, err, func(tok *partner.APIToken) bool { return tok.Label == "dup" })
		}},
	{name: "Expert profile", request: "/experts/profile", enforced: true,
		create: func(ctx context.Context, a *apis, _ *env) (string, error) {
			return "self", a.par.CreateExpertProfile(ctx, expertIn)
		},
		twin: func(t *testing.T, e *env) string {
			return did(t, "self", e.clean.par.CreateExpertProfile(t.Context(), expertIn))
		},
		count: func(t *testing.T, e *env) int {
			_, err := e.clean.par.GetExpertProfile(t.Context())
			return exists(t, err)
		}},
}

// did is id once err is checked.
func did(t *testing.T, id string, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// stateOf is the emulator's authoritative state.
func stateOf(t *testing.T, run *emulator.Running) emulator.State {
	t.Helper()
	b, err := run.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	var st emulator.State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	return st
}

func idOf[T any](v *T, err error, id func(*T) int64) (string, error) {
	if err != nil {
		return "", err
	}
	return fmt.Sprint(id(v)), nil
}

func agentTwin(t *testing.T, e *env) string {
	if err := e.clean.cfg.CreateAgent(t.Context(), configuration.AgentCreate{ID: "dup@example.com", Name: "Someone Else"}); err != nil {
		t.Fatal(err)
	}
	return "dup@example.com"
}

func agentCount(t *testing.T, e *env) int {
	_, err := e.clean.cfg.GetAgent(t.Context(), "dup@example.com")
	return exists(t, err)
}

func botTwin(t *testing.T, e *env) string {
	return must[configuration.Credentials](t)(e.clean.cfg.CreateBot(t.Context(), botIn)).ID
}

func botCount(t *testing.T, e *env) int {
	l, err := e.clean.cfg.ListBots(t.Context(), true)
	return countOf(t, l, err, func(b *configuration.Bot) bool { return b.Name == botIn.Name })
}
