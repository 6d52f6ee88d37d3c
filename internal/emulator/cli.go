package emulator

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrUsage marks command-line errors that the flag package has already reported.
var ErrUsage = errors.New("usage error")

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			*l = append(*l, x)
		}
	}
	return nil
}

// patFlag is a repeatable "account_id:login_email:token" flag (the token may contain colons).
type patFlag []PAT

func (p *patFlag) String() string { return fmt.Sprintf("%d PAT(s)", len(*p)) }

func (p *patFlag) Set(v string) error {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) != 3 || parts[2] == "" || (parts[0] == "" && parts[1] == "") {
		return errors.New(`want "account_id:login_email:token"`)
	}
	*p = append(*p, PAT{AccountID: parts[0], LoginEmail: parts[1], Token: parts[2]})
	return nil
}

// RunCLI is the livechat-emulator command: it parses args, serves until ctx is done, and then
// saves the -state file. On start it prints LIVECHAT_API_URL=... and LIVECHAT_ACCESS_TOKEN=...
// to stdout, one per line, so that scripts can eval them.
func RunCLI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("livechat-emulator", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var tokens, partnerTokens listFlag
	var pats patFlag
	listen := flags.String("listen", "127.0.0.1:0", "address to listen on")
	flags.Var(&tokens, "token", "accepted access token (repeatable or comma-separated); one is generated when no credential is given")
	flags.Var(&pats, "pat", `accepted personal access token as "account_id:login_email:token" (repeatable)`)
	flags.Var(&partnerTokens, "partner-token", "accepted Partner API token (repeatable or comma-separated)")
	region := flags.String("region", defaultRegion, `data center of the license: "dal" or "fra"`)
	owner := flags.String("owner", defaultOwnerID, "e-mail of the license owner agent")
	delay := flags.Duration("propagation-delay", 0, "how long writes stay invisible to reads, e.g. 2m")
	delayFor := delayForFlag{}
	flags.Var(delayFor, "propagation-delay-for", "kind=duration: the propagation delay of one kind of object instead of -propagation-delay (repeatable or comma-separated), e.g. agent=30s,group=2m; kinds: "+strings.Join(KnownDelayKinds(), ", "))
	latency := flags.Duration("latency", 0, "latency added before every API response")
	requestLog := flags.String("request-log", "", "append one JSON line per API request to this file")
	statePath := flags.String("state", "", "load the state from this file at start (if it exists) and save it there on exit")
	fixture := flags.String("fixture", "", "state-format JSON of objects added to the fresh license (ignored when -state exists)")
	faultRate := flags.Float64("fault-rate", 0, "probability (0..1) that an API request draws a fault")
	faultKinds := flags.String("fault-kinds", "", "comma-separated fault kinds to draw from: "+strings.Join(FaultKinds, ", ")+" (default all of these), or the malformed answers "+strings.Join(MalformedFaultKinds, ", ")+" (only when named)")
	seed := flags.Uint64("seed", 1, "seed of the fault PRNG (a run is reproducible for a given request order)")
	rateLimit := flags.Float64("rate-limit", 0, "requests per second per credential before too_many_requests (0: no limit)")
	slowDelay := flags.Duration("slow-delay", 35*time.Second, "how long a \"slow\" fault holds its answer")
	answers := flags.String("answers", AnswersFull, `"full": answers carry everything the emulator knows; "documented": only what the API reference's answers show, unordered collections reordered, not-yet-public operations refused`)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(flags.Args(), " "))
	}
	if *region != "dal" && *region != "fra" {
		return fmt.Errorf(`-region must be "dal" or "fra", not %q`, *region)
	}
	kinds, err := ParseFaultKinds(*faultKinds)
	if err != nil {
		return fmt.Errorf("-fault-kinds: %w", err)
	}
	if _, err := checkAnswers(*answers); err != nil {
		return fmt.Errorf("-%w", err)
	}
	if *faultRate < 0 || *faultRate > 1 {
		return fmt.Errorf("-fault-rate must be between 0 and 1, not %g", *faultRate)
	}
	if len(tokens) == 0 && len(pats) == 0 && len(partnerTokens) == 0 {
		// No credentials given: generate an access token and a Partner API token.
		tokens, partnerTokens = listFlag{*region + ":" + randomToken()}, listFlag{randomToken()}
	}
	opts := Options{
		AccessTokens: tokens, PATs: pats, PartnerTokens: partnerTokens,
		Region: *region, OwnerID: *owner, PropagationDelay: *delay, PropagationDelayFor: delayFor, Latency: *latency,
		Faults:  Faults{Rate: *faultRate, Kinds: kinds, Seed: *seed, RateLimit: *rateLimit, SlowDelay: *slowDelay},
		Answers: *answers,
	}
	if *requestLog != "" {
		f, err := os.OpenFile(*requestLog, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		opts.RequestLog = f
	}
	s := New(opts)
	loaded, err := loadStateFile(s, *statePath)
	if err != nil {
		return err
	}
	if !loaded && *fixture != "" {
		data, err := os.ReadFile(*fixture)
		if err != nil {
			return err
		}
		if err := s.LoadFixture(data); err != nil {
			return fmt.Errorf("%s: %w", *fixture, err)
		}
	}
	run, err := s.Serve(*listen)
	if err != nil {
		return err
	}
	token := ""
	if creds := s.Credentials(); len(creds.AccessTokens) > 0 {
		token = creds.AccessTokens[0]
	}
	out := fmt.Sprintf("LIVECHAT_API_URL=%s\nLIVECHAT_ACCESS_TOKEN=%s\n", run.URL, token)
	if creds := s.Credentials(); len(creds.PartnerTokens) > 0 {
		// One write, so that a reader that waits for the first two lines sees the third too.
		out += fmt.Sprintf("LIVECHAT_PARTNER_API_TOKEN=%s\n", creds.PartnerTokens[0])
	}
	fmt.Fprint(stdout, out)
	<-ctx.Done()
	err = run.Close()
	if *statePath != "" {
		err = errors.Join(err, saveStateFile(s, *statePath))
	}
	return err
}

func loadStateFile(s *Server, path string) (bool, error) {
	if path == "" {
		return false, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := s.LoadState(data); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	return true, nil
}

// saveStateFile writes the state atomically (temporary file, then rename).
func saveStateFile(s *Server, path string) error {
	data, err := s.StateJSON()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".livechat-emulator-state-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
