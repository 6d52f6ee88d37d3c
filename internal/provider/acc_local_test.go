//go:build !remote

package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// Local mode: the only test file that imports the emulator. Built with -tags remote (make
// testacc-remote), the test binary has no emulator in it at all (acc_remote_only_test.go).

// startEmulator serves the tests from an in-process emulator on a random loopback port and
// points the provider's environment at it. LIVECHAT_TEST_PROPAGATION_DELAY (e.g. 3s) runs the
// suite against an emulator that shows writes only after that delay.
func startEmulator() (func(), error) {
	var delay time.Duration
	if v := os.Getenv("LIVECHAT_TEST_PROPAGATION_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return nil, fmt.Errorf("LIVECHAT_TEST_PROPAGATION_DELAY: %w", err)
		}
		delay = d
	}
	acc.documented = os.Getenv("LIVECHAT_TEST_ANSWERS") == emulator.AnswersDocumented
	answers := ""
	if acc.documented {
		answers = emulator.AnswersDocumented
	}
	run, err := emulator.Start(emulator.Options{
		PropagationDelay: delay,
		AccessTokens:     []string{testAccessToken},
		PartnerTokens:    []string{testPartnerToken},
		Answers:          answers,
	}, "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}
	os.Setenv("LIVECHAT_API_URL", run.URL)
	os.Setenv("LIVECHAT_ACCESS_TOKEN", testAccessToken)
	os.Setenv("LIVECHAT_PARTNER_API_TOKEN", testPartnerToken)
	os.Setenv("LIVECHAT_CLIENT_ID", testClientID)
	for _, v := range []string{"LIVECHAT_PAT", "LIVECHAT_ACCOUNT_ID", "LIVECHAT_LOGIN_EMAIL", "LIVECHAT_REGION"} {
		os.Unsetenv(v)
	}
	os.Setenv("LIVECHAT_PROPAGATION_WINDOW", suiteWindow(delay))
	acc = accTarget{
		documented: acc.documented, rehostAvatar: emulator.RehostedAvatar,
		url: run.URL, admin: localEmulator{run},
		ownerEmail: "owner@example.com", callerEmail: "owner@example.com", partnerID: "emulator-partner", partnerPassword: emulator.DefaultPartnerPassword,
		// The emulator takes any UUID as a bot token's organization.
		organizationID: "1a8a9ec7-bd5d-4400-9204-3826740981e0",
		// A failing wait costs little more than the delay the run chose.
		propagation: delay + 15*time.Second,
	}
	if acc.api, err = newAPIClients(); err != nil {
		run.Close()
		return nil, err
	}
	return func() { run.Close() }, nil
}

// suiteWindow is the provider's propagation_window for a suite against an emulator with delay.
// Without a delay the window is as short as can be: writes return once acknowledged (the
// default's path) and every refresh takes what the API answers, so out-of-band changes made
// right after an apply show. With a delay the suite's checks and imports read the API right
// after each apply, as a tool would that sets 0s: writes wait until reads show them. The
// acknowledged writes under a delay have their own tests (acknowledged_test.go).
func suiteWindow(delay time.Duration) string {
	if delay > 0 {
		return "0s"
	}
	return "1ms"
}

// documentedEmulator starts an emulator of its own in documented-answers mode (with the suite's
// propagation delay) for a test that proves the provider needs no more than the reference
// promises, whatever LIVECHAT_TEST_ANSWERS says; it returns the emulator and the provider block
// that points at it. Remote mode skips the test.
func documentedEmulator(t *testing.T) (*emulator.Running, string) {
	t.Helper()
	emulatorOnly(t, "an emulator of the test's own in documented-answers mode")
	run, err := emulator.Start(emulator.Options{
		PropagationDelay: acc.admin.(localEmulator).Credentials().PropagationDelay,
		AccessTokens:     []string{testAccessToken},
		PartnerTokens:    []string{testPartnerToken},
		Answers:          emulator.AnswersDocumented,
	}, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("starting a documented-answers emulator: %v", err)
	}
	t.Cleanup(func() { _ = run.Close() })
	return run, fmt.Sprintf("provider \"livechat\" {\n  api_url = %q\n}\n", run.URL)
}

// localEmulator is the emulator's admin API for the tests that need it.
type localEmulator struct{ *emulator.Running }

func (e localEmulator) Object(kind, id string) ([]byte, bool) {
	var v any
	var ok bool
	switch kind {
	case "bot":
		v, ok = e.Bot(id)
	case "bot_template":
		v, ok = e.BotTemplate(id)
	case "bot_tokens":
		tokens := e.BotTokens(id)
		v, ok = tokens, len(tokens) > 0
	case "webhook":
		v, ok = e.Webhook(id)
	case "partner_profile":
		v, ok = e.PartnerProfile(), true
	case "solution_license":
		v, ok = e.SolutionLicense(id)
	default:
		panic("localEmulator.Object: no lookup for kind " + kind)
	}
	if !ok {
		return nil, false
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b, true
}
