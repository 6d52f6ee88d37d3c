package emulator

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The Partner API's objects: one partner (the holder of the partner tokens) with its profile,
// billing, expert profile, API tokens, affiliate campaigns, solution organizations and licenses,
// leads and withdrawals. They live in their own sub-store, hooked into the license store so that
// reset, state dumps and fixtures cover them.

// partnerTimeFormat is the "2018-03-06 11:30:40" format of the Partner API's timestamps.
const partnerTimeFormat = "2006-01-02 15:04:05"

// DefaultPartnerPassword is the Partner Program password of a fresh emulator (Close Subscription
// asks for it); a state or fixture file can set another one (partner.password).
const DefaultPartnerPassword = "emulator-partner-password"

// partnerSelf is the key of the partner's singletons (profile, billing, expert profile).
const partnerSelf = "self"

// PartnerProfile is the partner's account profile (Get Profile / Update Profile).
type PartnerProfile struct {
	PartnerID      string          `json:"partner_id"`
	Login          string          `json:"login"`
	FirstName      string          `json:"first_name"`
	LastName       string          `json:"last_name"`
	ContactName    string          `json:"contact_name"`
	ContactEmail   string          `json:"contact_email"`
	SolutionStatus string          `json:"solution_status"`
	Properties     map[string]bool `json:"properties"`
	// The opt-ins of Update Profile; Get Profile does not return them.
	SendMonthlySummary        bool `json:"send_monthly_summary"`
	SendResellerWeeklySummary bool `json:"send_reseller_weekly_summary"`
	SendNewsletter            bool `json:"send_newsletter"`
	SendNotifications         bool `json:"send_notifications"`
}

// PartnerBilling is the partner's payout billing information (Get Billing / Update Billing).
type PartnerBilling struct {
	Type    string `json:"type"`
	Company string `json:"company"`
	VAT     string `json:"vat"`
	Address string `json:"address"`
	City    string `json:"city"`
	ZipCode string `json:"zip_code"`
	Country string `json:"country"`
	State   string `json:"state"`
	PayPal  string `json:"paypal"`
}

// Coupon is one of the partner's active coupons.
type Coupon struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
}

// PartnerToken is a Partner API token made with Create API Token; it authenticates until revoked.
type PartnerToken struct {
	ID        int    `json:"id"`
	Token     string `json:"token"`
	Label     string `json:"label"`
	CreatedAt string `json:"creation_timestamp"`
}

// Campaign is an affiliate campaign. Disabled campaigns are kept (Get Campaigns state=disabled,
// Search Campaigns state=archived).
type Campaign struct {
	ID            int    `json:"id"`
	Product       string `json:"product"`
	Name          string `json:"name"`
	Slug          string `json:"slug"`
	Link          string `json:"link"`
	TrialDuration int    `json:"trial_duration"`
	CouponID      int    `json:"coupon_id,omitempty"`
	Discount      string `json:"discount,omitempty"`
	CreatedAt     string `json:"creation_timestamp"`
	Active        bool   `json:"active"`
	DisabledAt    string `json:"disabled_timestamp,omitempty"`
	Region        string `json:"region"`
}

// Organization is a solution partner's client organization.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"organization_name"`
	ClientName  string `json:"client_name"`
	ClientEmail string `json:"client_email"`
	DataCenter  string `json:"data_center"`
	Identifier  string `json:"identifier,omitempty"`
	CreatedAt   string `json:"created_at"`
}

// LicenseOperator is a user invited to a solution license.
type LicenseOperator struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// Invoice is one invoice of a solution license's subscription.
type Invoice struct {
	No           int     `json:"invoice_no"`
	Date         string  `json:"date"`
	Plan         string  `json:"plan"`
	Seats        int     `json:"seats"`
	BillingCycle string  `json:"billing_cycle"`
	Amount       float64 `json:"amount"`
	Status       string  `json:"status"`
}

