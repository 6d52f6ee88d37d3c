package listing

import (
	"context"
	"fmt"
	"strconv"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// --- Partner API v2 ----------------------------------------------------------------------------

func listPartnerProfile(ctx context.Context, s *Session) ([]Object, error) {
	p, err := s.Partner.GetProfile(ctx)
	if err != nil {
		return nil, err
	}
	// A profile nobody filled in has empty names, which the resource's required attributes refuse.
	untouched := p.FirstName == "" && p.LastName == "" && p.ContactName == "" && p.ContactEmail == ""
	return []Object{{ID: "partner_profile", Hint: "this", Label: "partner profile", Default: untouched, Note: notePartnerProf}}, nil
}

func listPartnerBilling(ctx context.Context, s *Session) ([]Object, error) {
	b, err := s.Partner.GetBilling(ctx)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if b.Type == "" && b.Company == "" && b.PayPal == "" {
		s.note("livechat_partner_billing skipped: the partner has no billing information yet")
		return nil, nil
	}
	return []Object{{ID: "partner_billing", Hint: "this", Label: "partner billing"}}, nil
}

func listPartnerAPITokens(ctx context.Context, s *Session) ([]Object, error) {
	tokens, err := s.Partner.ListAPITokens(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, Object{ID: strconv.FormatInt(t.ID, 10), Hint: t.Label})
	}
	return out, nil
}

func listCampaigns(ctx context.Context, s *Session) ([]Object, error) {
	cs, err := s.Partner.ListCampaigns(ctx, true)
	if err != nil {
		return nil, err
	}
	var out []Object
	for _, c := range cs {
		if !c.Active { // a disabled campaign cannot be managed (the resource would create it again)
			continue
		}
		out = append(out, Object{ID: strconv.FormatInt(c.ID, 10), Hint: c.Name, Default: c.IsDefault})
	}
	return out, nil
}

func listSolutionOrganizations(ctx context.Context, s *Session) ([]Object, error) {
	if len(s.Organizations) == 0 {
		s.note("livechat_solution_organization skipped: the Partner API cannot list organizations; pass their IDs with -organizations")
		return nil, nil
	}
	var out []Object
	for _, id := range s.Organizations {
		o, err := s.Partner.GetOrganization(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("organization %s: %w", id, err)
		}
		out = append(out, Object{ID: o.OrganizationID, Hint: o.Name, Note: noteOrganization})
	}
	return out, nil
}

func listSolutionLicenses(ctx context.Context, s *Session) ([]Object, error) {
	licenses, err := s.Partner.ListLicenses(ctx, partner.DateRange{})
	if err != nil {
		return nil, err
	}
	orgOf := map[string]string{} // product/license → organization
	orgName := map[string]string{}
	for _, id := range s.Organizations {
		o, err := s.Partner.GetOrganizationLicenses(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("licenses of organization %s: %w", id, err)
		}
		orgName[id] = o.OrganizationName
		for _, l := range o.Licenses {
			orgOf[l.Product+"/"+l.ExternalLicenseID] = id
		}
	}
	out := make([]Object, 0, len(licenses))
	for _, l := range licenses {
		key := l.Product + "/" + l.License
		imp := Object{ID: key, Hint: l.ClientName + "_" + l.Product, Label: l.ClientName + " (" + key + ")", Note: noteLicenseSecrets}
		if org, ok := orgOf[key]; ok {
			imp.ID = org + "/" + key
			imp.Hint = orgName[org] + "_" + l.Product
		} else {
			imp.Note = noteLicenseNoOrg + " " + noteLicenseSecrets
		}
		out = append(out, imp)
	}
	return out, nil
}

func listExpertProfile(ctx context.Context, s *Session) ([]Object, error) {
	_, err := s.Partner.GetExpertProfile(ctx)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []Object{{ID: "expert_profile", Hint: "this", Label: "Expert profile"}}, nil
}
