package main

import (
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
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

// The README shows what the emulator prints, and says what else a configuration needs:
// the names of the printed lines must be the ones the emulator prints, and the section must
// tell that bots, webhooks and properties need LIVECHAT_CLIENT_ID.
func TestReadmeShowsWhatTheEmulatorPrints(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := emulator.RunCLI(ctx, []string{"-listen", "127.0.0.1:0"}, pw, io.Discard)
		pw.CloseWithError(err)
		done <- err
	}()
	buf := make([]byte, 4096)
	n, err := pr.Read(buf) // the emulator prints its lines in one write
	if err != nil {
		t.Fatal(err)
	}
	printed := variableNames(string(buf[:n]), "")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	if i := strings.Index(section, "## Running the emulator for your own CI"); i >= 0 {
		section = section[i:]
		if j := strings.Index(section[3:], "\n## "); j >= 0 {
			section = section[:j+3]
		}
	}
	if shown := variableNames(section, "# "); !slices.Equal(shown, printed) {
		t.Errorf("the README shows the emulator printing %v; it prints %v", shown, printed)
	}
	if !strings.Contains(section, "LIVECHAT_CLIENT_ID") {
		t.Error("the README's emulator section does not say that bots, webhooks and properties need LIVECHAT_CLIENT_ID")
	}
}

// variableNames are the NAME of the lines "<prefix>LIVECHAT_NAME=..." of s, in order.
func variableNames(s, prefix string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if rest, ok := strings.CutPrefix(l, prefix); ok && strings.HasPrefix(rest, "LIVECHAT_") && strings.Contains(rest, "=") {
			out = append(out, rest[:strings.Index(rest, "=")])
		}
	}
	return out
}
