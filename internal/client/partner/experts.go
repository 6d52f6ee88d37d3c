package partner

import (
	"context"
	"net/http"
)

// ExpertProfile is the Expert profile as Get Expert Profile returns it and as Create/Update Expert
// Profile take it (the read-only fields are not sent).
type ExpertProfile struct {
	ExpertID         string   `json:"expert_id,omitempty"`
	PartnerID        string   `json:"partner_id,omitempty"`
	Status           string   `json:"status,omitempty"`
	Logo             string   `json:"logo,omitempty"`
	Company          string   `json:"company"`
	Phone            string   `json:"phone"`
	Description      string   `json:"description"`
	ShortDescription string   `json:"short_description"`
	Country          string   `json:"country"`
	Website          string   `json:"website"`
	Categories       []string `json:"categories"`
	IndustryIDs      []int64  `json:"industry_ids"`
	Projects         []string `json:"projects"`
	Agents           string   `json:"agents,omitempty"`
	Languages        []string `json:"languages,omitempty"`
	HourRate         *int64   `json:"hour_rate,omitempty"`
	ProjectRate      *int64   `json:"project_rate,omitempty"`
	Twitter          string   `json:"twitter,omitempty"`
	// The Get Expert Profile example shows no facebook or linkedin: nil when an answer leaves
	// them out (and, in a request, when not sent).
	Facebook *string `json:"facebook,omitempty"`
	Linkedin *string `json:"linkedin,omitempty"`
}

// writable drops the read-only fields before a create or update.
func (e ExpertProfile) writable() ExpertProfile {
	e.ExpertID, e.PartnerID, e.Status, e.Logo = "", "", "", ""
	return e
}

// GetExpertProfile returns the Expert profile (not found until one is created).
func (c *Client) GetExpertProfile(ctx context.Context) (*ExpertProfile, error) {
	var out ExpertProfile
	if err := c.get(ctx, "/experts/profile", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateExpertProfile creates the partner's one Expert profile; a second create answers 409.
// Whether a profile exists is noted first: after an ambiguous failure an existing profile is the
// one this call created only when there was none before (a re-sent create's 409 proves the same);
// otherwise the 409 is returned, as without the fault.
func (c *Client) CreateExpertProfile(ctx context.Context, in ExpertProfile) error {
	_, err := c.GetExpertProfile(ctx)
	taken := err == nil
	if err != nil && !isNotFound(err) {
		return err
	}
	req := request(http.MethodPost, "/experts/profile", nil)
	req.JSON = in.writable()
	req.Operation = "create_expert_profile"
	req.Creates = true
	req.AlreadyExistsProves = !taken
	req.Recover = func(ctx context.Context) (bool, error) {
		if taken { // someone else's profile: only a re-send's answer tells
			return false, nil
		}
		_, err := c.GetExpertProfile(ctx)
		if err != nil && isNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	return c.do(ctx, req, nil)
}

// UpdateExpertProfile replaces the Expert profile.
func (c *Client) UpdateExpertProfile(ctx context.Context, in ExpertProfile) error {
	return c.sendJSON(ctx, http.MethodPut, "/experts/profile", nil, in.writable(), nil)
}

// ExpertComment is a comment on the Expert profile.
type ExpertComment struct {
	Comment           string `json:"comment"`
	Author            string `json:"author"`
	CreationTimestamp string `json:"creation_timestamp"`
	Website           string `json:"website"`
}

// GetExpertComments lists the comments on the Expert profile.
func (c *Client) GetExpertComments(ctx context.Context) ([]ExpertComment, error) {
	var out struct {
		Result []ExpertComment `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/experts/comments", nil, &out)
	return out.Result, err
}

// ExpertStats is Get Expert Stats.
type ExpertStats struct {
	Position int64 `json:"position"`
	Comments int64 `json:"comments"`
	Messages int64 `json:"messages"`
}

// GetExpertStats returns the profile's Marketplace position and its comment and message counts.
func (c *Client) GetExpertStats(ctx context.Context) (*ExpertStats, error) {
	var out ExpertStats
	if err := c.get(ctx, "/experts/stats", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ExpertMonth is one month of Get Expert History.
type ExpertMonth struct {
	Date         string `json:"date"`
	ProfileViews int64  `json:"profile_views"`
}

// GetExpertHistory returns the profile views of up to the last 12 months.
func (c *Client) GetExpertHistory(ctx context.Context) ([]ExpertMonth, error) {
	var out struct {
		Result []ExpertMonth `json:"result" answer:"required"`
	}
	err := c.get(ctx, "/experts/history", nil, &out)
	return out.Result, err
}
