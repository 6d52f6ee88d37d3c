// Package sdklog turns terraform-plugin-framework's own logs off when nobody
// will read them. The framework formats its trace logs whatever Terraform
// does with them (hashicorp/terraform-plugin-framework#1269): on a plan of
// 1,000 objects that was about 40% of the provider's CPU.
package sdklog

import (
	"os"
	"strings"
)

// LevelVar is the framework's root SDK log level (terraform-plugin-go reads
// it at every request; its subsystems, TF_LOG_SDK_FRAMEWORK and
// TF_LOG_SDK_PROTO, inherit it when unset).
const LevelVar = "TF_LOG_SDK"

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

// OffUnlessRequested sets TF_LOG_SDK=off when the environment asks for no
// logs, before the provider serves; otherwise it changes nothing. It
// reports whether it turned the logs off.
func OffUnlessRequested() bool {
	if Requested(os.Environ()) {
		return false
	}
	return os.Setenv(LevelVar, "off") == nil
}
