package legacy_test

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// syncBuffer is the emulator's request log, read while it writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// bodies are the request bodies the emulator received for method and path, in order.
func (s *syncBuffer) bodies(t *testing.T, method, path string) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(s.b.Bytes()), []byte("\n")) {
		var e struct {
			Method      string          `json:"method"`
			Path        string          `json:"path"`
			RequestBody json.RawMessage `json:"request_body"`
		}
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatal(err)
		}
		if e.Method == method && e.Path == path {
			var body map[string]any
			if err := json.Unmarshal(e.RequestBody, &body); err != nil {
				t.Fatalf("%s %s body %s: %v", method, path, e.RequestBody, err)
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
	var log syncBuffer
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
	created := log.bodies(t, "POST", "/goals")
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
	updated := log.bodies(t, "PUT", "/goals/1")
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