// SolutionLicense is a license a solution partner created for a client organization.
type SolutionLicense struct {
	ID             string            `json:"license"`
	Product        string            `json:"product"`
	OrganizationID string            `json:"organization_id"`
	ClientName     string            `json:"client_name"`
	ClientEmail    string            `json:"client_email"`
	PurchaseOrder  string            `json:"purchase_order"`
	PaymentOrigin  string            `json:"payment_origin"`
	TrialDuration  int               `json:"trial_duration"`
	CouponID       int               `json:"coupon_id,omitempty"`
	CreatedAt      string            `json:"creation_timestamp"`
	EndAt          string            `json:"end_timestamp"`
	ConversionAt   string            `json:"conversion_timestamp,omitempty"`
	CCAdded        bool              `json:"cc_added"`
	Converted      bool              `json:"converted"`  // a subscription was bought at least once
	Subscribed     bool              `json:"subscribed"` // the subscription renews (not closed)
	Plan           string            `json:"plan"`
	BillingCycle   string            `json:"billing_cycle"`
	Seats          int               `json:"seats"`
	Operators      []LicenseOperator `json:"operators"`
	Invoices       []Invoice         `json:"invoices"`
	Owner          string            `json:"owner"`
	Transferred    bool              `json:"transferred"`
}

// LeadEvent is one entry of a lead's history.
type LeadEvent struct {
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
}

// Lead is a lead submitted by the partner.
type Lead struct {
	ID                        string      `json:"lead_id"`
	PartnerName               string      `json:"partner_name"`
	PartnerEmail              string      `json:"partner_email"`
	CompanyName               string      `json:"company_name"`
	ContactEmail              string      `json:"contact_email"`
	Domain                    string      `json:"domain"`
	FirstName                 string      `json:"first_name"`
	LastName                  string      `json:"last_name"`
	Region                    string      `json:"region"`
	JobTitle                  string      `json:"job_title"`
	PhoneNumber               string      `json:"phone_number"`
	Description               string      `json:"description"`
	SendsPersonalIntroduction bool        `json:"sends_personal_introduction"`
	IsIncludedInCommunication bool        `json:"is_included_in_communication"`
	MonetizationType          string      `json:"monetization_type"`
	Status                    string      `json:"status"`
	FeeAmount                 float64     `json:"fee_amount"`
	UpdatedAt                 string      `json:"updated_at"`
	History                   []LeadEvent `json:"history"`
}

// ExpertProfile is the partner's Partner Directory profile.
type ExpertProfile struct {
	ExpertID         string   `json:"expert_id"`
	Status           string   `json:"status"`
	Company          string   `json:"company"`
	Phone            string   `json:"phone"`
	Logo             string   `json:"logo"`
	Description      string   `json:"description"`
	ShortDescription string   `json:"short_description"`
	Agents           string   `json:"agents,omitempty"`
	HourRate         *int     `json:"hour_rate,omitempty"`
	ProjectRate      *int     `json:"project_rate,omitempty"`
	Country          string   `json:"country"`
	Website          string   `json:"website"`
	Facebook         string   `json:"facebook,omitempty"`
	Twitter          string   `json:"twitter,omitempty"`
	Linkedin         string   `json:"linkedin,omitempty"`
	Categories       []string `json:"categories"`
	Languages        []string `json:"languages"`
	Projects         []string `json:"projects"`
	IndustryIDs      []int    `json:"industry_ids"`
	CreatedAt        string   `json:"created_at"`
}

// ExpertComment is a client's comment on the expert profile (fixtures add them).
type ExpertComment struct {
	Comment   string `json:"comment"`
	Author    string `json:"author"`
	CreatedAt string `json:"creation_timestamp"`
	Website   string `json:"website"`
}

// Withdrawal is a payout request.
type Withdrawal struct {
	ID        int     `json:"withdrawal_id"`
	RequestAt string  `json:"request_timestamp"`
	ActionAt  string  `json:"action_timestamp"`
	Status    string  `json:"status"`
	Amount    float64 `json:"amount"`
	InvoiceID string  `json:"invoice_id"`
	PayPal    string  `json:"paypal"`
}

// PartnerState is the Partner API part of the state dump and of fixtures.
type PartnerState struct {
	Password         string            `json:"password"`
	Profile          PartnerProfile    `json:"profile"`
	Billing          PartnerBilling    `json:"billing"`
	Coupons          []Coupon          `json:"coupons"`
	ExpertProfile    *ExpertProfile    `json:"expert_profile,omitempty"`
	ExpertComments   []ExpertComment   `json:"expert_comments"`
	APITokens        []PartnerToken    `json:"api_tokens"`
	Campaigns        []Campaign        `json:"campaigns"`
	Organizations    []Organization    `json:"organizations"`
	SolutionLicenses []SolutionLicense `json:"solution_licenses"`
	Leads            []Lead            `json:"leads"`
	Withdrawals      []Withdrawal      `json:"withdrawals"`
	Counters         PartnerCounters   `json:"counters"`
}

