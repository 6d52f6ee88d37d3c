package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestMembershipClaims(t *testing.T) {
	c := newMembershipClaims()
	if got := c.member("livechat_agent", "a@example.com", map[int64]string{1: "normal"}); len(got) != 0 {
		t.Fatalf("first claim: %v", got)
	}
	// Group 2 does not mention a@example.com, which does not name group 2: no overlap.
	if got := c.group(2, map[string]string{"b@example.com": "first"}); len(got) != 0 {
		t.Errorf("unrelated group: %v", got)
	}
	// Group 1 leaves a@example.com out: the two sides disagree.
	got := c.group(1, map[string]string{})
	if len(got) != 1 || got[0].member != "a@example.com" || got[0].byMember != "normal" || got[0].byGroupMembers != "" {
		t.Fatalf("disagreement: %+v", got)
	}
	if d := got[0].detail(); !strings.Contains(d, "They disagree") || !strings.Contains(d, "not a member") {
		t.Errorf("detail: %s", d)
	}
	// A bot planned later that group 2 lists, while the bot's groups leave group 2 out.
	got = c.member("livechat_bot", "b@example.com", map[int64]string{})
	if len(got) != 1 || got[0].group != 2 || got[0].resource != "livechat_bot" || got[0].byGroupMembers != "first" {
		t.Fatalf("bot: %+v", got)
	}
	// Both sides say the same: still managed from both sides.
	c.group(1, map[string]string{"a@example.com": "normal"})
	got = c.member("livechat_agent", "a@example.com", map[int64]string{1: "normal"})
	if len(got) != 1 || !strings.Contains(got[0].detail(), "They agree today") {
		t.Fatalf("agreement: %+v", got)
	}
}

// warningRecorder keeps the warnings the provider's plans give.
type warningRecorder struct {
	mu       sync.Mutex
	warnings []string
}

func (w *warningRecorder) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.warnings = nil
}

func (w *warningRecorder) with(summary string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, s := range w.warnings {
		if strings.HasPrefix(s, summary+": ") {
			out = append(out, s)
		}
	}
	return out
}

func (w *warningRecorder) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"livechat": func() (tfprotov6.ProviderServer, error) {
			return &recordingServer{ProviderServer: Server("test")(), rec: w}, nil
		},
	}
}

type recordingServer struct {
	tfprotov6.ProviderServer
	rec *warningRecorder
}

func (s *recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.rec.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				s.rec.warnings = append(s.rec.warnings, d.Summary+": "+d.Detail)
			}
		}
		s.rec.mu.Unlock()
	}
	return resp, err
}

// An agent and a bot manage their memberships of a group through their groups: no warning.
// Then the group's agent_priorities sets them too, agreeing with the agent and leaving the bot
// out: the plan warns about both, and the apply shows the flip-flop it warned about (the group
// removes the bot, whose groups add it back on the next apply).
func TestAccMembership_bothSidesWarn(t *testing.T) {
	rec := &warningRecorder{}
	email, group, bot := randomEmail("both-sides"), randomName("both-sides"), randomName("both-sides-bot")
	config := func(agentPriorities string) string {
		return fmt.Sprintf(`
resource "livechat_group" "g" {
  name = %q
%s
}

resource "livechat_agent" "a" {
  id     = %q
  name   = "Both Sides"
  groups = [{ id = livechat_group.g.id, priority = "normal" }]
}

resource "livechat_bot" "b" {
  name   = %q
  groups = [{ id = livechat_group.g.id, priority = "first" }]
}
`, group, agentPriorities, email, bot)
	}
	one := config("")
	both := config(fmt.Sprintf("  agent_priorities = { %q = \"normal\" }", email))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: rec.factories(),
		CheckDestroy:             resource.ComposeTestCheckFunc(checkDestroyed("livechat_agent", agentExists), checkDestroyed("livechat_bot", botExists)),
		Steps: []resource.TestStep{
			{
				Config: one,
				Check: func(*terraform.State) error {
					if w := rec.with(membershipWarning); len(w) > 0 {
						return fmt.Errorf("one side manages the memberships, yet: %q", w)
					}
					return nil
				},
			},
			{
				PreConfig:          rec.reset,
				Config:             both,
				ExpectNonEmptyPlan: true, // the bot's groups put it back: the flip-flop
				Check: func(*terraform.State) error {
					w := strings.Join(rec.with(membershipWarning), "\n")
					for _, want := range []string{
						fmt.Sprintf(`livechat_agent %q (its groups: member with priority normal)`, email),
						"They agree today",
						`(its groups: member with priority first)`, // the bot
						"(its agent_priorities: not a member)",
						"They disagree",
					} {
						if !strings.Contains(w, want) {
							return fmt.Errorf("no warning saying %q; warnings:\n%s", want, w)
						}
					}
					return nil
				},
			},
		},
	})
}
