package main

import (
	"fmt"
	"testing"
	"time"
)

// TestAppliesConvergeUnderTheAPIRateLimit applies 60 objects against an
// emulator that refuses more than 2, and more than 10, requests per second
// per credential. The provider has no cap of its own: it must slow down at
// the 429s, finish the apply with nothing failed, no duplicate and nothing
// missing, and the plan after it must be empty (benchOne checks that).
func TestAppliesConvergeUnderTheAPIRateLimit(t *testing.T) {
	h := testHarness(t)
	mix, err := mixNamed("core")
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []float64{2, 10} {
		t.Run(fmt.Sprintf("%g per second", limit), func(t *testing.T) {
			t.Parallel()
			row, err := benchOne(t.Context(), h, run{mix: mix, n: 60, rateLimit: limit, coalesce: true, commands: []string{"apply", "plan"}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(row.problems) > 0 {
				t.Fatalf("after the apply: %v", row.problems)
			}
			if row.throttled == 0 {
				t.Fatal("the emulator refused no request: the run did not meet the rate limit it is about")
			}
			t.Logf("%d objects, %d requests refused with 429, apply %s", row.objects, row.throttled, row.phases[0].Wall.Round(100*time.Millisecond))
		})
	}
}
