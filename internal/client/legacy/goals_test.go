package legacy_test

import (
	"encoding/json"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// bodies are the request bodies the emulator received for method and path, in order.
func bodies(t *testing.T, log *emulator.MemoryLog, method, path string) []map[string]any {
	t.Helper()
	requests, err := log.Requests()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range requests {
		if r.Method == method && r.Path == path {
			var body map[string]any
			if err := json.Unmarshal(r.RequestBody, &body); err != nil {
				t.Fatalf("%s %s body %s: %v", method, path, r.RequestBody, err)
			}
			out = append(out, body)
		}
	}
	return out
}

// The sales tracker parameters a goal does not set are not sent (the API would get "" for
// sales_tracker_id, time_range and value, an amount); an update sends "" only for a parameter it
// clears.
func TestGoalSalesTrackerParameters_OnlyWhatIsSet(t *testing.T) {
	var log emulator.MemoryLog
	run, err := emulator.Start(emulator.Options{AccessTokens: []string{"dal:goals"}, RequestLog: &log}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	core, err := client.New(client.Config{APIURL: run.URL, AccessToken: "dal:goals"})
	if err != nil {
		t.Fatal(err)
	}
	c := legacy.New(core)
	g, err := c.CreateGoal(t.Context(), legacy.GoalWrite{Name: "Orders", Type: "sales_tracker", Active: true, ValueType: "set", Value: "10.00", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	created := bodies(t, &log, "POST", "/goals")
	if len(created) != 1 {
		t.Fatalf("%d creates", len(created))
	}
	for _, k := range []string{"sales_tracker_id", "time_range", "order_field_name", "value_field_name"} {
		if v, sent := created[0][k]; sent {
			t.Errorf("create sent the unset %s as %q", k, v)
		}
	}
	if created[0]["value"] != "10.00" || created[0]["currency"] != "USD" || created[0]["value_type"] != "set" {
		t.Errorf("create body %v", created[0])
	}
	// The value is dropped, the time range set.
	if _, err := c.UpdateGoal(t.Context(), g.ID, legacy.GoalWrite{Name: "Orders", Type: "sales_tracker", Active: true, ValueType: "dynamic", Currency: "USD", TimeRange: "30"},
		"value"); err != nil {
		t.Fatal(err)
	}
	updated := bodies(t, &log, "PUT", "/goals/1")
	if len(updated) != 1 || updated[0]["value"] != "" || updated[0]["time_range"] != "30" {
		t.Fatalf("update bodies %v: want value cleared with \"\" and time_range sent", updated)
	}
	for _, k := range []string{"sales_tracker_id", "order_field_name", "value_field_name"} {
		if v, sent := updated[0][k]; sent {
			t.Errorf("update sent the unset %s as %q", k, v)
		}
	}
	if got, _ := run.Goal(int(g.ID)); got.Value != "" || got.TimeRange != "30" || got.ValueType != "dynamic" {
		t.Errorf("emulator goal %+v", got)
	}
}
