// Command livechat-export writes Terraform import blocks for every object of a LiveChat license
// (and, with a Partner API token, the partner's objects), using the provider's environment
// variables for credentials (see internal/export and docs/guides/import-existing-license.md).
//
//	livechat-export -out imports.tf
//	terraform plan -generate-config-out=generated.tf
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/export"
)

// Set through -ldflags "-X main.version=...".
var version = "dev"

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := export.RunCLI(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr, version)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, export.ErrUsage):
		fmt.Fprintln(os.Stderr, "livechat-export:", err)
		return 2
	default:
		fmt.Fprintln(os.Stderr, "livechat-export:", err)
		return 1
	}
}