// PartnerCounters are the sequences the Partner API assigns ids from (never reused).
type PartnerCounters struct {
	Token      int `json:"api_token"`
	Campaign   int `json:"campaign"`
	License    int `json:"license"`
	Org        int `json:"organization"`
	Lead       int `json:"lead"`
	Withdrawal int `json:"withdrawal"`
	Invoice    int `json:"invoice"`
}

type partnerStore struct {
	password    string
	profile     *table[string, PartnerProfile]
	billing     *table[string, PartnerBilling]
	expert      *table[string, ExpertProfile]
	coupons     []Coupon
	comments    []ExpertComment
	tokens      *table[int, PartnerToken]
	campaigns   *table[int, Campaign]
	orgs        *table[string, Organization]
	licenses    *table[string, SolutionLicense]
	leads       *table[string, Lead]
	withdrawals *table[int, Withdrawal]
	next        PartnerCounters
}

func pClonePlain[T any](v *T) *T { c := *v; return &c }

func clonePartnerProfile(p *PartnerProfile) *PartnerProfile {
	c := *p
	c.Properties = map[string]bool{}
	for k, v := range p.Properties {
		c.Properties[k] = v
	}
	return &c
}

func cloneExpert(e *ExpertProfile) *ExpertProfile {
	c := *e
	c.Categories = slices.Clone(e.Categories)
	c.Languages = slices.Clone(e.Languages)
	c.Projects = slices.Clone(e.Projects)
	c.IndustryIDs = slices.Clone(e.IndustryIDs)
	if e.HourRate != nil {
		c.HourRate = new(int)
		*c.HourRate = *e.HourRate
	}
	if e.ProjectRate != nil {
		c.ProjectRate = new(int)
		*c.ProjectRate = *e.ProjectRate
	}
	return &c
}

func cloneLicense(l *SolutionLicense) *SolutionLicense {
	c := *l
	c.Operators = append([]LicenseOperator{}, l.Operators...)
	c.Invoices = append([]Invoice{}, l.Invoices...)
	return &c
}

func cloneLead(l *Lead) *Lead {
	c := *l
	c.History = append([]LeadEvent{}, l.History...)
	return &c
}

func emptyPartnerStore() *partnerStore {
	return &partnerStore{
		profile:     newTable[string](clonePartnerProfile),
		billing:     newTable[string](pClonePlain[PartnerBilling]),
		expert:      newTable[string](cloneExpert),
		tokens:      newTable[int](pClonePlain[PartnerToken]),
		campaigns:   newTable[int](pClonePlain[Campaign]),
		orgs:        newTable[string](pClonePlain[Organization]),
		licenses:    newTable[string](cloneLicense),
		leads:       newTable[string](cloneLead),
		withdrawals: newTable[int](pClonePlain[Withdrawal]),
		coupons:     []Coupon{},
		comments:    []ExpertComment{},
	}
}

// freshPartnerState is what a new partner account has: a profile, empty billing, the two coupons
// of the Get Coupons example, and nothing else.
func freshPartnerState() PartnerState {
	return PartnerState{
		Password: DefaultPartnerPassword,
		Profile: PartnerProfile{
			PartnerID: "emulator-partner", Login: "partner@example.com", SolutionStatus: "accepted",
			Properties: map[string]bool{
				"sales_kit_popup_closed": false, "pitch_deck_downloaded": false,
				"tier2_popup_closed": false, "payment_origin_popup_closed": false,
			},
		},
		Coupons: []Coupon{{ID: 1, Label: "30% off first payment"}, {ID: 2, Label: "$25 discount"}},
	}
}

func freshPartnerStore() *partnerStore {
	p, err := partnerStoreFrom(freshPartnerState())
	if err != nil {
		panic("emulator: fresh partner state: " + err.Error())
	}
	return p
}

