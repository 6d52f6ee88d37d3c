package emulator

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// With no credentials at all, the CLI generates an access token and a Partner API token and
// prints the partner token as a third line.
func TestPartnerCLIGeneratesPartnerToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := RunCLI(ctx, nil, pw, io.Discard)
		pw.CloseWithError(err)
		done <- err
	}()
	sc := bufio.NewScanner(pr)
	var lines []string
	for len(lines) < 3 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "LIVECHAT_ACCESS_TOKEN=dal:") || !strings.HasPrefix(lines[2], "LIVECHAT_PARTNER_API_TOKEN=") {
		t.Fatalf("output %q", lines)
	}
	url := strings.TrimPrefix(lines[0], "LIVECHAT_API_URL=")
	req, _ := http.NewRequest("GET", url+"/v2/partners/coupons", nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(lines[2], "LIVECHAT_PARTNER_API_TOKEN="))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("partner token refused: %d", resp.StatusCode)
	}
}
