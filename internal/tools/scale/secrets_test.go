package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// TestSecretsNeverLeak applies the demo with TF_LOG=trace and checks that
// neither the log nor the state holds a credential or a secret the user
// supplied write-only, and that the log holds no secret at all (bot secrets,
// webhook secret, subscription password, billing token included). Secrets
// the docs say are kept (bot and bot template secrets, partner API tokens,
// close_subscription_password) may appear in the state only.
func TestSecretsNeverLeak(t *testing.T) {
	h := testHarness(t)
	em, err := startEmulator(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(em.close)

	dir := t.TempDir()
	demo, _ := filepath.Glob(filepath.Join(h.root, "examples", "demo", "*.tf"))
	for _, f := range demo {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	logPath := filepath.Join(dir, "trace.log")
	env := []string{"TF_LOG=trace", "TF_LOG_PATH=" + logPath}
	if _, err := h.terraform(t.Context(), em, dir, env, "apply", "-auto-approve", "-input=false"); err != nil {
		t.Fatal(err)
	}

	// Write-only or credential: never in the log, never in the state.
	never := map[string]string{
		"access token": accessToken, "partner API token": partnerToken, "personal access token": patToken,
		"webhook secret_key_wo": "demo-webhook-secret", "Recurly billing token": "demo-recurly-token",
	}
	// Kept in the state by design, never in the log.
	stateOnly := map[string]string{"subscription password": "emulator-partner-password"}
	// Secrets the API generated (bot secrets, issued tokens): from the emulator's own state.
	b, err := em.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	var st any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	for path, v := range secretValues(st, "") {
		stateOnly["emulator "+path] = v
	}
	if len(stateOnly) < 2 {
		t.Fatalf("found no generated secrets in the emulator state; the demo should create a bot")
	}

	log := readFile(t, logPath)
	state := readFile(t, filepath.Join(dir, "terraform.tfstate"))
	if !strings.Contains(log, "livechat_api") || len(log) < 10000 {
		t.Fatalf("the trace log looks empty (%d bytes): the test would prove nothing", len(log))
	}
	for what, v := range never {
		if strings.Contains(log, v) {
			t.Errorf("the trace log contains the %s", what)
		}
		if strings.Contains(state, v) {
			t.Errorf("the state contains the %s", what)
		}
	}
	for what, v := range stateOnly {
		if strings.Contains(log, v) {
			t.Errorf("the trace log contains the %s", what)
		}
	}
	t.Logf("checked %d log bytes and %d state bytes for %d secrets", len(log), len(state), len(never)+len(stateOnly))

	if _, err := h.terraform(t.Context(), em, dir, nil, "destroy", "-auto-approve", "-input=false"); err != nil {
		t.Fatal(err)
	}
}

// secretValues collects the string values of secret-named keys.
func secretValues(v any, path string) map[string]string {
	out := map[string]string{}
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			p := path + "." + k
			lk := strings.ToLower(k)
			if s, ok := val.(string); ok && len(s) >= 8 && (strings.Contains(lk, "secret") || strings.Contains(lk, "token") || strings.Contains(lk, "password")) {
				out[p] = s
				continue
			}
			for kk, vv := range secretValues(val, p) {
				out[kk] = vv
			}
		}
	case []any:
		for i, val := range t {
			for kk, vv := range secretValues(val, path+"["+strconv.Itoa(i)+"]") {
				out[kk] = vv
			}
		}
	}
	return out
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