func (p *partnerStore) snapshot() *PartnerState {
	out := &PartnerState{
		Password: p.password, Coupons: append([]Coupon{}, p.coupons...),
		ExpertComments: append([]ExpertComment{}, p.comments...), APITokens: []PartnerToken{},
		Campaigns: []Campaign{}, Organizations: []Organization{}, SolutionLicenses: []SolutionLicense{},
		Leads: []Lead{}, Withdrawals: []Withdrawal{}, Counters: p.next,
	}
	if v := p.profile.get(partnerSelf); v != nil {
		out.Profile = *clonePartnerProfile(v)
	}
	if v := p.billing.get(partnerSelf); v != nil {
		out.Billing = *v
	}
	if v := p.expert.get(partnerSelf); v != nil {
		out.ExpertProfile = cloneExpert(v)
	}
	for _, v := range p.tokens.list(authoritative) {
		out.APITokens = append(out.APITokens, *v)
	}
	for _, v := range p.campaigns.list(authoritative) {
		out.Campaigns = append(out.Campaigns, *v)
	}
	for _, v := range p.orgs.list(authoritative) {
		out.Organizations = append(out.Organizations, *v)
	}
	for _, v := range p.licenses.list(authoritative) {
		out.SolutionLicenses = append(out.SolutionLicenses, *cloneLicense(v))
	}
	for _, v := range p.leads.list(authoritative) {
		out.Leads = append(out.Leads, *cloneLead(v))
	}
	for _, v := range p.withdrawals.list(authoritative) {
		out.Withdrawals = append(out.Withdrawals, *v)
	}
	return out
}

// decodePartnerState reads the "partner" object of a state document; omitted parts get the
// fresh account's values.
func decodePartnerState(raw json.RawMessage) (*PartnerState, error) {
	st := freshPartnerState()
	if err := strictUnmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("state: partner: %w", err)
	}
	return &st, nil
}

// mergePartnerState adds the objects of a fixture to a state, replacing objects with the same key.
// A fixture's singletons (profile, billing, expert profile, password) replace the state's when set.
func mergePartnerState(base, add *PartnerState) *PartnerState {
	if add == nil {
		return base
	}
	if base == nil {
		fresh := freshPartnerState()
		base = &fresh
	}
	fresh := freshPartnerState()
	out := *base
	if add.Password != fresh.Password {
		out.Password = add.Password
	}
	if a, f := pMustJSON(add.Profile), pMustJSON(fresh.Profile); a != f {
		out.Profile = add.Profile
	}
	if add.Billing != (PartnerBilling{}) {
		out.Billing = add.Billing
	}
	if add.ExpertProfile != nil {
		out.ExpertProfile = add.ExpertProfile
	}
	if pMustJSON(add.Coupons) != pMustJSON(fresh.Coupons) {
		out.Coupons = mergeBy(out.Coupons, add.Coupons, func(c Coupon) int { return c.ID })
	}
	out.ExpertComments = append(append([]ExpertComment{}, out.ExpertComments...), add.ExpertComments...)
	out.APITokens = mergeBy(out.APITokens, add.APITokens, func(t PartnerToken) int { return t.ID })
	out.Campaigns = mergeBy(out.Campaigns, add.Campaigns, func(c Campaign) int { return c.ID })
	out.Organizations = mergeBy(out.Organizations, add.Organizations, func(o Organization) string { return o.ID })
	out.SolutionLicenses = mergeBy(out.SolutionLicenses, add.SolutionLicenses, func(l SolutionLicense) string { return l.ID })
	out.Leads = mergeBy(out.Leads, add.Leads, func(l Lead) string { return l.ID })
	out.Withdrawals = mergeBy(out.Withdrawals, add.Withdrawals, func(w Withdrawal) int { return w.ID })
	out.Counters = PartnerCounters{
		Token: max(base.Counters.Token, add.Counters.Token), Campaign: max(base.Counters.Campaign, add.Counters.Campaign),
		License: max(base.Counters.License, add.Counters.License), Org: max(base.Counters.Org, add.Counters.Org),
		Lead: max(base.Counters.Lead, add.Counters.Lead), Withdrawal: max(base.Counters.Withdrawal, add.Counters.Withdrawal),
		Invoice: max(base.Counters.Invoice, add.Counters.Invoice),
	}
	return &out
}

func pMustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func pCheckTime(what, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse(partnerTimeFormat, v); err != nil {
		return fmt.Errorf("state: partner: %s: %q is not a \"YYYY-MM-DD HH:MM:SS\" time", what, v)
	}
	return nil
}

