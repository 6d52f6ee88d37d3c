package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// A reference to an object that never existed fails at once, naming the attribute. Before, it was
// retried until the timeout (5 minutes by default) and then advised raising it. The short
// timeouts make a regression fail fast with the timeout message, which the pattern does not match.
func TestAccReferences_unknownIDFailsAtOnce(t *testing.T) {
	const short = `
  timeouts {
    create = "30s"
  }`
	checkIDs := func(attr string) *regexp.Regexp {
		return regexp.MustCompile(`(?s)` + regexp.QuoteMeta(attr) + `\s+names\s+an\s+object\s+that\s+does\s+not\s+exist.*check\s+the\s+ids`)
	}
	steps := []resource.TestStep{
		{Config: fmt.Sprintf(`
resource "livechat_agent" "typo" {
  id     = %q
  name   = "Typo"
  groups = [{ id = 0, priority = "normal" }, { id = 99999, priority = "normal" }]
%s
}
`, strings.ToLower(randomName("typo"))+"@example.com", short), ExpectError: checkIDs("groups")},
		{Config: fmt.Sprintf(`
resource "livechat_tag" "typo" {
  name      = %q
  group_ids = [99999]
%s
}
`, randomName("typo"), short), ExpectError: checkIDs("group_ids")},
		{Config: fmt.Sprintf(`
resource "livechat_group" "typo" {
  name             = %q
  agent_priorities = { "nobody-at-all@example.com" = "normal" }
%s
}
`, randomName("typo"), short), ExpectError: checkIDs("agent_priorities")},
		{Config: fmt.Sprintf(`
resource "livechat_canned_response" "typo" {
  group = 99999
  text  = %q
  tags  = ["typo"]
%s
}
`, randomName("typo"), short), ExpectError: checkIDs("group")},
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: steps})
}

// A write naming a group this run has just created waits while the API answers group_not_found;
// one naming a group nobody here created is refused after one call, on its attribute.
func TestRetryReferring(t *testing.T) {
	core, err := client.New(client.Config{APIURL: "https://references.example.com", AccessToken: "dal:t"})
	if err != nil {
		t.Fatal(err)
	}
	d := &providerData{core: core}
	core.Claim(configuration.KindGroup, "7")
	notFound := &client.APIError{Type: client.ErrTypeGroupNotFound, Message: "Group not found"}
	// write answers the number of its call.
	write := func(failures int, calls *int) func(context.Context) (int, error) {
		return func(context.Context) (int, error) {
			*calls++
			if *calls <= failures {
				return 0, notFound
			}
			return *calls, nil
		}
	}
	calls := 0
	if got, err := retryReferring(t.Context(), d, "creating agent", groupsReference(path.Root("groups"), 0, 7), write(2, &calls)); err != nil || calls != 3 || got != 3 {
		t.Errorf("new group: err = %v after %d calls answering %d, want success after 3 answering 3", err, calls, got)
	}
	calls = 0
	_, err = retryReferring(t.Context(), d, "creating agent", groupsReference(path.Root("groups"), 0, 99999), write(100, &calls))
	var ref *referenceError
	if !errors.As(err, &ref) || calls != 1 || !client.IsGroupNotFound(err) {
		t.Fatalf("typo: err = %v after %d calls, want a *referenceError after 1", err, calls)
	}
	var diags diag.Diagnostics
	addAPIError(&diags, "Creating agent", err)
	if len(diags) != 1 || !strings.Contains(diags[0].Detail(), "groups names an object that does not exist (ids: 0, 99999)") {
		t.Errorf("diagnostics: %v", diags)
	}
	if d, ok := diags[0].(diag.DiagnosticWithPath); !ok || !d.Path().Equal(path.Root("groups")) {
		t.Errorf("the diagnostic is not on groups: %v", diags[0])
	}
}

// Ctrl-C during a wait says the wait was interrupted, not that the API was too slow for the
// timeouts (which advised raising them).
func TestAwaitConsistent_interruptedIsNoTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	polls := 0
	err := awaitConsistent(ctx, "group 7", func(context.Context) (bool, error) {
		polls++
		cancel()
		return false, nil
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupted") || strings.Contains(err.Error(), "timeout") {
		t.Errorf("err = %v, want an interruption without timeout advice", err)
	}
	ctx, cancel = context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	err = awaitConsistent(ctx, "group 7", func(context.Context) (bool, error) { return false, nil })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "raise this resource's timeouts") {
		t.Errorf("err = %v, want the timeout advice", err)
	}
}
