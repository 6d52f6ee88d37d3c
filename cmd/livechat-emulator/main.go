// Command livechat-emulator runs the local LiveChat API emulator (see internal/emulator).
//
//	go run ./cmd/livechat-emulator -h
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := emulator.RunCLI(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, emulator.ErrUsage):
		return 2
	default:
		fmt.Fprintln(os.Stderr, "livechat-emulator:", err)
		return 1
	}
}
