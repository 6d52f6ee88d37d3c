//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// serveStderrVar makes the test binary serve the provider, as the provider
// binary does, with its standard error (where the SDK logs go) in the named file.
const serveStderrVar = "LIVECHAT_TEST_SERVE_STDERR"

func TestMain(m *testing.M) {
	if path := os.Getenv(serveStderrVar); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			os.Exit(3)
		}
		// The SDK writes to the standard error the process started with: move fd 2 itself.
		if err := syscall.Dup3(int(f.Fd()), 2, 0); err != nil {
			os.Exit(3)
		}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSDKLogsOnlyWhenRequested runs this binary as Terraform runs the
// provider (a plan through dev_overrides) and reads what the provider
// process wrote: no SDK log lines when no log variable is set, the SDK's
// trace lines as before when TF_LOG is.
func TestSDKLogsOnlyWhenRequested(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs terraform: set TF_ACC=1")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdir := filepath.Join(dir, "provider")
	if err := os.Mkdir(pdir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(pdir, "terraform-provider-livechat")); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	write(t, rc, "provider_installation {\n  dev_overrides {\n    \"livechat-terraform/livechat\" = \""+pdir+"\"\n  }\n  direct {}\n}\n")
	write(t, filepath.Join(dir, "main.tf"), "terraform {\n  required_providers {\n    livechat = { source = \"livechat-terraform/livechat\" }\n  }\n}\n\nprovider \"livechat\" {}\n")

	for _, tc := range []struct {
		name    string
		env     []string
		sdkLogs bool
	}{
		{"no log variable", nil, false},
		{"TF_LOG=trace", []string{"TF_LOG=trace"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stderr := filepath.Join(t.TempDir(), "provider-stderr")
			cmd := exec.Command("terraform", "plan", "-input=false", "-no-color")
			cmd.Dir = dir
			cmd.Env = append(withoutLogVars(os.Environ()), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", serveStderrVar+"="+stderr)
			cmd.Env = append(cmd.Env, tc.env...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("terraform plan: %v\n%s", err, tail(out))
			}
			b, err := os.ReadFile(stderr)
			if err != nil {
				t.Fatalf("the provider did not run: %v", err)
			}
			sdkLines := 0
			for _, l := range strings.Split(string(b), "\n") {
				if strings.Contains(l, `"@module":"sdk.`) {
					sdkLines++
				}
			}
			if got := sdkLines > 0; got != tc.sdkLogs {
				t.Fatalf("%d SDK log lines from the provider, want SDK logs %v; its standard error:\n%s", sdkLines, tc.sdkLogs, tail(b))
			}
		})
	}
}

// withoutLogVars drops the caller's TF_LOG* settings.
func withoutLogVars(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "TF_LOG") {
			out = append(out, kv)
		}
	}
	return out
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func tail(b []byte) string {
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}
