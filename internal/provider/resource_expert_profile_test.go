package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

func testExpertConfig(company, extra string) string {
	return fmt.Sprintf(`
resource "livechat_expert_profile" "test" {
  company           = %q
  phone             = "123456789"
  description       = "We build chat experiences for online stores."
  short_description = "Chat experts for e-commerce"
  country           = "US"
  website           = "https://acme.example"
  industry_ids      = [19, 31]
  projects          = ["https://shop.example", "https://bank.example"]
%s
}
`, company, extra)
}

// testLogo encodes a w x h image of one shade as PNG or JPEG ("png", "jpeg").
func testLogo(t *testing.T, format string, w, h int, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(x), B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeLogo writes content to dir/name and returns the path.
func writeLogo(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkExpertLogo checks that the API's profile shows the logo URL the state has.
func checkExpertLogo(t *testing.T, logo *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs := s.RootModule().Resources["livechat_expert_profile.test"]
		e := fromAPI(t, acc.api.partner.GetExpertProfile)
		if rs == nil || e.Logo == "" || rs.Primary.Attributes["logo"] != e.Logo {
			return fmt.Errorf("API logo %q, state %v", e.Logo, rs)
		}
		if logo != nil {
			if *logo == e.Logo {
				return fmt.Errorf("logo still %q", e.Logo)
			}
			*logo = e.Logo
		}
		return nil
	}
}

// uploadLogoOutOfBand replaces the logo behind Terraform's back, through the API, and waits
// until reads show it.
func uploadLogoOutOfBand(t *testing.T, content []byte) func() {
	return func() {
		ctx, cancel := apiContext(t)
		defer cancel()
		url, err := acc.api.partner.UploadLogo(ctx, content, partner.LogoPNG)
		if err != nil {
			t.Fatalf("uploading a logo out of band: %v", err)
		}
		if err := awaitConsistent(ctx, "out-of-band logo", func(ctx context.Context) (bool, error) {
			e, err := acc.api.partner.GetExpertProfile(ctx)
			return err == nil && e.Logo == url, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// preserveExpertProfile puts the partner's Expert profile back after the test, and says what
// status an adopted profile has. A partner without one is skipped in remote mode: the API
// cannot delete the profile the test would create.
func preserveExpertProfile(t *testing.T) (status string) {
	status = "verified" // what the emulator gives a new profile
	preserve(t, "the Expert profile", func(ctx context.Context) (func(context.Context) error, error) {
		old, err := acc.api.partner.GetExpertProfile(ctx)
		switch {
		case client.IsNotFound(err) && acc.remote:
			t.Skip("remote mode: the partner has no Expert profile, and the API cannot delete the one the test would create")
		case client.IsNotFound(err):
			return func(context.Context) error { return nil }, nil
		case err != nil:
			return nil, err
		}
		status = old.Status
		return func(ctx context.Context) error { return acc.api.partner.UpdateExpertProfile(ctx, *old) }, nil
	})
	return status
}

// The Expert profile is a singleton: sequential; create adopts, destroy forgets.
func TestAccExpertProfile_lifecycle(t *testing.T) {
	dir := t.TempDir()
	first, second := testLogo(t, "png", 400, 400, 10), testLogo(t, "png", 500, 500, 200)
	wide := testLogo(t, "jpeg", 600, 400, 90)
	logoPath := writeLogo(t, dir, "logo.png", first)
	jpegPath := writeLogo(t, dir, "wide.jpg", wide)
	outsourcing := `  categories = ["chat-agent-outsourcing"]
  agents     = "16-30"
  languages  = ["EN", "PL"]
  twitter    = "https://twitter.com/acme"`
	withLogo := func(p string) string {
		return testExpertConfig("ACME Outsourcing", outsourcing+fmt.Sprintf("\n  logo_file  = %q", p))
	}
	var logo string
	status := preserveExpertProfile(t)
	noLogo := skipInRemote(t, "the API cannot put the partner's own logo back afterwards")
	deleted := deleteOutOfBand(t, "expert_profile", func() string { return "self" })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return objectIs(t, expertProfileExists, "self", true, "destroy should only forget the profile")
		},
		Steps: []resource.TestStep{
			{
				Config: testExpertConfig("ACME Chat", `  categories = ["custom-development", "training"]
  hour_rate  = 50`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("status"), knownvalue.StringExact(status)),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("partner_id"), knownvalue.StringExact(acc.partnerID)),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("hour_rate"), knownvalue.Int64Exact(50)),
				},
			},
			{
				Config: testExpertConfig("ACME Chat", `  categories = ["custom-development", "training"]
  hour_rate  = 50`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testExpertConfig("ACME Outsourcing", `  categories = ["chat-agent-outsourcing"]
  agents     = "16-30"
  languages  = ["EN", "PL"]
  twitter    = "https://twitter.com/acme"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_expert_profile.test", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					e := fromAPI(t, acc.api.partner.GetExpertProfile)
					if e.Company != "ACME Outsourcing" || e.Agents != "16-30" || len(e.Languages) != 2 || e.HourRate != nil {
						return fmt.Errorf("profile %+v", e)
					}
					return nil
				},
			},
			{
				SkipFunc: noLogo,
				// Upload a logo: the plan knows its hash, not yet its URL.
				Config: withLogo(logoPath),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_expert_profile.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(first))),
					plancheck.ExpectUnknownValue("livechat_expert_profile.test", tfjsonpath.New("logo")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(first))),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_file"), knownvalue.StringExact(logoPath)),
				},
				Check: checkExpertLogo(t, &logo),
			},
			{
				SkipFunc:         noLogo,
				Config:           withLogo(logoPath),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				SkipFunc: noLogo,
				// The same path with new content: the hash changes, the new image is uploaded.
				PreConfig: func() { writeLogo(t, dir, "logo.png", second) },
				Config:    withLogo(logoPath),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_expert_profile.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(second))),
					plancheck.ExpectUnknownValue("livechat_expert_profile.test", tfjsonpath.New("logo")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(second))),
				},
				Check: checkExpertLogo(t, &logo),
			},
			{
				SkipFunc: noLogo,
				// A JPEG that is not square: the reference asks for 350..1000 px per side only.
				Config: withLogo(jpegPath),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(wide))),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo"), knownvalue.StringRegexp(regexp.MustCompile(`\.jpg$`))),
				},
				Check: checkExpertLogo(t, &logo),
			},
			{
				SkipFunc:         noLogo,
				Config:           withLogo(jpegPath),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				SkipFunc: noLogo,
				// Logo drift: another logo uploaded outside Terraform is replaced again.
				PreConfig:          uploadLogoOutOfBand(t, first),
				Config:             withLogo(jpegPath),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				SkipFunc: noLogo,
				Config:   withLogo(jpegPath),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.StringExact(sha256Hex(wide))),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo"), knownvalue.StringRegexp(regexp.MustCompile(`\.jpg$`))),
				},
				Check: checkExpertLogo(t, nil),
			},
			{
				SkipFunc: noLogo,
				// Without logo_file the logo stays (the API cannot delete it) and nothing is uploaded.
				Config: testExpertConfig("ACME Outsourcing", outsourcing),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo_sha256"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("logo"), knownvalue.StringRegexp(regexp.MustCompile(`\.jpg$`))),
				},
			},
			{
				Config:                  withLogo(jpegPath),
				ResourceName:            "livechat_expert_profile.test",
				ImportState:             true,
				ImportStateId:           "expert_profile",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts", "logo_file", "logo_sha256"}, notReadBack("facebook", "linkedin", "projects")...),
			},
			driftStep(testExpertConfig("ACME Outsourcing", outsourcing), "livechat_expert_profile.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "expert_profile", func() string { return "self" }, `{"phone": "987654321"}`)),
			driftStep(testExpertConfig("ACME Outsourcing", outsourcing), "livechat_expert_profile.test", plancheck.ResourceActionCreate, deleted),
			deleted.needs(resource.TestStep{
				// Re-create, so that destroy has something to forget.
				Config: testExpertConfig("ACME Outsourcing", `  categories = ["training"]`),
			}),
		},
	})
}

func TestAccExpertProfile_validation(t *testing.T) {
	dir := t.TempDir()
	logo := func(name string, content []byte) string {
		return testExpertConfig("ACME", fmt.Sprintf("  categories = [\"training\"]\n  logo_file = %q", writeLogo(t, dir, name, content)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testExpertConfig("ACM", `  categories = ["training"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)company.*character\s+count\s+must\s+be\s+at\s+least\s+4`)},
			{Config: testExpertConfig("ACME", `  categories = ["api-and-integrations"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)categories.*value must be one of`)},
			{Config: testExpertConfig("ACME", `  categories = []`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)categories.*at least 1`)},
			{Config: testExpertConfig("ACME", "  categories = [\"training\"]\n  agents = \"5+\""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)agents.*value must be one of`)},
			{Config: testExpertConfig("ACME", "  categories = [\"training\"]\n  languages = [\"en\"]"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)two-letter language code`)},
			{Config: testExpertConfig("ACME", `  categories = ["chat-agent-outsourcing"]`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)chat-agent-outsourcing needs agents.*chat-agent-outsourcing needs at least one\s+language`)},
			{Config: `resource "livechat_expert_profile" "x" {
  company           = "ACME"
  phone             = "1"
  description       = "short"
  short_description = "Chat experts for e-commerce"
  country           = "US"
  website           = "https://acme.example"
  categories        = ["training"]
  industry_ids      = [20]
  projects          = []
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)description.*at least 10.*industry_ids.*value must be one of`)},
			// logo_file is checked at plan time against Upload Logo's limits.
			{Config: logo("small.png", testLogo(t, "png", 349, 349, 1)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*logo_file.*is\s+349x349\s+px;.*at\s+least\s+350x350\s+px`)},
			{Config: logo("tall.png", testLogo(t, "png", 400, 1001, 1)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*is\s+400x1001\s+px;.*at\s+most\s+1000x1000\s+px`)},
			{Config: logo("big.jpg", testLogo(t, "jpeg", 1001, 1001, 1)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*is\s+1001x1001\s+px`)},
			{Config: logo("logo.gif", testLogo(t, "png", 400, 400, 1)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*must\s+be\s+a\s+\.png,\s+\.jpg\s+or\s+\.jpeg\s+file`)},
			{Config: logo("text.png", []byte("not an image")), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*is\s+not\s+a\s+PNG\s+or\s+JPEG\s+image`)},
			{Config: logo("really-png.jpg", testLogo(t, "png", 400, 400, 1)), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*named\s+like\s+a\s+JPEG\s+file\s+but\s+holds\s+a\s+PNG`)},
			{Config: testExpertConfig("ACME", "  categories = [\"training\"]\n  logo_file = \"does-not-exist.png\""), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid logo_file.*does-not-exist\.png.*does\s+not\s+exist`)},
		},
	})
}
