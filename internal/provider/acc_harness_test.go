package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// The acceptance tests run in one of two modes (CONTRIBUTING.md, "Running the suite against a
// real license"):
//   - local (the default): an in-process emulator on a random loopback port (acc_local_test.go,
//     the only test file that imports internal/emulator);
//   - remote: LIVECHAT_API_URL is set, or unset with credentials in the environment (the
//     production API). The tests use that endpoint and those credentials; every object they
//     create carries testPrefix, and every assertion goes through the provider's own client.
//
// Tests say what they do (deleteOutOfBand, changeOutOfBand, requireEmulator, preserveSingleton);
// this file and its siblings decide how in each mode, or skip with the reason.

// testPrefix starts the name (or e-mail, label, description, URL path) of every object a test
// creates; the sweepers delete exactly what carries it.
const testPrefix = "tf-acc-"

// testPrefixUnderscore is testPrefix where a name keeps to [a-z0-9_] (property names).
const testPrefixUnderscore = "tf_acc_"

// afterCreate checks a read-only value that no create answer carries, right after the create:
// null while writes return once acknowledged (the next refresh fills it), as set checks once the
// suite's propagation_window is 0s and writes wait until reads show them (suiteWindow).
func afterCreate(set knownvalue.Check) knownvalue.Check {
	if window, err := time.ParseDuration(os.Getenv("LIVECHAT_PROPAGATION_WINDOW")); err == nil && window <= 0 {
		return set
	}
	return knownvalue.Null()
}

// hasTestPrefix says whether s names an object the tests created.
func hasTestPrefix(s string) bool {
	return strings.HasPrefix(s, testPrefix) || strings.HasPrefix(s, testPrefixUnderscore)
}

// Provider settings in local mode: the credentials the in-process emulator accepts.
const (
	testAccessToken  = "dal:acceptance-test-access-token"
	testPartnerToken = "acceptance-test-partner-token"
)

// testClientID is the provider's default client id: a fixed one in local mode, LIVECHAT_CLIENT_ID
// in remote mode.
var testClientID = "acceptance-test-client-id"

// accTarget is what the acceptance tests run against.
type accTarget struct {
	remote bool
	url    string
	api    apiClients
	// admin is the in-process emulator's admin API; nil in remote mode.
	admin emulatorAdmin
	// ownerEmail is the license owner's agent id.
	ownerEmail string
	// callerEmail is the agent the credentials act for (created_by of canned responses): the
	// owner, or LIVECHAT_LOGIN_EMAIL in remote mode.
	callerEmail string
	// partnerID is the partner's id, e.g. in campaign URLs; "" without a Partner API token.
	partnerID string
	// partnerPassword closes subscriptions (Partner API); "" when not given in remote mode.
	partnerPassword string
	// organizationID is the license's organization, which bot tokens name; "" when not given in
	// remote mode.
	organizationID string
	// propagation bounds the harness's own waits: a deletion or a change made out of band
	// shows, a destroyed object disappears.
	propagation time.Duration
	// documented: the endpoint answers only what the reference's answer examples show
	// (LIVECHAT_TEST_ANSWERS=documented locally; in remote mode unless LIVECHAT_TEST_ANSWERS=full,
	// as the reference is all a real license promises).
	documented bool
	// rehostAvatar is the URL the local emulator answers for a configured avatar in documented
	// mode; nil in remote mode, where any https URL may come back.
	rehostAvatar func(string) string
}

var acc accTarget

// emulatorAdmin is what only the in-process emulator can do (acc_local_test.go): the tests that
// need it get it from emulatorOnly, and skip in remote mode.
type emulatorAdmin interface {
	// Reset gives the emulator a fresh license; LoadFixture adds objects to it.
	Reset()
	LoadFixture(data []byte) error
	// DeleteObject and PatchObject change an object out of band, visibly at once
	// (emulator.Server.PatchObject: patch holds state-dump fields).
	DeleteObject(kind, id string) error
	PatchObject(kind, id string, patch []byte) error
	// MoveAutoAccess puts auto access rule id right before rule next, visibly at once.
	MoveAutoAccess(id, next string) error
	// SetAgentStatus is an agent logging in or out of the app.
	SetAgentStatus(login, status string) error
	// Object is the emulator's record of an object as JSON (state-dump fields), with what no
	// API returns (secrets, a bot's type); false when there is none.
	Object(kind, id string) ([]byte, bool)
}

