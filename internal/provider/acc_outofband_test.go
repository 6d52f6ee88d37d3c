package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// outOfBand is a change made behind Terraform's back for a drift step, as someone in the
// LiveChat app would make it. In local mode the emulator's admin API makes it, visible at once;
// in remote mode the public API makes it and the harness waits until reads show it. When the
// API cannot make it, the steps that need it are skipped in remote mode, with the reason.
type outOfBand struct {
	t    *testing.T
	what string
	run  func()
	// why the endpoint cannot make the change ("" when it can).
	why string
}

// step attaches the change to a step: made before its plan, or the step skipped when the
// endpoint cannot make it.
func (o outOfBand) step(s resource.TestStep) resource.TestStep {
	s.PreConfig = o.run
	s.SkipFunc = o.skip
	return s
}

// needs marks a step that only makes sense after o: skipped whenever o is.
func (o outOfBand) needs(s resource.TestStep) resource.TestStep {
	s.SkipFunc = o.skip
	return s
}

func (o outOfBand) skip() (bool, error) {
	if o.why != "" {
		o.t.Logf("step skipped in remote mode: %s: %s", o.what, o.why)
	}
	return o.why != "", nil
}

// unsupported is a change the endpoint cannot make.
func unsupported(t *testing.T, what, why string) outOfBand {
	return outOfBand{t: t, what: what, run: func() {}, why: why}
}

// emulatorAction is an out-of-band change only the emulator can make (an agent logging in):
// made through its admin API in local mode, its steps skipped in remote mode.
func emulatorAction(t *testing.T, what, why string, do func(emulatorAdmin) error) outOfBand {
	if acc.remote {
		return unsupported(t, what, why)
	}
	return outOfBand{t: t, what: what, run: func() {
		if err := do(acc.admin); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}}
}

// deleteOutOfBand deletes an object of kind (an apiKinds key) behind Terraform's back. id is
// called when the step runs: ids are known only after the steps before it.
func deleteOutOfBand(t *testing.T, kind string, id func() string) outOfBand {
	what := "delete " + kind
	k := apiKinds[kind]
	if !acc.remote {
		return outOfBand{t: t, what: what, run: func() {
			if err := acc.admin.DeleteObject(kind, emulatorID(kind, id())); err != nil {
				t.Fatalf("deleting %s %s out of band: %v", kind, id(), err)
			}
		}}
	}
	if k.del == nil {
		return unsupported(t, what, k.noDel)
	}
	return outOfBand{t: t, what: what, run: func() {
		ctx, cancel := apiContext(t)
		defer cancel()
		before, err := k.get(ctx, id())
		if err != nil {
			t.Fatalf("reading %s %s: %v", kind, id(), err)
		}
		if err := k.del(ctx, id()); err != nil && !client.IsNotFound(err) {
			t.Fatalf("deleting %s %s out of band: %v", kind, id(), err)
		}
		// Gone, or no longer what it was: a deleted property value reads as the property's default.
		err = awaitConsistent(ctx, kind+" "+id()+" deleted", func(ctx context.Context) (bool, error) {
			now, err := k.get(ctx, id())
			if client.IsNotFound(err) {
				return true, nil
			}
			return err == nil && !sameObject(before, now), err
		})
		if err != nil {
			t.Fatal(err)
		}
	}}
}

// sameObject compares two answers of get as JSON.
func sameObject(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return sameJSON(x, y)
}

// changeOutOfBand changes an object of kind behind Terraform's back: patch is a JSON object of
// the fields to change, named as the API names them (and the emulator's state dump, which
// emulator.PatchObject takes in local mode).
func changeOutOfBand(t *testing.T, kind string, id func() string, patch string) outOfBand {
	what := "change " + kind + " " + patch
	k := apiKinds[kind]
	if !acc.remote {
		return outOfBand{t: t, what: what, run: func() {
			if err := acc.admin.PatchObject(kind, emulatorID(kind, id()), []byte(patch)); err != nil {
				t.Fatalf("changing %s %s out of band: %v", kind, id(), err)
			}
		}}
	}
	if k.change == nil {
		return unsupported(t, what, k.noChange)
	}
	return outOfBand{t: t, what: what, run: func() {
		ctx, cancel := apiContext(t)
		defer cancel()
		if err := k.change(ctx, id(), []byte(patch)); err != nil {
			t.Fatalf("changing %s %s out of band: %v", kind, id(), err)
		}
		err := awaitConsistent(ctx, kind+" "+id()+" showing "+patch, func(ctx context.Context) (bool, error) {
			obj, err := k.get(ctx, id())
			if err != nil {
				return false, err
			}
			return shows(obj, []byte(patch))
		})
		if err != nil {
			t.Fatal(err)
		}
	}}
}

// emulatorID is the emulator's id of an object: the harness names templates and webhooks with
// their owner and licenses with their product, as the API needs; the emulator by id alone.
func emulatorID(kind, id string) string {
	switch kind {
	case "bot_template", "webhook", "solution_license":
		_, rest := ownerAndID(id)
		return rest
	}
	return id
}

// lookup says whether an object exists, through the provider's client.
type lookup func(ctx context.Context, id string) (bool, error)

