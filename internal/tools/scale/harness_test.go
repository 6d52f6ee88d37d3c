package main

import "testing"

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