// apiClients is the provider's client, for assertions and out-of-band changes.
type apiClients struct {
	config  *configuration.Client
	partner *partner.Client
	legacy  *legacy.Client
}

var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"livechat": func() (tfprotov6.ProviderServer, error) { return Server("test")(), nil },
}

func TestMain(m *testing.M) {
	// -sweep runs the sweepers (sweeper_test.go) instead of the tests.
	resource.TestMain(harness{m})
}

// harness runs the tests once the target is set up; resource.TestMain calls Run.
type harness struct{ m *testing.M }

func (h harness) Run() int {
	cleanup, err := setUpTarget()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acceptance tests:", err)
		return 2
	}
	defer cleanup()
	return h.m.Run()
}

// remoteRequested says whether the environment names an endpoint or carries credentials.
func remoteRequested() bool {
	for _, v := range []string{"LIVECHAT_API_URL", "LIVECHAT_ACCESS_TOKEN", "LIVECHAT_PAT", "LIVECHAT_PARTNER_API_TOKEN"} {
		if os.Getenv(v) != "" {
			return true
		}
	}
	return false
}

// setUpTarget prepares Terraform's environment and the target of the tests.
func setUpTarget() (func(), error) {
	// Terraform must not phone home, and these machines point TF_CLI_CONFIG_FILE at a file
	// that does not exist.
	os.Setenv("CHECKPOINT_DISABLE", "1")
	var cleanups []func()
	cleanup := func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	if _, err := os.Stat(os.Getenv("TF_CLI_CONFIG_FILE")); err != nil {
		dir, err := os.MkdirTemp("", "livechat-tfrc")
		if err != nil {
			return nil, err
		}
		cleanups = append(cleanups, func() { os.RemoveAll(dir) })
		rc := filepath.Join(dir, "terraformrc")
		if err := os.WriteFile(rc, nil, 0o600); err != nil {
			cleanup()
			return nil, err
		}
		os.Setenv("TF_CLI_CONFIG_FILE", rc)
	}
	answers := os.Getenv("LIVECHAT_TEST_ANSWERS")
	if answers != "" && answers != "full" && answers != "documented" {
		cleanup()
		return nil, fmt.Errorf("LIVECHAT_TEST_ANSWERS must be full or documented, not %q", answers)
	}
	var err error
	if remoteRequested() {
		acc.documented = answers != "full"
		err = setUpRemote()
	} else {
		var stop func()
		stop, err = startEmulator()
		if stop != nil {
			cleanups = append(cleanups, stop)
		}
	}
	if err != nil {
		cleanup()
		return nil, err
	}
	return cleanup, nil
}

// newAPIClients builds the provider's client from the LIVECHAT_* environment, as the provider
// itself reads it, without the read cache (assertions want fresh answers).
func newAPIClients() (apiClients, error) {
	core, err := client.New(client.Config{
		APIURL:              os.Getenv("LIVECHAT_API_URL"),
		AccessToken:         os.Getenv("LIVECHAT_ACCESS_TOKEN"),
		PersonalAccessToken: os.Getenv("LIVECHAT_PAT"),
		AccountID:           os.Getenv("LIVECHAT_ACCOUNT_ID"),
		LoginEmail:          os.Getenv("LIVECHAT_LOGIN_EMAIL"),
		PartnerToken:        os.Getenv("LIVECHAT_PARTNER_API_TOKEN"),
		Region:              os.Getenv("LIVECHAT_REGION"),
		MaxRetries:          defaultMaxRetries,
		UserAgent:           "terraform-provider-livechat-acceptance-tests",
	})
	if err != nil {
		return apiClients{}, err
	}
	return apiClients{config: configuration.New(core), partner: partner.New(core), legacy: legacy.New(core)}, nil
}

