//go:build remote

package provider

import "errors"

// Built with -tags remote: no emulator in the test binary (make testacc-remote checks it with go
// list), so the tests can only run against an endpoint the environment names.
func startEmulator() (func(), error) {
	return nil, errors.New("built with -tags remote: set LIVECHAT_API_URL (or, for the production API, the credentials) to name the endpoint")
}
