package emulator

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	_ "image/jpeg" // logo uploads
	_ "image/png"  // logo uploads
	"mime"
	"regexp"
	"sort"
	"time"
)

// Partner API v2, "Partner Directory": the expert profile, its logo, comments, stats and history.

const (
	minExpertCompany     = 4
	minExpertDescription = 10
	minLogoSide          = 350
	maxLogoSide          = 1000
	expertCategoryAgents = "chat-agent-outsourcing"
)

var (
	expertCategories = []string{"chat-agent-outsourcing", "custom-development", "product-implementation", "chatbot-building", "training"}
	expertIndustries = []int{1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49}
	expertAgents     = []string{"1-5", "6-15", "16-30", "31-50", "51+"}
	expertLanguage   = regexp.MustCompile(`^[A-Z]{2}$`)
	expertParams     = []string{"company", "phone", "description", "short_description", "country", "website", "categories",
		"industry_ids", "projects", "agents", "languages", "hour_rate", "project_rate", "facebook", "twitter", "linkedin"}
)

// pParseExpert validates a Create/Update Expert Profile request (the same parameters for both).
func pParseExpert(p *params) (*ExpertProfile, *apiError) {
	if e := p.only(expertParams...); e != nil {
		return nil, e
	}
	req, e := pRequiredStrings(p, "company", "phone", "description", "short_description", "country", "website")
	if e != nil {
		return nil, e
	}
	switch {
	case pRunes(req["company"]) < minExpertCompany:
		return nil, pBadRequest("`company` must have at least %d characters", minExpertCompany)
	case pRunes(req["description"]) < minExpertDescription:
		return nil, pBadRequest("`description` must have at least %d characters", minExpertDescription)
	case pRunes(req["short_description"]) < minExpertDescription:
		return nil, pBadRequest("`short_description` must have at least %d characters", minExpertDescription)
	case !pCountryCode.MatchString(req["country"]):
		return nil, pBadRequest("`country` must be a two-letter ISO 3166-1 country code in capitals, e.g. US")
	case !pValidURL(req["website"]):
		return nil, pBadRequest("`website` must be an http(s) URL")
	}
	cats, _, e := p.strings("categories", true, expertCategories...)
	if e != nil {
		return nil, e
	}
	if len(cats) == 0 {
		return nil, pBadRequest("`categories` must list at least one category")
	}
	inds, _, e := p.ids("industry_ids", true)
	if e != nil {
		return nil, e
	}
	if len(inds) == 0 {
		return nil, pBadRequest("`industry_ids` must list at least one industry")
	}
	for i, id := range inds {
		if !pContainsInt(expertIndustries, id) {
			return nil, pBadRequest("`industry_ids[%d]` must be one of: 1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49", i)
		}
	}
	projects, _, e := p.strings("projects", true)
	if e != nil {
		return nil, e
	}
	for i, u := range projects {
		if !pValidURL(u) {
			return nil, pBadRequest("`projects[%d]` must be an http(s) URL", i)
		}
	}
	opt, e := pOptionalStrings(p, "facebook", "twitter", "linkedin")
	if e != nil {
		return nil, e
	}
	for _, k := range []string{"facebook", "twitter", "linkedin"} {
		if opt[k] != "" && !pValidURL(opt[k]) {
			return nil, pBadRequest("`%s` must be an http(s) URL", k)
		}
	}
	agents, hasAgents, e := p.str("agents", false)
	if e != nil {
		return nil, e
	}
	if hasAgents {
		if e := pOneOf("agents", agents, expertAgents); e != nil {
			return nil, e
		}
	}
	langs, _, e := p.strings("languages", false)
	if e != nil {
		return nil, e
	}
	for i, l := range langs {
		if !expertLanguage.MatchString(l) {
			return nil, pBadRequest("`languages[%d]` must be a two-letter language code in capitals, e.g. EN", i)
		}
	}
	if contains(cats, expertCategoryAgents) {
		if !hasAgents {
			return nil, pBadRequest("`agents` is required when `categories` includes %s", expertCategoryAgents)
		}
		if len(langs) == 0 {
			return nil, pBadRequest("`languages` is required when `categories` includes %s", expertCategoryAgents)
		}
	}
	ep := &ExpertProfile{
		Company: req["company"], Phone: req["phone"], Description: req["description"],
		ShortDescription: req["short_description"], Country: req["country"], Website: req["website"],
		Categories: cats, IndustryIDs: inds, Projects: projects, Agents: agents, Languages: langs,
		Facebook: opt["facebook"], Twitter: opt["twitter"], Linkedin: opt["linkedin"],
	}
	if ep.Languages == nil {
		ep.Languages = []string{}
	}
	for _, k := range []string{"hour_rate", "project_rate"} {
		n, ok, e := p.integer(k, false)
		if e != nil {
			return nil, e
		}
		if ok && n < 0 {
			return nil, pBadRequest("`%s` must be 0 or more", k)
		}
		if ok {
			v := n
			if k == "hour_rate" {
				ep.HourRate = &v
			} else {
				ep.ProjectRate = &v
			}
		}
	}
	return ep, nil
}

func pContainsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func createExpertProfile(c *pcall, a pargs) (presult, *apiError) {
	ep, e := pParseExpert(jsonParams(a))
	if e != nil {
		return presult{}, e
	}
	if c.st.expert.get(partnerSelf) != nil {
		return presult{}, pConflict("The expert profile exists already; update it instead")
	}
	ep.ExpertID = "expert-" + campaignSlug(ep.Company)[3:]
	ep.Status = "verified"
	ep.CreatedAt = c.now.UTC().Format(partnerTimeFormat)
	c.st.expert.create(partnerSelf, ep, c.now, c.delay)
	return pCreated(), nil
}

func updateExpertProfile(c *pcall, a pargs) (presult, *apiError) {
	ep, e := pParseExpert(jsonParams(a))
	if e != nil {
		return presult{}, e
	}
	cur := c.st.expert.get(partnerSelf)
	if cur == nil {
		return presult{}, pNotFound("Expert profile")
	}
	ep.ExpertID, ep.Status, ep.CreatedAt, ep.Logo = cur.ExpertID, cur.Status, cur.CreatedAt, cur.Logo
	c.st.expert.update(partnerSelf, ep, c.now, c.delay)
	return pNoContent(), nil
}

func getExpertProfile(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	ep := c.st.expert.in(partnerSelf, c.view())
	if ep == nil {
		return presult{}, pNotFound("Expert profile")
	}
	out := map[string]any{
		"expert_id": ep.ExpertID, "partner_id": c.st.partnerID(), "status": ep.Status, "company": ep.Company,
		"phone": ep.Phone, "logo": ep.Logo, "description": ep.Description, "short_description": ep.ShortDescription,
		"country": ep.Country, "website": ep.Website, "categories": ep.Categories, "languages": ep.Languages,
		"projects": ep.Projects, "industry_ids": ep.IndustryIDs,
	}
	if ep.Agents != "" {
		out["agents"] = ep.Agents
	}
	if ep.HourRate != nil {
		out["hour_rate"] = *ep.HourRate
	}
	if ep.ProjectRate != nil {
		out["project_rate"] = *ep.ProjectRate
	}
	for k, v := range map[string]string{"facebook": ep.Facebook, "twitter": ep.Twitter, "linkedin": ep.Linkedin} {
		if v != "" {
			out[k] = v
		}
	}
	return pOK(out), nil
}

// pUploadLogo takes a PNG or JPEG body of 350 to 1000 pixels per side.
func pUploadLogo(c *pcall, _ pargs) (presult, *apiError) {
	mt, _, _ := mime.ParseMediaType(c.ctype)
	if mt != "image/png" && mt != "image/jpeg" {
		return presult{}, pBadRequest("`Content-Type` must be image/png or image/jpeg")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(c.body))
	if err != nil || (format == "png") != (mt == "image/png") || (format != "png" && format != "jpeg") {
		return presult{}, pBadRequest("The request body must be a .jpg or .png image matching its Content-Type")
	}
	if cfg.Width < minLogoSide || cfg.Height < minLogoSide || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
		return presult{}, pBadRequest("The logo must be at least %dx%d px and at most %dx%d px (got %dx%d)",
			minLogoSide, minLogoSide, maxLogoSide, maxLogoSide, cfg.Width, cfg.Height)
	}
	cur := c.st.expert.get(partnerSelf)
	if cur == nil {
		return presult{}, pNotFound("Expert profile")
	}
	ext := map[string]string{"png": "png", "jpeg": "jpg"}[format]
	sum := sha256.Sum256(c.body)
	logo := fmt.Sprintf("https://cdn.livechat-emulator.invalid/experts/%s/%x.%s", c.st.partnerID(), sum[:8], ext)
	ed := c.st.expert.editable(partnerSelf)
	ed.Logo = logo
	c.st.expert.update(partnerSelf, ed, c.now, c.delay)
	return pOK(map[string]any{"result": logo}), nil
}

func pGetComments(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	out := append([]ExpertComment{}, c.st.comments...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt > out[j].CreatedAt })
	return pOK(map[string]any{"result": out}), nil
}

// pExpertMonths lists the months (newest first, at most 12) from the profile's creation to now.
func pExpertMonths(ep *ExpertProfile, now time.Time) []time.Time {
	if ep == nil {
		return nil
	}
	pCreated, err := time.Parse(partnerTimeFormat, ep.CreatedAt)
	if err != nil {
		return nil
	}
	first := time.Date(pCreated.Year(), pCreated.Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []time.Time
	for m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC); !m.Before(first) && len(out) < 12; m = m.AddDate(0, -1, 0) {
		out = append(out, m)
	}
	return out
}

func pMonthViews(m time.Time) int { return 40 + (m.Year()*12+int(m.Month()))*17%60 }

func getExpertStats(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	ep := c.st.expert.in(partnerSelf, c.view())
	position, messages := 0, 0
	if ep != nil {
		if ep.Status == "verified" {
			position = 1
		}
		for _, m := range pExpertMonths(ep, c.now) {
			messages += pMonthViews(m) / 10
		}
	}
	return pOK(map[string]any{"position": position, "comments": len(c.st.comments), "messages": messages}), nil
}

func getExpertHistory(c *pcall, a pargs) (presult, *apiError) {
	if e := a.only(); e != nil {
		return presult{}, e
	}
	out := []map[string]any{}
	for _, m := range pExpertMonths(c.st.expert.in(partnerSelf, c.view()), c.now) {
		out = append(out, map[string]any{"date": m.Format("2006-01"), "profile_views": pMonthViews(m)})
	}
	return pOK(map[string]any{"result": out}), nil
}
