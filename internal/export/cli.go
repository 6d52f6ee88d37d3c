package export

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// ErrUsage is returned for bad command-line arguments (exit status 2).
var ErrUsage = errors.New("usage error")

// RunCLI is the livechat-export command: it reads the provider's environment variables, lists the
// license (and partner) objects and writes the import blocks to -out. A summary goes to stderr.
func RunCLI(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, version string) error {
	fs := flag.NewFlagSet("livechat-export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	types := fs.String("types", "", "comma-separated resource types to export (default: every type; known: "+strings.Join(Types(), ", ")+")")
	includeDefaults := fs.Bool("include-defaults", false, "also export what every license has from the start (group 0, the owner agent, the default tags, enabled license webhooks, the default campaign, property values equal to their default)")
	out := fs.String("out", "imports.tf", `file to write the import blocks to; "-" writes to stdout`)
	clientIDs := fs.String("client-id", getenv("LIVECHAT_CLIENT_ID"), "comma-separated OAuth client IDs whose bot templates, properties, webhooks and license webhooks state are exported (default: LIVECHAT_CLIENT_ID)")
	orgs := fs.String("organizations", "", "comma-separated solution organization IDs to export (the Partner API cannot list them); their licenses are imported with the organization")
	timeout := fs.Duration("timeout", 10*time.Minute, "bound of the whole export")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: livechat-export [flags]\n\n"+
			"Writes Terraform import blocks for every object of a LiveChat license (and, with a Partner API\n"+
			"token, the partner's objects). Credentials come from the provider's environment variables:\n"+
			"LIVECHAT_API_URL, LIVECHAT_ACCESS_TOKEN or LIVECHAT_PAT + LIVECHAT_ACCOUNT_ID / LIVECHAT_LOGIN_EMAIL,\n"+
			"LIVECHAT_PARTNER_API_TOKEN, LIVECHAT_REGION, LIVECHAT_CLIENT_ID.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: unexpected arguments %q", ErrUsage, fs.Args())
	}
	if *out == "" {
		return fmt.Errorf("%w: -out must name a file or be -", ErrUsage)
	}
	opts := Options{Types: SplitList(*types), IncludeDefaults: *includeDefaults, ClientIDs: SplitList(*clientIDs), Organizations: SplitList(*orgs)}
	if _, _, err := selectKinds(opts.Types); err != nil {
		return fmt.Errorf("%w: -types: %v", ErrUsage, err)
	}
	cfg, err := ConfigFromEnv(getenv, "livechat-export/"+version)
	if err != nil {
		return err
	}
	core, err := client.New(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	res, err := Export(ctx, NewClients(core), opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Write(&buf, res); err != nil {
		return err
	}
	if *out == "-" {
		if _, err := stdout.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	summarize(stderr, res, *out)
	return nil
}

func summarize(w io.Writer, res *Result, out string) {
	types := make([]string, 0, len(res.Counts))
	total := 0
	for t, n := range res.Counts {
		types = append(types, t)
		total += n
	}
	sort.Strings(types)
	dest := out
	if out == "-" {
		dest = "stdout"
	}
	fmt.Fprintf(w, "livechat-export: %d import blocks written to %s\n", total, dest)
	for _, t := range types {
		fmt.Fprintf(w, "  %-34s %d\n", t, res.Counts[t])
	}
	skipped := 0
	for _, n := range res.SkippedDefaults {
		skipped += n
	}
	if skipped > 0 {
		fmt.Fprintf(w, "  (%d default objects left out; -include-defaults exports them)\n", skipped)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// writeFileAtomic replaces path only once the whole file is written.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".livechat-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
