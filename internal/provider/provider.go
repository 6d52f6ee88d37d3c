// Package provider implements the livechat Terraform provider.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Defaults of the provider settings.
const (
	defaultMaxRetries         = 5
	defaultRequestTimeout     = 30 * time.Second
	defaultPropagationTimeout = 5 * time.Minute
	// defaultRateLimit: no cap. The API documents a 429 but no rate; the client
	// slows down when it meets one (internal/client/ratelimit.go).
	defaultRateLimit = 0.0
)

var (
	_ provider.Provider                       = (*livechatProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*livechatProvider)(nil)
	_ provider.ProviderWithListResources      = (*livechatProvider)(nil)
	_ provider.ProviderWithActions            = (*livechatProvider)(nil)
)

type livechatProvider struct {
	version string
}

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &livechatProvider{version: version} }
}

type providerModel struct {
	AccessToken         types.String  `tfsdk:"access_token"`
	PersonalAccessToken types.String  `tfsdk:"personal_access_token"`
	AccountID           types.String  `tfsdk:"account_id"`
	LoginEmail          types.String  `tfsdk:"login_email"`
	PartnerAPIToken     types.String  `tfsdk:"partner_api_token"`
	Region              types.String  `tfsdk:"region"`
	APIURL              types.String  `tfsdk:"api_url"`
	ClientID            types.String  `tfsdk:"client_id"`
	MaxRetries          types.Int64   `tfsdk:"max_retries"`
	RequestTimeout      types.String  `tfsdk:"request_timeout"`
	PropagationTimeout  types.String  `tfsdk:"propagation_timeout"`
	RateLimit           types.Float64 `tfsdk:"rate_limit"`
	CoalesceRequests    types.Bool    `tfsdk:"coalesce_requests"`
	CreateRecovery      types.String  `tfsdk:"create_recovery_window"`
	PropagationWindow   types.String  `tfsdk:"propagation_window"`
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	core               *client.Client
	config             *configuration.Client
	partner            *partner.Client
	legacy             *legacy.Client
	clientID           string
	propagationTimeout time.Duration
	propagationWindow  time.Duration     // how long after our write a refresh keeps it over an older answer (written.go)
	pending            *pendingWrites    // this run's writes not yet seen (pending.go)
	memberships        *membershipClaims // what the configuration sets from both sides (memberships.go)
}

func (p *livechatProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "livechat"
	resp.Version = p.version
}

