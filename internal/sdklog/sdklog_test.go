package sdklog

import (
	"os"
	"testing"
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
	if got := os.Getenv(LevelVar); got != "off" {
		t.Fatalf("%s = %q, want off", LevelVar, got)
	}

	t.Setenv(LevelVar, "")
	t.Setenv("TF_LOG", "debug")
	if OffUnlessRequested() {
		t.Fatal("TF_LOG set: want the SDK logs left on")
	}
	if got := os.Getenv(LevelVar); got != "" {
		t.Fatalf("%s = %q, want it left unset", LevelVar, got)
	}
}