// partnerStoreFrom validates a partner state and builds a store whose objects are visible at once.
func partnerStoreFrom(in PartnerState) (*partnerStore, error) {
	p := emptyPartnerStore()
	p.password = in.Password
	if p.password == "" {
		return nil, errors.New("state: partner: password is empty")
	}
	prof := in.Profile
	if prof.Properties == nil {
		prof.Properties = map[string]bool{}
	}
	p.profile.load(partnerSelf, clonePartnerProfile(&prof))
	b := in.Billing
	p.billing.load(partnerSelf, &b)
	if in.ExpertProfile != nil {
		p.expert.load(partnerSelf, cloneExpert(in.ExpertProfile))
	}
	p.coupons = append([]Coupon{}, in.Coupons...)
	p.comments = append([]ExpertComment{}, in.ExpertComments...)
	next := in.Counters
	for _, t := range in.APITokens {
		if t.ID <= 0 || t.Token == "" || p.tokens.get(t.ID) != nil {
			return nil, fmt.Errorf("state: partner: api token %d: needs a unique positive id and a token", t.ID)
		}
		p.tokens.load(t.ID, pClonePlain(&t))
		next.Token = max(next.Token, t.ID)
	}
	for _, c := range in.Campaigns {
		if c.ID <= 0 || p.campaigns.get(c.ID) != nil {
			return nil, fmt.Errorf("state: partner: campaign %d: needs a unique positive id", c.ID)
		}
		if !contains(campaignProducts, c.Product) {
			return nil, fmt.Errorf("state: partner: campaign %d: bad product %q", c.ID, c.Product)
		}
		if err := pCheckTime(fmt.Sprintf("campaign %d", c.ID), c.CreatedAt); err != nil {
			return nil, err
		}
		cc := c
		if cc.Slug == "" {
			cc.Slug = campaignSlug(cc.Name)
		}
		if cc.Region == "" {
			cc.Region = defaultRegion
		}
		if cc.TrialDuration == 0 {
			cc.TrialDuration = pMinTrialDuration
		}
		p.campaigns.load(cc.ID, &cc)
		next.Campaign = max(next.Campaign, c.ID)
	}
	for _, o := range in.Organizations {
		if o.ID == "" || p.orgs.get(o.ID) != nil {
			return nil, fmt.Errorf("state: partner: organization %q: needs a unique id", o.ID)
		}
		oc := o
		if oc.DataCenter == "" {
			oc.DataCenter = pDataCenters[0]
		}
		p.orgs.load(oc.ID, &oc)
	}
	for _, l := range in.SolutionLicenses {
		if l.ID == "" || p.licenses.get(l.ID) != nil {
			return nil, fmt.Errorf("state: partner: solution license %q: needs a unique id", l.ID)
		}
		if !contains(solutionProducts, l.Product) {
			return nil, fmt.Errorf("state: partner: solution license %s: bad product %q", l.ID, l.Product)
		}
		if l.OrganizationID != "" && p.orgs.get(l.OrganizationID) == nil {
			return nil, fmt.Errorf("state: partner: solution license %s: organization %q does not exist", l.ID, l.OrganizationID)
		}
		for _, ts := range []string{l.CreatedAt, l.EndAt, l.ConversionAt} {
			if err := pCheckTime("solution license "+l.ID, ts); err != nil {
				return nil, err
			}
		}
		p.licenses.load(l.ID, cloneLicense(&l))
		for _, inv := range l.Invoices {
			next.Invoice = max(next.Invoice, inv.No)
		}
	}
	for _, l := range in.Leads {
		if l.ID == "" || p.leads.get(l.ID) != nil {
			return nil, fmt.Errorf("state: partner: lead %q: needs a unique id", l.ID)
		}
		lc := cloneLead(&l)
		if lc.Status == "" {
			lc.Status = "new"
		}
		p.leads.load(l.ID, lc)
		if n, err := strconv.Atoi(l.ID); err == nil {
			next.Lead = max(next.Lead, n)
		}
	}
	for _, w := range in.Withdrawals {
		if w.ID <= 0 || p.withdrawals.get(w.ID) != nil {
			return nil, fmt.Errorf("state: partner: withdrawal %d: needs a unique positive id", w.ID)
		}
		p.withdrawals.load(w.ID, pClonePlain(&w))
		next.Withdrawal = max(next.Withdrawal, w.ID)
	}
	p.next = next
	return p, nil
}