// setUpRemote reads the endpoint and credentials from the environment and what the tests need
// to know about the license and the partner.
func setUpRemote() error {
	acc.remote = true
	acc.url = os.Getenv("LIVECHAT_API_URL")
	if acc.url == "" {
		acc.url = client.DefaultAPIURL
	}
	testClientID = os.Getenv("LIVECHAT_CLIENT_ID")
	if testClientID == "" {
		return errors.New("remote mode needs LIVECHAT_CLIENT_ID: bots, bot templates, webhooks and properties belong to that Client Id")
	}
	acc.partnerPassword = os.Getenv("LIVECHAT_TEST_PARTNER_PASSWORD")
	acc.organizationID = os.Getenv("LIVECHAT_TEST_ORGANIZATION_ID")
	acc.propagation = 3 * time.Minute
	if os.Getenv("LIVECHAT_PROPAGATION_WINDOW") == "" {
		// The checks and imports read the API right after each apply: writes wait until
		// reads show them (suiteWindow).
		os.Setenv("LIVECHAT_PROPAGATION_WINDOW", "0s")
	}
	if v := os.Getenv("LIVECHAT_TEST_PROPAGATION_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("LIVECHAT_TEST_PROPAGATION_TIMEOUT: %w", err)
		}
		acc.propagation = d
	}
	var err error
	if acc.api, err = newAPIClients(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if acc.ownerEmail, err = licenseOwner(ctx); err != nil {
		return fmt.Errorf("finding the license owner: %w", err)
	}
	acc.callerEmail = cmp.Or(os.Getenv("LIVECHAT_LOGIN_EMAIL"), acc.ownerEmail)
	if os.Getenv("LIVECHAT_PARTNER_API_TOKEN") != "" {
		p, err := acc.api.partner.GetProfile(ctx)
		if err != nil {
			return fmt.Errorf("reading the partner profile: %w", err)
		}
		acc.partnerID = p.PartnerID
	}
	u, _ := url.Parse(acc.url)
	fmt.Fprintf(os.Stderr, "acceptance tests in remote mode against %s (loopback: %v): objects named %s..., owner %s\n",
		acc.url, u != nil && client.IsLoopbackHost(u.Hostname()), testPrefix, acc.ownerEmail)
	return nil
}

// licenseOwner is the id of the agent whose role is owner.
func licenseOwner(ctx context.Context) (string, error) {
	agents, err := acc.api.config.ListAgents(ctx, nil)
	if err != nil {
		return "", err
	}
	for _, a := range agents {
		if a.Role == "owner" {
			return a.ID, nil
		}
	}
	return "", errors.New("list_agents shows no agent with the owner role")
}

// randomName gives each test its own objects: testPrefix, the label, a random suffix.
func randomName(label string) string {
	return testPrefix + strings.TrimPrefix(label, "tf-") + "-" + acctest.RandString(8)
}

// randomEmail is an agent id for a test: randomName at example.com (a domain that receives no
// mail, so the invitations a real license sends go nowhere).
func randomEmail(label string) string {
	return randomName(label) + "@example.com"
}

// testOwner is the owner Client Id of the bot templates, webhooks and properties a test
// registers: its own random one in local mode (tests stay apart), the configured Client Id in
// remote mode (the API accepts only Client Ids of the caller's organization). Tests that count
// a Client Id's objects (its limits) run alone: resource.Test, not ParallelTest.
func testOwner(label string) string {
	if acc.remote {
		return testClientID
	}
	return randomName(label)
}

// apiContext is a context for one assertion or out-of-band call, bounded by the propagation wait.
func apiContext(t *testing.T) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), acc.propagation+time.Minute)
}

// eventually polls check until it passes, within the propagation bound: what an apply did not
// wait for (a template's change reaching its bots) may show only after the delay.
func eventually(check func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), acc.propagation)
	defer cancel()
	var last error
	err := awaitConsistent(ctx, "the check", func(ctx context.Context) (bool, error) {
		last = check(ctx)
		return last == nil, nil
	})
	if err != nil && last != nil {
		return last
	}
	return err
}

