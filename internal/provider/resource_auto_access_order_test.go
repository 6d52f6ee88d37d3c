package provider

import (
	"slices"
	"strings"
	"testing"
)

// orderMoves, applied the way the API applies update_auto_access with
// next_id, must give the wanted relative order from any starting order,
// with unlisted rules (x, y) anywhere, and send nothing when it holds.
func TestOrderMoves(t *testing.T) {
	tests := []struct {
		order, desired string
		moves          int
	}{
		{"a b c", "a b c", 0},
		{"a x b y c", "a b c", 0}, // relative order already right: nothing moves
		{"a b c", "c a b", 1},
		{"a b c d", "a c b d", 1}, // the reference's A->C->B->D example
		{"c a b d", "c d a b", 1}, // insert d in the middle
		{"x c y d a b", "d c b", 2},
		{"a b c d e", "e d c b a", 4},
		{"b", "b", 0},
	}
	for _, tt := range tests {
		order, desired := strings.Fields(tt.order), strings.Fields(tt.desired)
		moves := orderMoves(order, desired)
		if len(moves) != tt.moves {
			t.Errorf("%q -> %q: %d moves %v, want %d", tt.order, tt.desired, len(moves), moves, tt.moves)
		}
		if len(moves) == 0 {
			continue
		}
		got := slices.Clone(order)
		for _, m := range moves { // move m[0] before m[1], as update_auto_access does
			got = slices.DeleteFunc(got, func(x string) bool { return x == m[0] })
			got = slices.Insert(got, slices.Index(got, m[1]), m[0])
		}
		if rel := relativeOrder(got, desired); !slices.Equal(rel, desired) {
			t.Errorf("%q -> %q: moves %v give %v", tt.order, tt.desired, moves, got)
		}
		if again := orderMoves(got, desired); len(again) != 0 {
			t.Errorf("%q -> %q: second pass still moves %v", tt.order, tt.desired, again)
		}
	}
}
