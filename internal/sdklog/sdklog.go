// Package sdklog turns terraform-plugin-framework's own logs off when nobody
// will read them. The framework formats its trace logs whatever Terraform
// does with them (hashicorp/terraform-plugin-framework#1269): on a plan of
// 1,000 objects that was about 40% of the provider's CPU.
package sdklog

import (
	"os"
	"strings"
	"sync/atomic"
)

// LevelVar is the SDK's root log level. Its subsystems, the framework's (TF_LOG_SDK_FRAMEWORK)
// and the plugin protocol's (TF_LOG_SDK_PROTO), inherit its output level when unset, but not its
// cost: terraform-plugin-log decides whether to build a subsystem's log line from the subsystem's
// own level, and an unset one means "build it". OffUnlessRequested sets all three.
const LevelVar = "TF_LOG_SDK"

// levelVars are the SDK log levels set to off when nobody asked for logs.
var levelVars = []string{LevelVar, "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}

// off is whether OffUnlessRequested turned the logs off in this process.
var off atomic.Bool

// Off reports whether nobody asked for this process's logs (OffUnlessRequested turned them off):
// the provider's own logs then skip building their fields, e.g. the redacted API bodies.
func Off() bool { return off.Load() }

// Requested reports whether environ (KEY=value entries, as os.Environ) asks
// for logs that would include the SDK's: Terraform's TF_LOG or TF_LOG_PATH,
// or a provider or SDK level (TF_LOG_PROVIDER*, TF_LOG_SDK*). An empty value
// counts as unset, as it does for Terraform.
func Requested(environ []string) bool {
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		if v == "" {
			continue
		}
		if k == "TF_LOG" || k == "TF_LOG_PATH" || strings.HasPrefix(k, "TF_LOG_PROVIDER") || strings.HasPrefix(k, "TF_LOG_SDK") {
			return true
		}
	}
	return false
}

// OffUnlessRequested turns the SDK's logs off (levelVars) when the environment asks for no logs,
// before the provider serves, and records it for Off; otherwise it changes nothing. It reports
// whether it turned the logs off.
func OffUnlessRequested() bool {
	if Requested(os.Environ()) {
		return false
	}
	for _, k := range levelVars {
		if err := os.Setenv(k, "off"); err != nil {
			return false
		}
	}
	off.Store(true)
	return true
}