func (p *livechatProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	durationCheck := []validator.String{durationValidator{}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the configuration of a LiveChat / Text license (Configuration API v3.6, REST API v2) and a partner's Partner Program objects (Partner API v2). " +
			"Every setting can also come from an environment variable; a setting in the provider block wins. " +
			"No setting is required until a resource needs the API it belongs to: then a missing credential is an error naming the setting and its variable.",
		Attributes: map[string]schema.Attribute{
			"access_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "OAuth 2.1 access token for the license APIs (Configuration API v3.6 and REST API v2). Its `dal:` or `fra:` prefix selects the region unless `region` is set. Env: `LIVECHAT_ACCESS_TOKEN`.",
			},
			"personal_access_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Personal access token (PAT), used with Basic authentication when `access_token` is not set: `account_id:PAT` for the Configuration API and `login_email:PAT` for the REST API v2. Env: `LIVECHAT_PAT`.",
			},
			"account_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Account ID that owns `personal_access_token` (Configuration API Basic auth). Env: `LIVECHAT_ACCOUNT_ID`.",
			},
			"login_email": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Login e-mail that owns `personal_access_token` (REST API v2 Basic auth). Env: `LIVECHAT_LOGIN_EMAIL`.",
			},
			"partner_api_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Partner API token (Bearer), needed only by the Partner Program resources and data sources. Env: `LIVECHAT_PARTNER_API_TOKEN`.",
			},
			"region": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.RegionDAL, client.RegionFRA)},
				MarkdownDescription: "Data center, `dal` or `fra`, sent as `X-Region`. Default: the prefix of `access_token`, else `dal`. On a `misdirected_request` answer the provider switches to the region the API names once and logs it. Env: `LIVECHAT_REGION`.",
			},
			"api_url": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{apiURLValidator{}},
				MarkdownDescription: "Base URL of the APIs. Default `" + client.DefaultAPIURL + "`. `http://` is accepted only for loopback hosts (the local emulator). An empty `api_url` is refused (it does not mean the default): leave the attribute out, or set it to `null`, to use `LIVECHAT_API_URL` or the default. A password in the URL (`https://user:pass@host`) is masked in every error and log. Env: `LIVECHAT_API_URL`.",
			},
			"client_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "OAuth client ID used as the default `owner_client_id` of webhooks, properties, bot templates and bots. Env: `LIVECHAT_CLIENT_ID`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a 5xx answer or a connection error, with jittered exponential backoff bounded by the operation's timeout. A `429 too_many_requests` answer is not counted: the request waits out `Retry-After` and is retried for as long as the operation's timeout allows, while the whole provider slows down. Default %d. Env: `LIVECHAT_MAX_RETRIES`.", defaultMaxRetries),
			},
			"request_timeout": schema.StringAttribute{
				Optional: true, Validators: durationCheck,
				MarkdownDescription: fmt.Sprintf("Timeout of one HTTP request, a Go duration such as `30s`. Default `%s`. Env: `LIVECHAT_REQUEST_TIMEOUT`.", defaultRequestTimeout),
			},
			"rate_limit": schema.Float64Attribute{
				Optional:   true,
				Validators: []validator.Float64{rateLimitValidator{}},
				MarkdownDescription: "Most requests per second the provider sends, across all resources, with a burst of as many: a hard cap for a license whose rate limit is shared with other tools. " +
					"Unset or `0` (the default): no cap; otherwise at least " + fmt.Sprint(client.MinRateLimit) + " (one request every 10 seconds) and finite. Either way, a `429 too_many_requests` answer makes every request wait out its `Retry-After`, halves the provider's pace, which then grows back while the API accepts it. Env: `LIVECHAT_RATE_LIMIT`.",
			},
			"coalesce_requests": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When `true` (default), one list call per object type serves the reads of every object of that type in a run, and concurrent agent and bot writes travel together in the Configuration API's `batch_*` actions. " +
					"A list serves a refresh only where it carries every attribute the resource holds; bots, goals of types other than `api` and solution licenses are read one by one either way, so every refresh sees every change made outside Terraform. " +
					"`false` sends one call per read and per write (useful to measure the difference). Env: `LIVECHAT_COALESCE_REQUESTS`.",
			},
			"create_recovery_window": schema.StringAttribute{
				Optional: true, Validators: durationCheck,
				MarkdownDescription: "After a create fails without a clear answer (connection dropped, 5xx), how long the provider keeps looking for the object by its natural key before it sends the create again, for objects whose key the API does not enforce (e.g. a group name); sending again too early could make a duplicate, and the API can take up to 2 minutes to show a new object. Default `2m`. Env: `LIVECHAT_CREATE_RECOVERY_WINDOW`.",
			},
			"propagation_window": schema.StringAttribute{
				Optional: true, Validators: []validator.String{durationValidator{zeroAllowed: true}},
				MarkdownDescription: "How long after the provider's own write the API may still show the object as it was before (the API documents up to 2 minutes of propagation delay). " +
					"Within it, creates, updates and deletes return as soon as the API acknowledged them, and a refresh that still sees an attribute's value from before the write, or no object after a create, keeps what was written, so the plan right after an apply is empty. " +
					"A data source read in the same run first waits until the run's writes of the types it reads show. Past the window, a refresh takes what the API answers. " +
					"`0s`: every write waits, in its parallelism slot, until reads show it (slower; for tools that read the API right after an apply). Default `2m`. Env: `LIVECHAT_PROPAGATION_WINDOW`.",
			},
			"propagation_timeout": schema.StringAttribute{
				Optional: true, Validators: durationCheck,
				MarkdownDescription: fmt.Sprintf("Default bound of every create, read, update and delete, including the wait until a write is visible (the API documents up to 2 minutes of propagation delay). A resource's `timeouts` block overrides it. Default `%s`. Env: `LIVECHAT_PROPAGATION_TIMEOUT`.", defaultPropagationTimeout),
			},
		},
	}
}

// stringSetting is the configured value, else the environment variable.
func stringSetting(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	return os.Getenv(env)
}

