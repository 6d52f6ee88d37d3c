package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// `make test-opentofu` runs the acceptance suite with OpenTofu instead of
// Terraform (scripts/opentofu.sh builds it) and sets LIVECHAT_TEST_OPENTOFU=1.
//
// OpenTofu 1.11 is the first release with everything the provider and its
// tests use: ephemeral resources (livechat_bot_token) and write-only
// attributes (secret_key_wo, token_wo, close_subscription_password_wo).
// Import blocks, check blocks and `plan -generate-config-out` are older.
const (
	envTestOpenTofu    = "LIVECHAT_TEST_OPENTOFU"
	openTofuMinVersion = "1.11.0"
	openTofuRegistry   = "registry.opentofu.org"
)

// underOpenTofu reports whether the acceptance tests run with OpenTofu.
func underOpenTofu() bool {
	on, _ := strconv.ParseBool(os.Getenv(envTestOpenTofu))
	return on
}

// TestAccOpenTofu_setup fails early, with the fix, when an OpenTofu run is
// set up in a way that makes other tests fail for reasons that have nothing
// to do with the provider.
func TestAccOpenTofu_setup(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	if !underOpenTofu() {
		t.Skip(envTestOpenTofu + " is not set: the suite runs with Terraform")
	}
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		t.Fatalf("%s=1 but TF_ACC_TERRAFORM_PATH is empty: point it at the tofu binary that scripts/opentofu.sh prints (make test-opentofu does)", envTestOpenTofu)
	}
	name, version, err := cliVersion(bin)
	if err != nil {
		t.Fatalf("TF_ACC_TERRAFORM_PATH=%s: %v", bin, err)
	}
	if name != "OpenTofu" {
		t.Fatalf("%s=1 but TF_ACC_TERRAFORM_PATH=%s is %s %s, not OpenTofu", envTestOpenTofu, bin, name, version)
	}
	if less, err := versionLess(version, openTofuMinVersion); err != nil {
		t.Fatalf("OpenTofu version %q: %v", version, err)
	} else if less {
		t.Fatalf("OpenTofu %s lacks ephemeral resources and write-only attributes, which livechat_bot_token and the *_wo attributes need: "+
			"use OpenTofu >= %s (make test-opentofu OPENTOFU_VERSION=v1.12.6)", version, openTofuMinVersion)
	}
	// The harness serves the provider as <TF_ACC_PROVIDER_HOST>/<namespace>/livechat
	// and declares that source only in steps without a terraform block of
	// their own; import steps with their own Config get none, and OpenTofu
	// then looks for registry.opentofu.org/hashicorp/livechat.
	if host := os.Getenv("TF_ACC_PROVIDER_HOST"); host != openTofuRegistry {
		t.Fatalf("TF_ACC_PROVIDER_HOST=%q: with OpenTofu set it to %s (and TF_ACC_PROVIDER_NAMESPACE=hashicorp), "+
			"or import steps fail with \"Inconsistent dependency lock file\" or try to download the provider", host, openTofuRegistry)
	}
	if ns := os.Getenv("TF_ACC_PROVIDER_NAMESPACE"); ns != "hashicorp" {
		t.Fatalf("TF_ACC_PROVIDER_NAMESPACE=%q: with OpenTofu set it to hashicorp, the namespace OpenTofu gives an undeclared provider", ns)
	}
	t.Logf("OpenTofu %s at %s", version, bin)
}

// cliVersion runs `<bin> version` and returns the product ("Terraform" or
// "OpenTofu") and its version. The caller's CLI configuration is left out: a
// TF_CLI_CONFIG_FILE naming a missing file makes OpenTofu print warnings.
func cliVersion(bin string) (name, version string, err error) {
	run := func(args ...string) ([]byte, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1")
		return cmd.Output()
	}
	out, err := run("version", "-json")
	if err != nil {
		return "", "", fmt.Errorf("version -json: %w", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "", "", fmt.Errorf("version -json printed %q: %w", out, err)
	}
	// Both report "terraform_version"; only the human form names the product.
	out, err = run("version")
	if err != nil {
		return "", "", fmt.Errorf("version: %w", err)
	}
	name, _, _ = strings.Cut(strings.TrimSpace(string(out)), " ")
	return name, v.Version, nil
}

// versionLess compares dotted release versions ("1.12.6" < "1.13.0"); a
// pre-release suffix ("1.12.0-beta1") is ignored.
func versionLess(a, b string) (bool, error) {
	pa, err := versionParts(a)
	if err != nil {
		return false, err
	}
	pb, err := versionParts(b)
	if err != nil {
		return false, err
	}
	for i := range pa {
		if pa[i] != pb[i] {
			return pa[i] < pb[i], nil
		}
	}
	return false, nil
}

func versionParts(v string) ([3]int, error) {
	var p [3]int
	core, _, _ := strings.Cut(strings.TrimPrefix(v, "v"), "-")
	fields := strings.Split(core, ".")
	if len(fields) != 3 {
		return p, fmt.Errorf("%q is not MAJOR.MINOR.PATCH", v)
	}
	for i, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil {
			return p, fmt.Errorf("%q is not MAJOR.MINOR.PATCH", v)
		}
		p[i] = n
	}
	return p, nil
}

func TestVersionLess(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		less bool
	}{
		{"1.10.10", "1.11.0", true},
		{"1.11.0", "1.11.0", false},
		{"1.12.6", "1.11.0", false},
		{"v1.9.4", "1.11.0", true},
		{"1.11.0-beta1", "1.11.0", false},
		{"2.0.0", "1.11.0", false},
	} {
		got, err := versionLess(tc.a, tc.b)
		if err != nil || got != tc.less {
			t.Errorf("versionLess(%q, %q) = %v, %v; want %v", tc.a, tc.b, got, err, tc.less)
		}
	}
	if _, err := versionLess("1.x", "1.11.0"); err == nil {
		t.Error("versionLess accepted 1.x")
	}
}
