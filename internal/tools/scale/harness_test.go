package main

import (
	"os"
	"testing"
)

func TestOpPath(t *testing.T) {
	for path, want := range map[string]string{
		"/canned_responses":                         "/canned_responses",
		"/canned_responses/3151":                    "/canned_responses/{id}",
		"/goals/12/":                                "/goals/{id}/",
		"/v2/solutions/licenses/livechat/10001":     "/v2/solutions/licenses/livechat/{id}",
		"/v2/solutions/organizations/3f9a-bc12/lic": "/v2/solutions/organizations/{id}/lic",
		"/v3.6/configuration/action/list_agents":    "/v3.6/configuration/action/list_agents",
	} {
		if got := opPath(path); got != want {
			t.Errorf("opPath(%q) = %q, want %q", path, got, want)
		}
	}
}

// testHarness builds the providers for a test that runs terraform (TF_ACC=1).
func testHarness(t *testing.T) *harness {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1: builds the provider and runs terraform")
	}
	h, err := newHarness(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.cleanup)
	return h
}
