package sdklog

import (
	"context"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

func TestRequested(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want bool
	}{
		{nil, false},
		{[]string{"PATH=/usr/bin", "HOME=/root", "TF_CLI_CONFIG_FILE=/x", "TF_IN_AUTOMATION=1"}, false},
		// Terraform core's own level says nothing about provider logs.
		{[]string{"TF_LOG_CORE=trace"}, false},
		{[]string{"TF_LOG="}, false},
		{[]string{"TF_LOG=trace"}, true},
		{[]string{"TF_LOG=off"}, true}, // set: left as it is
		{[]string{"TF_LOG_PATH=/tmp/tf.log"}, true},
		{[]string{"TF_LOG_PROVIDER=debug"}, true},
		{[]string{"TF_LOG_PROVIDER_LIVECHAT_API=trace"}, true},
		{[]string{"TF_LOG_SDK=info"}, true},
		{[]string{"TF_LOG_SDK_FRAMEWORK=trace"}, true},
		{[]string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, true},
	} {
		if got := Requested(tc.env); got != tc.want {
			t.Errorf("Requested(%q) = %v, want %v", tc.env, got, tc.want)
		}
	}
}

func TestOffUnlessRequested(t *testing.T) {
	for _, k := range []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_LIVECHAT_API", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		t.Setenv(k, "")
	}
	if !OffUnlessRequested() {
		t.Fatal("no log variable set: want the SDK logs turned off")
	}
	for _, k := range levelVars {
		if got := os.Getenv(k); got != "off" {
			t.Fatalf("%s = %q, want off", k, got)
		}
	}
	if !Off() {
		t.Fatal("Off() = false after the logs were turned off")
	}

	off.Store(false)
	t.Setenv(LevelVar, "")
	t.Setenv("TF_LOG", "debug")
	if OffUnlessRequested() {
		t.Fatal("TF_LOG set: want the SDK logs left on")
	}
	if got := os.Getenv(LevelVar); got != "" {
		t.Fatalf("%s = %q, want it left unset", LevelVar, got)
	}
	if Off() {
		t.Fatal("Off() = true with TF_LOG set")
	}
}

// With the logs off, a framework trace line is dropped before its fields are built: on a plan of
// 1,000 objects the framework writes several per attribute. Before the subsystems' own levels
// were set, this built every line (terraform-plugin-log reads an unset subsystem level as "log").
func TestOffUnlessRequested_FrameworkTraceBuildsNothing(t *testing.T) {
	for _, k := range []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		t.Setenv(k, "")
	}
	t.Cleanup(func() { off.Store(false) })
	if !OffUnlessRequested() {
		t.Fatal("no log variable set: want the SDK logs turned off")
	}
	// The contexts terraform-plugin-go and the framework build for each request.
	ctx := tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv(LevelVar))
	ctx = tfsdklog.NewSubsystem(ctx, "framework", tfsdklog.WithLevelFromEnv("TF_LOG_SDK_FRAMEWORK"))
	fields := map[string]any{"tf_attribute_path": "text", "description": "a value"}
	if n := testing.AllocsPerRun(100, func() {
		tfsdklog.SubsystemTrace(ctx, "framework", "Calling provider defined Type ValueFromTerraform", fields)
	}); n != 0 {
		t.Fatalf("a framework trace line with the logs off costs %.0f allocations, want 0: it is built and then discarded", n)
	}
}
