package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// Credentials the test emulator accepts, and the provider's default client id.
const (
	testAccessToken  = "dal:acceptance-test-access-token"
	testPartnerToken = "acceptance-test-partner-token"
	testClientID     = "acceptance-test-client-id"
)

// testEmulator serves every acceptance test of the package on a random
// loopback port. LIVECHAT_TEST_PROPAGATION_DELAY (e.g. 3s) runs the suite
// against an emulator that shows writes only after that delay;
// LIVECHAT_TEST_ANSWERS=documented against one that answers only what the
// API reference's answers show (emulator.AnswersDocumented).
var testEmulator *emulator.Running

var testProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"livechat": func() (tfprotov6.ProviderServer, error) { return Server("test")(), nil },
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	var delay time.Duration
	if v := os.Getenv("LIVECHAT_TEST_PROPAGATION_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			fmt.Fprintf(os.Stderr, "LIVECHAT_TEST_PROPAGATION_DELAY: %v\n", err)
			return 2
		}
		delay = d
	}
	answers := os.Getenv("LIVECHAT_TEST_ANSWERS")
	if answers != "" && !slices.Contains(emulator.AnswerModes, answers) {
		fmt.Fprintf(os.Stderr, "LIVECHAT_TEST_ANSWERS must be one of %v, not %q\n", emulator.AnswerModes, answers)
		return 2
	}
	run, err := emulator.Start(emulator.Options{
		PropagationDelay: delay,
		AccessTokens:     []string{testAccessToken},
		PartnerTokens:    []string{testPartnerToken},
		Answers:          answers,
	}, "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(os.Stderr, "starting the emulator: %v\n", err)
		return 2
	}
	defer run.Close()
	testEmulator = run
	// Terraform must not phone home, and these machines point
	// TF_CLI_CONFIG_FILE at a file that does not exist.
	os.Setenv("CHECKPOINT_DISABLE", "1")
	if _, err := os.Stat(os.Getenv("TF_CLI_CONFIG_FILE")); err != nil {
		dir, err := os.MkdirTemp("", "livechat-tfrc")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer os.RemoveAll(dir)
		rc := filepath.Join(dir, "terraformrc")
		if err := os.WriteFile(rc, nil, 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		os.Setenv("TF_CLI_CONFIG_FILE", rc)
	}
	os.Setenv("LIVECHAT_API_URL", run.URL)
	os.Setenv("LIVECHAT_ACCESS_TOKEN", testAccessToken)
	os.Setenv("LIVECHAT_PARTNER_API_TOKEN", testPartnerToken)
	os.Setenv("LIVECHAT_CLIENT_ID", testClientID)
	for _, v := range []string{"LIVECHAT_PAT", "LIVECHAT_ACCOUNT_ID", "LIVECHAT_LOGIN_EMAIL", "LIVECHAT_REGION"} {
		os.Unsetenv(v)
	}
	return m.Run()
}

// documentedAnswers reports whether the suite runs against an emulator that
// answers only what the reference's answers show: steps that need more (a
// drift of a key no answer shows) are skipped there.
func documentedAnswers() bool {
	return testEmulator.Credentials().Answers == emulator.AnswersDocumented
}

// notReadBack lists attributes an import from a documented-answers emulator
// cannot read back as configured (keys its answers do not show, avatars it
// re-hosts, collections it answers in another order), so ImportStateVerify
// skips them there.
func notReadBack(attrs ...string) []string {
	if !documentedAnswers() {
		return nil
	}
	return attrs
}

// shownAvatar is the avatar URL a read answers for a configured one: the
// same, or the re-hosted URL of a documented-answers emulator.
func shownAvatar(url string) string {
	if url == "" || !documentedAnswers() {
		return url
	}
	return emulator.RehostedAvatar(url)
}

// documentedEmulator starts an emulator of its own in documented-answers mode
// (with the suite's propagation delay) for a test that proves the provider
// needs no more than the reference promises, whatever LIVECHAT_TEST_ANSWERS
// says; it returns the emulator and the provider block that points at it.
func documentedEmulator(t *testing.T) (*emulator.Running, string) {
	t.Helper()
	run, err := emulator.Start(emulator.Options{
		PropagationDelay: testEmulator.Credentials().PropagationDelay,
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

// randomName gives each test its own objects on the shared emulator.
func randomName(prefix string) string {
	return prefix + "-" + acctest.RandString(8)
}

// deleteOutOfBand deletes an object behind Terraform's back, immediately
// visible, for the drift steps.
func deleteOutOfBand(t *testing.T, kind string, id func() string) func() {
	return func() {
		if err := testEmulator.DeleteObject(kind, id()); err != nil {
			t.Fatalf("deleting %s %s out of band: %v", kind, id(), err)
		}
	}
}

// changeOutOfBand changes an object behind Terraform's back, immediately
// visible, for the drift steps: patch is a JSON object of the emulator's
// state-dump fields of that kind (emulator.PatchObject).
func changeOutOfBand(t *testing.T, kind string, id func() string, patch string) func() {
	return func() {
		if err := testEmulator.PatchObject(kind, id(), []byte(patch)); err != nil {
			t.Fatalf("changing %s %s out of band: %v", kind, id(), err)
		}
	}
}

// forgetConfig is a removed block (Terraform 1.7+): address leaves the state, the object stays in
// the API for a later step to import.
func forgetConfig(address string) string {
	return fmt.Sprintf(`
removed {
  from = %s
  lifecycle {
    destroy = false
  }
}
`, address)
}

// driftStep runs outOfBand, then plans config and expects the refresh plan
// to take action on resourceName: create after an out-of-band delete,
// update (or a replacement, for attributes the API cannot change) after an
// out-of-band change.
func driftStep(config, resourceName string, action plancheck.ResourceActionType, outOfBand func()) resource.TestStep {
	return resource.TestStep{
		PreConfig:          outOfBand,
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, action)},
		},
	}
}

// afterPlan runs outOfBand between the plan and the apply of a step (a PreApply plan check), as
// a change made while a saved plan (terraform plan -out) waits to be applied: the apply's waits
// must not wait for what the plan did not change.
type afterPlan func()

func (f afterPlan) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f()
}

// writeSkipsDriftSteps checks that an apply waits only for what it changes: outOfBand changes an
// attribute after the plan of updated (a change of another attribute) and before its apply, which
// must finish within the resource's short update timeout; the next plan still shows the drift.
func writeSkipsDriftSteps(updated, resourceName string, outOfBand func()) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:             updated,
			ExpectNonEmptyPlan: true, // the drift
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				afterPlan(outOfBand),
			}},
		},
		driftStep(updated, resourceName, plancheck.ResourceActionUpdate, func() {}),
	}
}

// stateAttr captures an attribute of a resource from the state, so later
// steps (drift, import) can use server-assigned ids.
func stateAttr(name, attr string, into *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		*into = rs.Primary.Attributes[attr]
		return nil
	}
}

// checkDestroyed fails when any resource of type still exists in the
// emulator's authoritative state.
func checkDestroyed(resourceType string, exists func(id string) bool) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			if exists(rs.Primary.ID) {
				return fmt.Errorf("%s %s still exists after destroy", resourceType, rs.Primary.ID)
			}
		}
		return nil
	}
}

func groupExists(id string) bool {
	n, err := strconv.Atoi(id)
	if err != nil {
		return false
	}
	_, ok := testEmulator.Group(n)
	return ok
}