func (p *livechatProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg := client.Config{
		APIURL:              stringSetting(m.APIURL, "LIVECHAT_API_URL"),
		AccessToken:         stringSetting(m.AccessToken, "LIVECHAT_ACCESS_TOKEN"),
		PersonalAccessToken: stringSetting(m.PersonalAccessToken, "LIVECHAT_PAT"),
		AccountID:           stringSetting(m.AccountID, "LIVECHAT_ACCOUNT_ID"),
		LoginEmail:          stringSetting(m.LoginEmail, "LIVECHAT_LOGIN_EMAIL"),
		PartnerToken:        stringSetting(m.PartnerAPIToken, "LIVECHAT_PARTNER_API_TOKEN"),
		Region:              stringSetting(m.Region, "LIVECHAT_REGION"),
		UserAgent:           fmt.Sprintf("terraform-provider-livechat/%s (+Terraform/%s)", p.version, req.TerraformVersion),
	}
	if cfg.Region != "" && cfg.Region != client.RegionDAL && cfg.Region != client.RegionFRA {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Invalid region",
			fmt.Sprintf("LIVECHAT_REGION is %q; use dal or fra.", cfg.Region))
	}
	if cfg.APIURL != "" {
		if _, err := client.ParseAPIURL(cfg.APIURL); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("api_url"), "Invalid api_url", err.Error()+" (setting api_url or env LIVECHAT_API_URL).")
		}
	}
	var err error
	cfg.MaxRetries = defaultMaxRetries
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	} else if v := os.Getenv("LIVECHAT_MAX_RETRIES"); v != "" {
		if cfg.MaxRetries, err = strconv.Atoi(v); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid LIVECHAT_MAX_RETRIES", fmt.Sprintf("%q is not a whole number.", v))
		}
	}
	if cfg.MaxRetries < 0 {
		resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid max_retries", "max_retries must be 0 or more.")
	}
	cfg.RateLimit = rateLimitSetting(&resp.Diagnostics, m.RateLimit)
	cfg.Coalesce = true
	if known(m.CoalesceRequests) {
		cfg.Coalesce = m.CoalesceRequests.ValueBool()
	} else if v := os.Getenv("LIVECHAT_COALESCE_REQUESTS"); v != "" {
		if cfg.Coalesce, err = strconv.ParseBool(v); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("coalesce_requests"), "Invalid LIVECHAT_COALESCE_REQUESTS", fmt.Sprintf("%q is not true or false.", v))
		}
	}
	cfg.RecoverWindow = durationSetting(&resp.Diagnostics, m.CreateRecovery, "create_recovery_window", "LIVECHAT_CREATE_RECOVERY_WINDOW", 2*time.Minute)
	cfg.RequestTimeout = durationSetting(&resp.Diagnostics, m.RequestTimeout, "request_timeout", "LIVECHAT_REQUEST_TIMEOUT", defaultRequestTimeout)
	window := windowSetting(&resp.Diagnostics, m.PropagationWindow, "propagation_window", "LIVECHAT_PROPAGATION_WINDOW", 2*time.Minute)
	propagation := durationSetting(&resp.Diagnostics, m.PropagationTimeout, "propagation_timeout", "LIVECHAT_PROPAGATION_TIMEOUT", defaultPropagationTimeout)
	cfg.ThrottledFor = propagation // bounds the retries of a 429 in data sources, which have no timeouts block
	if resp.Diagnostics.HasError() {
		return
	}
	core, err := client.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid provider configuration", err.Error())
		return
	}
	trackClient(core)
	data := &providerData{
		core:               core,
		config:             configuration.New(core),
		partner:            partner.New(core),
		legacy:             legacy.New(core),
		clientID:           stringSetting(m.ClientID, "LIVECHAT_CLIENT_ID"),
		propagationTimeout: propagation,
		propagationWindow:  window,
		pending:            newPendingWrites(),
		memberships:        newMembershipClaims(),
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// Resources are every resource type, each with its resource identity (identity.go).
func (p *livechatProvider) Resources(_ context.Context) []func() resource.Resource {
	return withIdentities(
		newAgentResource,
		newGroupResource,
		newTagResource,
		newCannedResponseResource,
		newGoalResource,
		newGreetingResource,
		newPropertyResource,
		newLicensePropertyResource,
		newGroupPropertyResource,
		newBotResource,
		newBotTemplateResource,
		newAutoAccessResource,
		newAutoAccessOrderResource,
		newWebhookResource,
		newLicenseWebhooksStateResource,
		// Partner API v2
		newCampaignResource,
		newSolutionOrganizationResource,
		newSolutionLicenseResource,
		newPartnerAPITokenResource,
		newPartnerProfileResource,
		newPartnerBillingResource,
		newExpertProfileResource,
	)
}

func (p *livechatProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return settled(
		newAgentDataSource,
		newAgentsDataSource,
		newGroupDataSource,
		newGroupsDataSource,
		newTagsDataSource,
		newCannedResponsesDataSource,
		newGoalsDataSource,
		newGreetingsDataSource,
		newStatusDataSource,
		newPropertiesDataSource,
		newLicensePropertiesDataSource,
		newGroupPropertiesDataSource,
		newBotDataSource,
		newBotsDataSource,
		newBotTemplatesDataSource,
		newAutoAccessesDataSource,
		newWebhooksDataSource,
		newWebhookNamesDataSource,
		newChannelsDataSource,
		newProductSourceDataSource,
		newProductLimitsDataSource,
		// Partner API v2
		newPartnerProfileDataSource,
		newPartnerBillingDataSource,
		newPartnerStatsDataSource,
		newPartnerCouponsDataSource,
		newPartnerEarningsDataSource,
		newPartnerWithdrawalsDataSource,
		newPartnerCampaignsDataSource,
		newPartnerCampaignSummaryDataSource,
		newPartnerBestCampaignsDataSource,
		newPartnerAffiliateLicensesDataSource,
		newPartnerSolutionLicensesDataSource,
		newPartnerSolutionLicenseDataSource,
		newPartnerOrganizationDataSource,
		newPartnerSolutionSummaryDataSource,
		newPartnerLeadsDataSource,
		newPartnerLeadDataSource,
		newPartnerExpertDataSource,
		newPartnerReportDataSource,
		newPartnerMetricDataSource,
	)
}

func (p *livechatProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		newBotTokenEphemeralResource,
	}
}

// ListResources are the list resources of `terraform query` (list_types.go).
func (p *livechatProvider) ListResources(_ context.Context) []func() list.ListResource {
	return listResources()
}

// Actions are the API's one-off operations (actions.go).
func (p *livechatProvider) Actions(_ context.Context) []func() action.Action {
	return actions()
}
