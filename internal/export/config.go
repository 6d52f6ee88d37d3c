package export

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// Defaults shared with the provider's settings of the same names.
const (
	defaultMaxRetries     = 5
	defaultRequestTimeout = 30 * time.Second
	defaultRateLimit      = 0.0 // no cap: a 429 slows the client down
)

// ConfigFromEnv reads the provider's environment variables (LIVECHAT_API_URL,
// LIVECHAT_ACCESS_TOKEN, LIVECHAT_PAT + LIVECHAT_ACCOUNT_ID / LIVECHAT_LOGIN_EMAIL,
// LIVECHAT_PARTNER_API_TOKEN, LIVECHAT_REGION, LIVECHAT_MAX_RETRIES, LIVECHAT_REQUEST_TIMEOUT,
// LIVECHAT_RATE_LIMIT) into a client configuration, with the provider's defaults.
func ConfigFromEnv(getenv func(string) string, userAgent string) (client.Config, error) {
	cfg := client.Config{
		APIURL:              getenv("LIVECHAT_API_URL"),
		AccessToken:         getenv("LIVECHAT_ACCESS_TOKEN"),
		PersonalAccessToken: getenv("LIVECHAT_PAT"),
		AccountID:           getenv("LIVECHAT_ACCOUNT_ID"),
		LoginEmail:          getenv("LIVECHAT_LOGIN_EMAIL"),
		PartnerToken:        getenv("LIVECHAT_PARTNER_API_TOKEN"),
		Region:              getenv("LIVECHAT_REGION"),
		UserAgent:           userAgent,
		MaxRetries:          defaultMaxRetries,
		RequestTimeout:      defaultRequestTimeout,
		RateLimit:           defaultRateLimit,
		Coalesce:            true,
	}
	var errs []error
	if cfg.Region != "" && cfg.Region != client.RegionDAL && cfg.Region != client.RegionFRA {
		errs = append(errs, fmt.Errorf("LIVECHAT_REGION is %q; use dal or fra", cfg.Region))
	}
	if cfg.APIURL != "" {
		if _, err := client.ParseAPIURL(cfg.APIURL); err != nil {
			errs = append(errs, fmt.Errorf("LIVECHAT_API_URL: %w", err))
		}
	}
	if v := getenv("LIVECHAT_MAX_RETRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("LIVECHAT_MAX_RETRIES %q is not a whole number >= 0", v))
		}
		cfg.MaxRetries = n
	}
	if v := getenv("LIVECHAT_REQUEST_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("LIVECHAT_REQUEST_TIMEOUT %q is not a positive duration such as 30s", v))
		}
		cfg.RequestTimeout = d
	}
	if v := getenv("LIVECHAT_RATE_LIMIT"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			err = errors.New("is not a number")
		} else {
			err = client.CheckRateLimit(f)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("LIVECHAT_RATE_LIMIT is %q: it %v (requests per second)", v, err))
		}
		cfg.RateLimit = f
	}
	if cfg.AccessToken == "" && cfg.PersonalAccessToken == "" && cfg.PartnerToken == "" {
		errs = append(errs, errors.New("no credentials: set LIVECHAT_ACCESS_TOKEN, or LIVECHAT_PAT with LIVECHAT_ACCOUNT_ID and LIVECHAT_LOGIN_EMAIL, and/or LIVECHAT_PARTNER_API_TOKEN"))
	}
	return cfg, errors.Join(errs...)
}

// SplitList splits a comma-separated flag value, dropping empty items and duplicates.
func SplitList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item != "" && !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	return out
}

// credentialVariables names the environment variables that give api its credentials.
func credentialVariables(api client.API) string {
	switch api {
	case client.Configuration:
		return "LIVECHAT_ACCESS_TOKEN, or LIVECHAT_PAT and LIVECHAT_ACCOUNT_ID"
	case client.Legacy:
		return "LIVECHAT_ACCESS_TOKEN, or LIVECHAT_PAT and LIVECHAT_LOGIN_EMAIL"
	case client.Partner:
		return "LIVECHAT_PARTNER_API_TOKEN"
	}
	return "its credentials"
}
