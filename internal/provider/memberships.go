package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A membership (agent or bot X in group G, with a priority) is one relation that two
// resources can set: X's `groups` and G's `agent_priorities`. When both are configured and
// disagree, every apply writes both and each undoes the other, forever. Terraform plans all
// resources of a configuration in one provider process, so each resource records here what
// its configuration sets, and the second one planned warns about the memberships both set.

// membershipClaims is what the configurations planned so far set, from each side.
type membershipClaims struct {
	mu      sync.Mutex
	members map[string]memberClaim      // agent or bot ID → its configured groups
	groups  map[int64]map[string]string // group ID → its configured agent_priorities
}

type memberClaim struct {
	resource string           // livechat_agent or livechat_bot
	groups   map[int64]string // group ID → priority
}

// membershipConflict is one membership that both sides set; a side's priority is "" when it
// says "not a member".
type membershipConflict struct {
	resource, member         string
	group                    int64
	byMember, byGroupMembers string
}

func newMembershipClaims() *membershipClaims {
	return &membershipClaims{members: map[string]memberClaim{}, groups: map[int64]map[string]string{}}
}

// member records the groups an agent or bot configures and returns the memberships that
// groups recorded before also set.
func (c *membershipClaims) member(resource, id string, groups map[int64]string) []membershipConflict {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.members[id] = memberClaim{resource: resource, groups: groups}
	var out []membershipConflict
	for gid, members := range c.groups {
		if mc, ok := conflict(resource, id, gid, groups, members); ok {
			out = append(out, mc)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].group < out[j].group })
	return out
}

// group records the agent_priorities a group configures and returns the memberships that
// agents and bots recorded before also set.
func (c *membershipClaims) group(id int64, members map[string]string) []membershipConflict {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.groups[id] = members
	var out []membershipConflict
	for mid, m := range c.members {
		if mc, ok := conflict(m.resource, mid, id, m.groups, members); ok {
			out = append(out, mc)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].member < out[j].member })
	return out
}

// conflict reports whether a membership of member in group is set by either side while both
// sides are configured: then both write it, whether or not they agree today.
func conflict(resource, member string, group int64, memberGroups map[int64]string, groupMembers map[string]string) (membershipConflict, bool) {
	byMember, byGroup := memberGroups[group], groupMembers[member]
	if byMember == "" && byGroup == "" {
		return membershipConflict{}, false
	}
	return membershipConflict{resource: resource, member: member, group: group, byMember: byMember, byGroupMembers: byGroup}, true
}

func (mc membershipConflict) detail() string {
	says := func(priority string) string {
		if priority == "" {
			return "not a member"
		}
		return "member with priority " + priority
	}
	agree := "They disagree, so every apply writes both and each undoes the other: the next plan shows the change again, forever."
	if mc.byMember == mc.byGroupMembers {
		agree = "They agree today, but as soon as one changes, every apply writes both and each undoes the other."
	}
	return fmt.Sprintf("Both %s %q (its groups: %s) and livechat_group %d (its agent_priorities: %s) set the membership of %s in group %d. %s "+
		"Manage each membership from one side only: either list the group in the %s's groups and leave the group's agent_priorities unset, "+
		"or set agent_priorities and leave groups unset on its members.",
		mc.resource, mc.member, says(mc.byMember), mc.group, says(mc.byGroupMembers), mc.member, mc.group, agree, strings.TrimPrefix(mc.resource, "livechat_"))
}

const membershipWarning = "Membership managed from both sides"

// membershipRule ends the descriptions of livechat_agent.groups, livechat_bot.groups and
// livechat_group.agent_priorities.
const membershipRule = " **Manage each membership from one side only.** A membership set both here and on the other side " +
	"(`livechat_agent.groups` / `livechat_bot.groups` and `livechat_group.agent_priorities`) is written by both resources on every apply, " +
	"each undoing the other, so every plan shows a change again. The provider warns (\"" + membershipWarning + "\") when it sees both in one configuration."

// priorityText is a configured priority, which may not be known yet.
func priorityText(p types.String) string {
	if !known(p) {
		return "(known after apply)"
	}
	return p.ValueString()
}

// warnMemberGroups records the configured groups of an agent or bot (id "" when it is not
// known yet) and warns about memberships a group in the same configuration sets too.
func warnMemberGroups(ctx context.Context, data *providerData, resource, id string, config tfsdk.Config, diags *diag.Diagnostics) {
	if data == nil || id == "" {
		return
	}
	var set types.Set
	diags.Append(config.GetAttribute(ctx, path.Root("groups"), &set)...)
	if !known(set) {
		return // unset: the groups' agent_priorities manage this member
	}
	var ms []membershipModel
	diags.Append(set.ElementsAs(ctx, &ms, true)...)
	groups := map[int64]string{}
	for _, m := range ms {
		if known(m.ID) {
			groups[m.ID.ValueInt64()] = priorityText(m.Priority)
		}
	}
	for _, mc := range data.memberships.member(resource, id, groups) {
		diags.AddAttributeWarning(path.Root("groups"), membershipWarning, mc.detail())
	}
}

// warnGroupMembers records the configured agent_priorities of group id and warns about
// memberships an agent or bot in the same configuration sets too.
func warnGroupMembers(ctx context.Context, data *providerData, id types.Int64, config tfsdk.Config, diags *diag.Diagnostics) {
	if data == nil || !known(id) {
		return
	}
	var m types.Map
	diags.Append(config.GetAttribute(ctx, path.Root("agent_priorities"), &m)...)
	if !known(m) {
		return // unset: the members' groups manage this group
	}
	members := map[string]string{}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok {
			members[k] = priorityText(s)
		}
	}
	for _, mc := range data.memberships.group(id.ValueInt64(), members) {
		diags.AddAttributeWarning(path.Root("agent_priorities"), membershipWarning, mc.detail())
	}
}