// exists is the lookup of kind: not found, or found but no longer live (a disabled campaign, an
// expired license), is false.
func exists(kind string) lookup {
	k, ok := apiKinds[kind]
	if !ok {
		panic("no apiKinds entry for " + kind)
	}
	return func(ctx context.Context, id string) (bool, error) {
		obj, err := k.get(ctx, id)
		if client.IsNotFound(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		return k.live == nil || k.live(obj), nil
	}
}

// The lookups of the resource types, for CheckDestroy and the checks of single objects.
var (
	agentExists           = exists("agent")
	groupExists           = exists("group")
	tagExists             = exists("tag")
	botExists             = exists("bot")
	botTemplateExists     = exists("bot_template") // <owner_client_id>/<id>
	propertyExists        = exists("property")
	licensePropertyExists = exists("license_property")
	groupPropertyExists   = exists("group_property")
	autoAccessExists      = exists("auto_access")
	webhookExists         = exists("webhook") // <owner_client_id>/<id>
	cannedResponseExists  = exists("canned_response")
	goalExists            = exists("goal")
	greetingExists        = exists("greeting")
	campaignActive        = exists("campaign")
	tokenExists           = exists("partner_api_token")
	organizationExists    = exists("solution_organization")
	licenseOpen           = exists("solution_license") // <product>/<license_id>
	expertProfileExists   = exists("expert_profile")   // "self"
)

// objectIs checks once that an object is there (want true) or gone: what names it in the error.
func objectIs(t *testing.T, found lookup, id string, want bool, what string) error {
	ctx, cancel := apiContext(t)
	defer cancel()
	ok, err := found(ctx, id)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", what, err)
	case ok != want && want:
		return fmt.Errorf("%s: %s is gone", what, id)
	case ok != want:
		return fmt.Errorf("%s: %s still exists", what, id)
	}
	return nil
}

// checkDestroyed fails when an object of resourceType in the state still exists once the
// propagation delay has passed. Templates and webhooks are looked up as
// <owner_client_id>/<id>, licenses as their import id (<product>/<license_id>).
func checkDestroyed(resourceType string, found lookup) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			id := rs.Primary.ID
			if resourceType == "livechat_bot_template" || resourceType == "livechat_webhook" {
				id = rs.Primary.Attributes["owner_client_id"] + "/" + id
			}
			if err := awaitGoneCheck(found, id, resourceType+" after destroy"); err != nil {
				return err
			}
		}
		return nil
	}
}

// awaitGoneCheck waits until found no longer finds id, within the propagation bound.
func awaitGoneCheck(found lookup, id, what string) error {
	ctx, cancel := context.WithTimeout(context.Background(), acc.propagation)
	defer cancel()
	err := awaitConsistent(ctx, what+" "+id+" gone", func(ctx context.Context) (bool, error) {
		ok, err := found(ctx, id)
		return !ok, err
	})
	if err != nil {
		return fmt.Errorf("%s: %s still exists: %w", what, id, err)
	}
	return nil
}

// driftStep runs outOfBand, then plans config and expects the refresh plan to take action on
// resourceName: create after an out-of-band delete, update (or a replacement, for attributes
// the API cannot change) after an out-of-band change.
func driftStep(config, resourceName string, action plancheck.ResourceActionType, o outOfBand) resource.TestStep {
	return o.step(resource.TestStep{
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, action)},
		},
	})
}

// writeSkipsDriftSteps checks that an apply waits only for what it changes: o changes an
// attribute after the plan of updated (a change of another attribute) and before its apply,
// which must finish within the resource's short update timeout; the next plan still shows the
// drift.
func writeSkipsDriftSteps(updated, resourceName string, o outOfBand) []resource.TestStep {
	return []resource.TestStep{
		o.needs(resource.TestStep{
			Config:             updated,
			ExpectNonEmptyPlan: true, // the drift
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				afterPlan(o.run),
			}},
		}),
		o.needs(driftStep(updated, resourceName, plancheck.ResourceActionUpdate, outOfBand{t: o.t, run: func() {}})),
	}
}

// moveRuleOutOfBand moves auto access rule id right before rule next, as a drag in the app.
func moveRuleOutOfBand(t *testing.T, id, next func() string) outOfBand {
	what := "move auto access rule"
	if !acc.remote {
		return outOfBand{t: t, what: what, run: func() {
			if err := acc.admin.MoveAutoAccess(id(), next()); err != nil {
				t.Fatalf("moving rule %s before %s out of band: %v", id(), next(), err)
			}
		}}
	}
	return outOfBand{t: t, what: what, run: func() {
		ctx, cancel := apiContext(t)
		defer cancel()
		n := next()
		if err := acc.api.config.UpdateAutoAccess(ctx, configuration.AutoAccessUpdate{ID: id(), NextID: &n}); err != nil {
			t.Fatalf("moving rule %s before %s out of band: %v", id(), n, err)
		}
		err := awaitConsistent(ctx, "rule "+id()+" before "+n, func(ctx context.Context) (bool, error) {
			rules, err := acc.api.config.ListAutoAccesses(ctx, true)
			i := slices.IndexFunc(rules, func(r configuration.AutoAccess) bool { return r.ID == id() })
			return i >= 0 && i+1 < len(rules) && rules[i+1].ID == n, err
		})
		if err != nil {
			t.Fatal(err)
		}
	}}
}
