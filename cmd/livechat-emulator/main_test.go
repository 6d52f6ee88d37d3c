package main

import (
	"os"
	"testing"
)

// The command itself is a thin wrapper around emulator.RunCLI (tested in internal/emulator);
// this checks its exit codes for the paths that end before serving.
func TestExitCodes(t *testing.T) {
	saved, savedErr := os.Args, os.Stderr
	t.Cleanup(func() { os.Args, os.Stderr = saved, savedErr })
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	os.Stderr = devNull
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-h"}, 0},
		{[]string{"-no-such-flag"}, 2},
		{[]string{"-region", "waw"}, 1},
	} {
		os.Args = append([]string{"livechat-emulator"}, tc.args...)
		if got := run(); got != tc.code {
			t.Errorf("%v: exit code %d, want %d", tc.args, got, tc.code)
		}
	}
}
