package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// Credentials of the emulator runs; the secrets test looks for each of them.
const (
	accessToken  = "dal:scale-access-token-5f1c"
	partnerToken = "scale-partner-token-9a7e"
	patToken     = "scale-personal-access-token-3b2d"
)

// harness holds the built providers (ours, and the no-op framework provider
// of the floor) and the Terraform CLI config that points at them
// (dev_overrides: no registry, no terraform init).
type harness struct {
	root  string // repository root
	dir   string
	cliRC string
	tfBin string
}

func newHarness(ctx context.Context) (*harness, error) {
	dir, err := os.MkdirTemp("", "livechat-scale-")
	if err != nil {
		return nil, err
	}
	h := &harness{dir: dir, tfBin: "terraform"}
	if v := os.Getenv("TERRAFORM"); v != "" {
		h.tfBin = v
	}
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err
	}
	h.root = root
	// The livechat_stats build writes LIVECHAT_STATS_FILE (stats.go at the repository root).
	pdir, noopDir := filepath.Join(dir, "provider"), filepath.Join(dir, "noop")
	for _, b := range []struct{ out, pkg string }{
		{filepath.Join(pdir, "terraform-provider-livechat"), "."},
		{filepath.Join(noopDir, "terraform-provider-noop"), "./internal/tools/noopprovider"},
	} {
		build := exec.CommandContext(ctx, "go", "build", "-tags", "livechat_stats", "-o", b.out, b.pkg)
		build.Dir = root
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("building %s: %w", b.pkg, err)
		}
	}
	h.cliRC = filepath.Join(dir, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"livechat-terraform/livechat\" = %q\n    \"livechat-terraform/noop\" = %q\n  }\n  direct {}\n}\n", pdir, noopDir)
	return h, os.WriteFile(h.cliRC, []byte(rc), 0o600)
}

func (h *harness) cleanup() { _ = os.RemoveAll(h.dir) }

// moduleRoot is the directory of the provider's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the provider module")
	}
	return filepath.Dir(gomod), nil
}

// counter counts API requests by operation and the bytes answered.
type counter struct {
	mu      sync.Mutex
	byOp    map[string]int
	bytes   int64
	handler http.Handler
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator") {
		c.handler.ServeHTTP(w, r)
		return
	}
	cw := &countingWriter{ResponseWriter: w}
	c.handler.ServeHTTP(cw, r)
	op, ok := strings.CutPrefix(r.URL.Path, "/v3.6/configuration/action/")
	if !ok {
		op = r.Method + " " + opPath(r.URL.Path)
	}
	c.mu.Lock()
	c.byOp[op]++
	c.bytes += cw.n
	c.mu.Unlock()
}

// opPath names a REST path by its shape: a segment holding a digit (an
// object's id), other than an API version, reads {id}, so that the calls of one
// operation on many objects count together.
func opPath(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.ContainsAny(s, "0123456789") && !apiVersionSegment.MatchString(s) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

var apiVersionSegment = regexp.MustCompile(`^v[0-9]+(\.[0-9]+)?$`)

// take returns and resets the counts.
func (c *counter) take() (map[string]int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ops, b := c.byOp, c.bytes
	c.byOp, c.bytes = map[string]int{}, 0
	return ops, b
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// Hijack lets the emulator's dropped-connection faults through.
func (w *countingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return w.ResponseWriter.(http.Hijacker).Hijack()
}

// emulatorRun is one emulator with its counter on a loopback port.
type emulatorRun struct {
	*emulator.Server
	url   string
	count *counter
	srv   *http.Server
}

func startEmulator(opts emulator.Options) (*emulatorRun, error) {
	opts.AccessTokens = []string{accessToken}
	opts.PartnerTokens = []string{partnerToken}
	opts.PATs = []emulator.PAT{{AccountID: "scale-account", LoginEmail: "owner@example.com", Token: patToken}}
	s := emulator.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &counter{byOp: map[string]int{}, handler: s}
	srv := &http.Server{Handler: c, ReadHeaderTimeout: 30 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &emulatorRun{Server: s, url: "http://" + ln.Addr().String(), count: c, srv: srv}, nil
}

func (e *emulatorRun) close() { _ = e.srv.Close() }

// phase is what one terraform command cost.
type phase struct {
	Name string
	Wall time.Duration
	// CPU is Terraform's and the provider's user and system time (the
	// provider is Terraform's child, waited for).
	CPU       time.Duration
	Calls     int
	ByOp      map[string]int
	Bytes     int64
	PeakRSSKB int64
	Client    client.Stats
	ExitCode  int
}

// terraform runs one terraform command in dir against em (nil: a
// configuration that calls no API, the floors) and measures it.
func (h *harness) terraform(ctx context.Context, em *emulatorRun, dir string, env []string, args ...string) (phase, error) {
	stats := filepath.Join(dir, "provider-stats.jsonl")
	_ = os.Remove(stats)
	cmd := exec.CommandContext(ctx, h.tfBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+h.cliRC, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"LIVECHAT_ACCESS_TOKEN="+accessToken,
		"LIVECHAT_PARTNER_API_TOKEN="+partnerToken, "LIVECHAT_PAT="+patToken,
		"LIVECHAT_ACCOUNT_ID=scale-account", "LIVECHAT_LOGIN_EMAIL=owner@example.com",
		"LIVECHAT_STATS_FILE="+stats)
	if em != nil {
		cmd.Env = append(cmd.Env, "LIVECHAT_API_URL="+em.url)
		em.count.take()
	}
	cmd.Env = append(cmd.Env, env...)
	logFile, err := os.Create(filepath.Join(dir, args[0]+".log"))
	if err != nil {
		return phase{}, err
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	runErr := cmd.Run()
	p := phase{Name: args[0], Wall: time.Since(start)}
	if em != nil {
		p.ByOp, p.Bytes = em.count.take()
	}
	for _, n := range p.ByOp {
		p.Calls += n
	}
	if cmd.ProcessState != nil {
		p.ExitCode = cmd.ProcessState.ExitCode()
		p.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if b, err := os.ReadFile(stats); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var s struct {
				Client    client.Stats `json:"client"`
				PeakRSSKB int64        `json:"peak_rss_kb"`
			}
			if json.Unmarshal([]byte(line), &s) == nil {
				p.Client = p.Client.Add(s.Client)
				p.PeakRSSKB = max(p.PeakRSSKB, s.PeakRSSKB)
			}
		}
	}
	if runErr != nil && (args[0] != "plan" || p.ExitCode != 2) {
		tail, _ := os.ReadFile(logFile.Name())
		if len(tail) > 3000 {
			tail = tail[len(tail)-3000:]
		}
		return p, fmt.Errorf("terraform %s: %v\n%s", strings.Join(args, " "), runErr, tail)
	}
	return p, nil
}

// topOps renders the busiest operations, e.g. "list_agents 2, batch_create_agents 50".
func topOps(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range m {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v || (all[i].v == all[j].v && all[i].k < all[j].k) })
	var parts []string
	for i, e := range all {
		if i == n {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", e.k, e.v))
	}
	return strings.Join(parts, ", ")
}