// emulatorOnly skips the test in remote mode, before it creates anything: why says what the
// test needs that only the emulator's admin API gives (a fixture, a fresh license, a fault).
func emulatorOnly(t *testing.T, why string) emulatorAdmin {
	t.Helper()
	if acc.remote {
		t.Skipf("remote mode: %s (the emulator's admin API)", why)
	}
	return acc.admin
}

// skipInRemote skips one step in remote mode: for a TestStep's SkipFunc.
func skipInRemote(t *testing.T, why string) func() (bool, error) {
	return func() (bool, error) {
		if acc.remote {
			t.Logf("step skipped in remote mode: %s", why)
		}
		return acc.remote, nil
	}
}

// emulatorCheck checks what only the emulator can show (a secret no API returns): a no-op in
// remote mode, where the rest of the step's checks still run.
func emulatorCheck(t *testing.T, why string, check func(emulatorAdmin) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if acc.remote {
			t.Logf("check skipped in remote mode: %s", why)
			return nil
		}
		return check(acc.admin)
	}
}

// fromAPI calls get through the provider's client and fails the test on an error.
func fromAPI[T any](t *testing.T, get func(context.Context) (T, error)) T {
	t.Helper()
	ctx, cancel := apiContext(t)
	defer cancel()
	v, err := get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// needOrganizationID is the license's organization id, or skips the test when remote mode was
// not given one.
func needOrganizationID(t *testing.T) string {
	t.Helper()
	if acc.organizationID == "" {
		t.Skip("remote mode: set LIVECHAT_TEST_ORGANIZATION_ID (the license's organization) to issue bot tokens")
	}
	return acc.organizationID
}

// secretIssuesTokens checks that issue_bot_token accepts (want) or refuses secret for the bot,
// which ownerClientID owns (issue_bot_token takes the owner's client_id): the one way to check a
// secret no read returns.
func secretIssuesTokens(t *testing.T, botID, ownerClientID, secret string, want bool) error {
	if acc.organizationID == "" {
		t.Log("bot secret not checked: LIVECHAT_TEST_ORGANIZATION_ID is not set")
		return nil
	}
	ctx, cancel := apiContext(t)
	defer cancel()
	var err error
	if want {
		// A bot or secret written a moment ago may not have propagated yet.
		err = awaitConsistent(ctx, "a bot token for "+botID, func(ctx context.Context) (bool, error) {
			_, err := acc.api.config.IssueBotToken(ctx, configuration.BotTokenRequest{
				BotID: botID, ClientID: ownerClientID, BotSecret: secret, OrganizationID: acc.organizationID})
			return err == nil, nil
		})
	} else if _, err = acc.api.config.IssueBotToken(ctx, configuration.BotTokenRequest{
		BotID: botID, ClientID: ownerClientID, BotSecret: secret, OrganizationID: acc.organizationID}); err == nil {
		return fmt.Errorf("bot %s still takes its previous secret", botID)
	} else if client.ErrorType(err) == client.ErrTypeAuthorization {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("bot %s and the state's secret: %w", botID, err)
	}
	return nil
}

// documentedAnswers reports whether the endpoint answers only what the reference's answers show:
// steps that need more (a drift of a key no answer shows) are skipped there.
func documentedAnswers() bool { return acc.documented }

// notReadBack lists attributes an import cannot read back as configured from an endpoint that
// answers only what the reference shows (keys its answers do not show, avatars it re-hosts,
// collections it answers in another order), so ImportStateVerify skips them there.
func notReadBack(attrs ...string) []string {
	if !documentedAnswers() {
		return nil
	}
	return attrs
}

// shownAvatar checks the avatar URL a read answers for a configured one: the same; the local
// emulator's re-hosted URL in documented mode; any https URL from a real license, which may
// re-host it too.
func shownAvatar(configured string) knownvalue.Check {
	switch {
	case configured == "" || !documentedAnswers():
		return knownvalue.StringExact(configured)
	case acc.rehostAvatar != nil:
		return knownvalue.StringExact(acc.rehostAvatar(configured))
	}
	return knownvalue.StringRegexp(regexp.MustCompile(`^https://\S+$`))
}

// emulatorObject decodes the emulator's record of an object (emulatorAdmin.Object) into into.
func emulatorObject(e emulatorAdmin, kind, id string, into any) error {
	b, ok := e.Object(kind, id)
	if !ok {
		return fmt.Errorf("no %s %s in the emulator", kind, id)
	}
	return json.Unmarshal(b, into)
}

// testProps names a test's properties: the owner namespace is testOwner's, and in remote mode,
// where tests share the configured Client Id's namespace, every name starts with the test's own
// prefix (tf_acc_...: property names keep to letters, digits and underscores).
type testProps struct{ owner, prefix string }

func newTestProps(label string) testProps {
	if !acc.remote {
		return testProps{owner: randomName(label)}
	}
	return testProps{owner: testClientID, prefix: strings.ReplaceAll(randomName(label), "-", "_") + "_"}
}

// name is the test's property n.
func (p testProps) name(n string) string { return p.prefix + n }

// id is the import id of property n (<owner_client_id>/<name>).
func (p testProps) id(n string) string { return p.owner + "/" + p.name(n) }

// filter is a data source's name_prefix line that keeps a listing to this test's properties:
// empty in local mode, where the owner has no others.
func (p testProps) filter() string {
	if p.prefix == "" {
		return ""
	}
	return fmt.Sprintf("  name_prefix = %q\n", p.prefix)
}

// preserve reads a license-wide or partner-wide setting a test changes (a singleton: partner
// profile and billing, Expert profile, license webhooks state, a test property value) and puts
// it back when the test ends, so that a run against a real license leaves it as it found it.
// save reads the setting and returns how to restore it.
func preserve(t *testing.T, what string, save func(context.Context) (func(context.Context) error, error)) {
	t.Helper()
	restore := fromAPI(t, save)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), acc.propagation)
		defer cancel()
		if err := restore(ctx); err != nil {
			t.Errorf("restoring %s: %v", what, err)
		}
	})
}

