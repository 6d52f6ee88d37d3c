package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// listType is one list resource: the managed type it lists, the calls that list it (for the
// documentation) and its filters.
type listType struct {
	name        string // type name without livechat_
	newResource func() resource.Resource
	source      string
	filters     []listFilter
}

// listTypes are the list resources: every managed type but livechat_solution_organization, which
// the Partner API cannot list (it has no list method for organizations).
var listTypes = []listType{
	// Configuration API v3.6
	{name: "group", newResource: newGroupResource, source: "`list_groups`",
		filters: []listFilter{includeDefaultsFilter("group 0 (General)")}},
	{name: "agent", newResource: newAgentResource, source: "`list_agents`",
		filters: []listFilter{groupIDsFilter("agents of these groups (`list_agents` `filters.group_ids`)"), suspendedFilter, includeDefaultsFilter("the license owner (whose role the API cannot assign)")}},
	{name: "bot", newResource: newBotResource, source: "`list_bots` with `all = true`; bots of the client's bot templates are left out (they are managed through `livechat_bot_template`; the client is the provider's `client_id`)"},
	{name: "bot_template", newResource: newBotTemplateResource, source: "`list_bot_templates`, per owner client ID",
		filters: []listFilter{ownerClientIDsFilter}},
	{name: "tag", newResource: newTagResource, source: "`list_tags`",
		filters: []listFilter{groupIDsFilter("tags of these groups (`list_tags` `filters.group_ids`)"), includeDefaultsFilter("the default tags (positive feedback, support, complaint, sales, spam, docs_feedback)")}},
	{name: "property", newResource: newPropertyResource, source: "`list_properties`, per owner client ID",
		filters: []listFilter{ownerClientIDsFilter}},
	{name: "license_property", newResource: newLicensePropertyResource, source: "`list_license_properties`",
		filters: []listFilter{namespaceFilter, includeDefaultsFilter("values equal to their property's default (the API lists defaults like values; known only for the provider's `client_id`'s properties)")}},
	{name: "group_property", newResource: newGroupPropertyResource, source: "`list_groups_properties`",
		filters: []listFilter{groupIDsFilter("values of these groups"), namespaceFilter, includeDefaultsFilter("values equal to their property's default (the API lists defaults like values; known only for the provider's `client_id`'s properties)")}},
	{name: "auto_access", newResource: newAutoAccessResource, source: "`list_auto_accesses`"},
	{name: "auto_access_order", newResource: newAutoAccessOrderResource, source: "`list_auto_accesses`: one result, the order of every rule, when the license has at least two rules"},
	{name: "webhook", newResource: newWebhookResource, source: "`list_webhooks`, per owner client ID",
		filters: []listFilter{ownerClientIDsFilter}},
	{name: "license_webhooks_state", newResource: newLicenseWebhooksStateResource, source: "`get_license_webhooks_state`, one result per owner client ID",
		filters: []listFilter{ownerClientIDsFilter, includeDefaultsFilter("enabled states (installing an application enables its webhooks)")}},
	// REST API v2 (legacy)
	{name: "canned_response", newResource: newCannedResponseResource, source: "`GET /canned_responses`, one call per group",
		filters: []listFilter{groupIDsFilter("canned responses of these groups (`?group=`)")}},
	{name: "goal", newResource: newGoalResource, source: "`GET /goals`"},
	{name: "greeting", newResource: newGreetingResource, source: "`GET /greetings`",
		filters: []listFilter{groupIDsFilter("greetings of these groups (`?group=`, one call per group)")}},
	// Partner API v2
	{name: "partner_profile", newResource: newPartnerProfileResource, source: "Get Profile: one result",
		filters: []listFilter{includeDefaultsFilter("a profile nobody filled in")}},
	{name: "partner_billing", newResource: newPartnerBillingResource, source: "Get Billing: one result once the partner has billing information"},
	{name: "partner_api_token", newResource: newPartnerAPITokenResource, source: "Get API Tokens"},
	{name: "campaign", newResource: newCampaignResource, source: "Get Campaigns; disabled campaigns are left out (the resource cannot manage them)",
		filters: []listFilter{includeDefaultsFilter("the partner's default campaign")}},
	{name: "solution_license", newResource: newSolutionLicenseResource, source: "Get Solution Licenses (and Get Organization Licenses for `organization_ids`)",
		filters: []listFilter{organizationIDsFilter}},
	{name: "expert_profile", newResource: newExpertProfileResource, source: "Get Expert Profile: one result once the partner has an Expert profile"},
}

// listResources are the constructors of every list resource.
func listResources() []func() list.ListResource {
	out := make([]func() list.ListResource, len(listTypes))
	for i, t := range listTypes {
		out[i] = func() list.ListResource { return &listResource{spec: t} }
	}
	return out
}

// description is the list resource's documentation.
func (t listType) description() string {
	typ := "livechat_" + t.name
	var b strings.Builder
	b.WriteString("Lists the `" + typ + "` objects that exist (" + t.source + "), for `terraform query` (Terraform 1.14 and later): " +
		"each result is the object's resource identity and, with `include_resource = true` (implied by `terraform query -generate-config-out`), " +
		"the state an import of the object reads, from which Terraform writes its configuration. " +
		"Terraform asks for at most `limit` results per list block, 100 unless the block says more. " +
		"livechat-export lists the same objects for Terraform versions without `terraform query`.")
	if k, ok := listing.Find(typ); ok && k.Caveat != "" {
		b.WriteString("\n\nGenerated configuration: " + k.Caveat)
	}
	return b.String()
}
