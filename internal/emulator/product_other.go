package emulator

import (
	"fmt"
	"sort"
)

// The "Other" methods of the Configuration API v3.6: list_channels, check_product_limits_for_plan,
// get_product_source, reactivate_email and update_company_details.

// Channel is a communication channel of the product (list_channels).
type Channel struct {
	ChannelType            string `json:"channel_type"`
	ChannelSubtype         string `json:"channel_subtype"`
	FirstActivityTimestamp string `json:"first_activity_timestamp"`
}

// ProductSource is what get_product_source returns.
type ProductSource struct {
	SourceID   string `json:"source_id"`
	SourceType string `json:"source_type"`
	SourceURL  string `json:"source_url"`
}

// CompanyDetails are the fields update_company_details sets (no v3.6 method reads them back).
type CompanyDetails struct {
	Audience     string `json:"audience,omitempty"`
	ChatPurpose  string `json:"chat_purpose,omitempty"`
	City         string `json:"city,omitempty"`
	Company      string `json:"company,omitempty"`
	CompanySize  string `json:"company_size,omitempty"`
	Country      string `json:"country,omitempty"`
	InvoiceEmail string `json:"invoice_email,omitempty"`
	InvoiceName  string `json:"invoice_name,omitempty"`
	NIP          string `json:"nip,omitempty"`
	PostalCode   string `json:"postal_code,omitempty"`
	State        string `json:"state,omitempty"`
	Street       string `json:"street,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Province     string `json:"province,omitempty"`
	URL          string `json:"url,omitempty"`
}

// fields maps the parameter names of update_company_details to the fields.
func (d *CompanyDetails) fields() map[string]*string {
	return map[string]*string{
		"audience": &d.Audience, "chat_purpose": &d.ChatPurpose, "city": &d.City, "company": &d.Company,
		"company_size": &d.CompanySize, "country": &d.Country, "invoice_email": &d.InvoiceEmail,
		"invoice_name": &d.InvoiceName, "nip": &d.NIP, "postal_code": &d.PostalCode, "state": &d.State,
		"street": &d.Street, "phone": &d.Phone, "province": &d.Province, "url": &d.URL,
	}
}

// OtherState is the part of State for the "Other" methods. Channels and the product source are
// fixed properties of a license (no method changes them): a fresh license has the values of the
// reference's examples, and state or fixture files may set others.
type OtherState struct {
	Channels       []Channel       `json:"channels"`
	ProductSource  *ProductSource  `json:"product_source,omitempty"`
	CompanyDetails *CompanyDetails `json:"company_details,omitempty"`
}

// otherStore holds the "Other" data. None of it is versioned: channels and the product source are
// never written, and company details are never read through the API.
type otherStore struct {
	channels       []Channel
	productSource  ProductSource
	companyDetails CompanyDetails
}

// freshOtherStore is what a new license has: the List Channels and Get Product Source examples.
func freshOtherStore() *otherStore {
	return &otherStore{
		channels: []Channel{
			{ChannelType: "code", ChannelSubtype: "", FirstActivityTimestamp: "2017-10-12T13:56:16Z"},
			{ChannelType: "direct_link", ChannelSubtype: "", FirstActivityTimestamp: "2017-10-12T15:20:00Z"},
			{ChannelType: "integration", ChannelSubtype: "c6e4f62e2a2dab12531235b12c5a2a6b", FirstActivityTimestamp: "2019-08-16T16:55:51Z"},
		},
		productSource: ProductSource{SourceID: "create_account_link", SourceType: "accounts", SourceURL: "https://accounts.livechat.com"},
	}
}

// Documented values of list_channels and check_product_limits_for_plan.
var (
	channelTypes = []string{"code", "direct_link", "integration"}
	productPlans = []string{"starter", "team", "enterprise", "enterpriseplus"}
)

// productLimits are the emulator's resource limits per plan (the reference documents the
// resources, not the numbers; see API-NOTES.md). A missing resource is unlimited; resources the
// emulator does not model (banned, queue, queue_continuous, group_chooser_groups) never exceed.
var productLimits = map[string]map[string]int{
	"starter":        {"agents": 1, "groups": 1, "groups_per_agent": 1, "access_rules": 0},
	"team":           {"groups": 10, "groups_per_agent": 10, "access_rules": 10},
	"enterprise":     {"groups": 100, "groups_per_agent": 100, "access_rules": 100},
	"enterpriseplus": {},
}

func registerOther(s *Server) {
	s.register("list_channels", listChannels, "")
	s.register("check_product_limits_for_plan", checkProductLimitsForPlan, "")
	s.register("get_product_source", getProductSource, "")
	s.register("reactivate_email", reactivateEmail, "")
	s.register("update_company_details", updateCompanyDetails, "")
}

func listChannels(c *call, p *params) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	return append([]Channel{}, c.st.other.channels...), nil
}

func getProductSource(c *call, p *params) (any, *apiError) {
	if e := p.only(); e != nil {
		return nil, e
	}
	return c.st.other.productSource, nil
}

// productLimitExceeded is one item of the check_product_limits_for_plan answer.
type productLimitExceeded struct {
	Resource     string `json:"resource"`
	LimitBalance int    `json:"limit_balance"`
	ID           string `json:"id,omitempty"`
}

// checkProductLimitsForPlan compares what readers see now with the plan's limits: active
// (not suspended) agents plus bots, groups, groups per agent and auto accesses (access rules).
func checkProductLimitsForPlan(c *call, p *params) (any, *apiError) {
	if e := p.only("plan"); e != nil {
		return nil, e
	}
	plan, _, e := p.str("plan", true)
	if e != nil {
		return nil, e
	}
	if e := oneOf("plan", plan, productPlans); e != nil {
		return nil, e
	}
	limits := productLimits[plan]
	out := []productLimitExceeded{}
	check := func(resource string, n int, id string) {
		if limit, ok := limits[resource]; ok && n > limit {
			out = append(out, productLimitExceeded{Resource: resource, LimitBalance: n - limit, ID: id})
		}
	}
	v := c.view()
	agents := c.st.agents.list(v)
	active := 0
	for _, a := range agents {
		if !a.Suspended {
			active++
		}
	}
	active += len(c.st.bots.list(v)) // "active agents, including bots"
	check("agents", active, "")
	check("groups", len(c.st.groups.list(v)), "")
	sorted := append([]*Agent{}, agents...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, a := range sorted {
		check("groups_per_agent", len(a.Groups), a.ID)
	}
	check("access_rules", len(c.st.autoAccess.list(v)), "")
	return out, nil
}

func reactivateEmail(c *call, p *params) (any, *apiError) {
	if e := p.only("agent_id"); e != nil {
		return nil, e
	}
	id, _, e := p.str("agent_id", true)
	if e != nil {
		return nil, e
	}
	if c.st.agents.get(id) == nil {
		return nil, newError(errTypeNotFound, fmt.Sprintf("Agent %s not found", id))
	}
	// The emulator sends no e-mail, so no address is ever bounced: nothing to change.
	return empty(), nil
}

func updateCompanyDetails(c *call, p *params) (any, *apiError) {
	d := c.st.other.companyDetails
	fields := d.fields()
	keys := []string{"enrich"}
	for k := range fields {
		keys = append(keys, k)
	}
	if e := p.only(keys...); e != nil {
		return nil, e
	}
	// enrich asks the service to fill empty fields from the company's domain; the emulator has
	// no such data, so it only validates the flag.
	if _, _, e := p.boolean("enrich", false); e != nil {
		return nil, e
	}
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v, ok, e := p.str(k, false)
		if e != nil {
			return nil, e
		}
		if ok {
			*fields[k] = v
		}
	}
	c.st.other.companyDetails = d
	return empty(), nil
}

// CompanyDetails returns what update_company_details has set.
func (s *Server) CompanyDetails() CompanyDetails {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.other.companyDetails
}

// snapshot is the "Other" data, for the state dump.
func (o *otherStore) snapshot() OtherState {
	src := o.productSource
	out := OtherState{Channels: append([]Channel{}, o.channels...), ProductSource: &src}
	if o.companyDetails != (CompanyDetails{}) {
		d := o.companyDetails
		out.CompanyDetails = &d
	}
	return out
}

// merged returns the fixture's data on top of st: channels replace those of the same type and
// subtype; a product source or company details replace the whole value.
func (st OtherState) merged(in OtherState) OtherState {
	out := st
	out.Channels = mergeBy(st.Channels, in.Channels, func(c Channel) [2]string { return [2]string{c.ChannelType, c.ChannelSubtype} })
	if in.ProductSource != nil {
		out.ProductSource = in.ProductSource
	}
	if in.CompanyDetails != nil {
		out.CompanyDetails = in.CompanyDetails
	}
	return out
}

// load validates and stores the "Other" data of a state document. A document without a product
// source keeps an empty one.
func (o *otherStore) load(in OtherState) error {
	o.channels = []Channel{}
	seen := map[[2]string]bool{}
	for i, ch := range in.Channels {
		if !contains(channelTypes, ch.ChannelType) {
			return fmt.Errorf("state: channels[%d]: channel_type must be one of code, direct_link, integration", i)
		}
		if (ch.ChannelType == "integration") == (ch.ChannelSubtype == "") {
			return fmt.Errorf("state: channels[%d]: channel_subtype is a client id for integration channels and empty otherwise", i)
		}
		key := [2]string{ch.ChannelType, ch.ChannelSubtype}
		if seen[key] {
			return fmt.Errorf("state: channel %s %q appears twice", ch.ChannelType, ch.ChannelSubtype)
		}
		seen[key] = true
		o.channels = append(o.channels, ch)
	}
	o.productSource = ProductSource{}
	if in.ProductSource != nil {
		o.productSource = *in.ProductSource
	}
	o.companyDetails = CompanyDetails{}
	if in.CompanyDetails != nil {
		o.companyDetails = *in.CompanyDetails
	}
	return nil
}
