package emulator

import (
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
)

// Authentication and region checks shared by the API surfaces.

func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func bearerToken(r *http.Request) (string, bool) {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	cred = strings.TrimSpace(cred)
	return cred, cred != ""
}

// authLicense authenticates a license API request (Configuration API, later the legacy REST API)
// and returns the requester's agent id: a Bearer access token or a Basic personal access token
// (user name = account id or login e-mail).
func (s *Server) authLicense(r *http.Request) (string, *apiError) {
	if tok, ok := bearerToken(r); ok {
		for _, t := range s.opts.AccessTokens {
			if equalSecret(tok, t) {
				return s.opts.OwnerID, nil
			}
		}
		return "", errAuthentication()
	}
	if user, pass, ok := basicAuth(r); ok && user != "" {
		for _, p := range s.opts.PATs {
			if (user == p.AccountID || user == p.LoginEmail) && equalSecret(pass, p.Token) {
				if p.LoginEmail != "" {
					return p.LoginEmail, nil
				}
				return s.opts.OwnerID, nil
			}
		}
	}
	return "", errAuthentication()
}

func basicAuth(r *http.Request) (user, pass string, ok bool) {
	scheme, cred, found := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return "", "", false
	}
	dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
	if err != nil {
		return "", "", false
	}
	return strings.Cut(string(dec), ":")
}

// authPartner authenticates a Partner API request (Bearer partner API token).
func (s *Server) authPartner(r *http.Request) *apiError {
	if tok, ok := bearerToken(r); ok {
		for _, t := range s.opts.PartnerTokens {
			if equalSecret(tok, t) {
				return nil
			}
		}
	}
	return errAuthentication()
}

// requestRegion is the data center a request is addressed to: X-Region, else "dal".
func requestRegion(r *http.Request) string {
	if v := strings.TrimSpace(r.Header.Get("X-Region")); v != "" {
		return strings.ToLower(v)
	}
	return defaultRegion
}

// checkRegion answers a request for the other data center with misdirected_request.
func (s *Server) checkRegion(r *http.Request) *apiError {
	if requestRegion(r) != s.opts.Region {
		return errMisdirected(s.opts.Region)
	}
	return nil
}