// needPartnerSolutions skips, in remote mode, the tests that create solution organizations (the
// Partner API cannot delete them) and licenses with subscriptions (billed, and closed with the
// Partner Program password) unless LIVECHAT_TEST_PARTNER_SOLUTIONS=1 and, for subscriptions,
// LIVECHAT_TEST_PARTNER_PASSWORD say so.
func needPartnerSolutions(t *testing.T, subscriptions bool) {
	t.Helper()
	if !acc.remote {
		return
	}
	if os.Getenv("LIVECHAT_TEST_PARTNER_SOLUTIONS") != "1" {
		t.Skip("remote mode: solution organizations cannot be deleted and subscriptions are billed; set LIVECHAT_TEST_PARTNER_SOLUTIONS=1 to run this test")
	}
	if subscriptions && acc.partnerPassword == "" {
		t.Skip("remote mode: set LIVECHAT_TEST_PARTNER_PASSWORD (the Partner Program password) to close the subscriptions this test opens")
	}
}

// exclusiveOwner is an owner Client Id that has nothing but what the test registers, for tests
// that check a whole listing of its objects: a random one in local mode; in remote mode the tests
// share the configured Client Id, which may have objects of its own, so the test is skipped.
func exclusiveOwner(t *testing.T, label string) string {
	t.Helper()
	if acc.remote {
		t.Skip("remote mode: the test checks everything its owner Client Id has, and LIVECHAT_CLIENT_ID is shared")
	}
	return randomName(label)
}

// generalGroupName is the name of group 0 ("General" on a new license).
func generalGroupName(t *testing.T) string {
	t.Helper()
	return fromAPI(t, func(ctx context.Context) (*configuration.Group, error) { return acc.api.config.GetGroup(ctx, 0) }).Name
}