// pStableID derives a UUID-shaped id (version 5 layout) from a seed.
func pStableID(seed string) string {
	h := sha1.Sum([]byte("livechat-emulator/" + seed))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// Authoritative lookups for tests (the propagation delay is ignored).

// Campaign returns the campaign with that id (active or disabled).
func (s *Server) Campaign(id int) (Campaign, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.st.partner.campaigns.get(id); c != nil {
		return *c, true
	}
	return Campaign{}, false
}

// SolutionOrganization returns the organization with that id.
func (s *Server) SolutionOrganization(id string) (Organization, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.st.partner.orgs.get(id); o != nil {
		return *o, true
	}
	return Organization{}, false
}

// SolutionLicense returns the solution license with that id.
func (s *Server) SolutionLicense(id string) (SolutionLicense, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.st.partner.licenses.get(id); l != nil {
		return *cloneLicense(l), true
	}
	return SolutionLicense{}, false
}

// SolutionLicenseStatus returns the status (trial, paid, expired) a license has now.
func (s *Server) SolutionLicenseStatus(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.st.partner.licenses.get(id); l != nil {
		return pLicenseStatus(l, s.opts.Now()), true
	}
	return "", false
}

// ExpertProfile returns the partner's expert profile, if one was created.
func (s *Server) ExpertProfile() (ExpertProfile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.st.partner.expert.get(partnerSelf); e != nil {
		return *cloneExpert(e), true
	}
	return ExpertProfile{}, false
}

// PartnerProfile returns the partner's profile.
func (s *Server) PartnerProfile() PartnerProfile {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *clonePartnerProfile(s.st.partner.profile.get(partnerSelf))
}

// PartnerBilling returns the partner's billing information.
func (s *Server) PartnerBilling() PartnerBilling {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.st.partner.billing.get(partnerSelf)
}

// PartnerAPIToken returns the API token with that id, if it was not revoked.
func (s *Server) PartnerAPIToken(id int) (PartnerToken, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.st.partner.tokens.get(id); t != nil {
		return *t, true
	}
	return PartnerToken{}, false
}

// Lead returns the lead with that id.
func (s *Server) Lead(id string) (Lead, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.st.partner.leads.get(id); l != nil {
		return *cloneLead(l), true
	}
	return Lead{}, false
}

// registerPartnerKinds adds the out-of-band deletes of the Partner API's objects.
func registerPartnerKinds(s *Server) {
	intKey := func(kind, id string) (int, error) {
		n, err := strconv.Atoi(id)
		if err != nil {
			return 0, fmt.Errorf("%s id %q is not a number: %w", kind, id, ErrNotFound)
		}
		return n, nil
	}
	s.kinds["campaign"] = func(st *store, id string) error {
		n, err := intKey("campaign", id)
		if err != nil {
			return err
		}
		if st.partner.campaigns.get(n) == nil {
			return fmt.Errorf("campaign %s: %w", id, ErrNotFound)
		}
		st.partner.campaigns.purge(n)
		return nil
	}
	s.kinds["solution_organization"] = func(st *store, id string) error {
		if st.partner.orgs.get(id) == nil {
			return fmt.Errorf("solution organization %s: %w", id, ErrNotFound)
		}
		st.partner.orgs.purge(id)
		for _, lid := range st.partner.licenses.keys(authoritative) {
			if st.partner.licenses.get(lid).OrganizationID == id {
				st.partner.licenses.purge(lid)
			}
		}
		return nil
	}
	s.kinds["solution_license"] = func(st *store, id string) error {
		if st.partner.licenses.get(id) == nil {
			return fmt.Errorf("solution license %s: %w", id, ErrNotFound)
		}
		st.partner.licenses.purge(id)
		return nil
	}
	s.kinds["expert_profile"] = func(st *store, _ string) error {
		if st.partner.expert.get(partnerSelf) == nil {
			return fmt.Errorf("expert profile: %w", ErrNotFound)
		}
		st.partner.expert.purge(partnerSelf)
		return nil
	}
	s.kinds["partner_api_token"] = func(st *store, id string) error {
		n, err := intKey("partner_api_token", id)
		if err != nil {
			return err
		}
		if st.partner.tokens.get(n) == nil {
			return fmt.Errorf("partner API token %s: %w", id, ErrNotFound)
		}
		st.partner.tokens.purge(n)
		return nil
	}
	s.kinds["lead"] = func(st *store, id string) error {
		if st.partner.leads.get(id) == nil {
			return fmt.Errorf("lead %s: %w", id, ErrNotFound)
		}
		st.partner.leads.purge(id)
		return nil
	}
}
