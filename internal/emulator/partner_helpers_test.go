package emulator

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const testPartnerToken = "partner-test-token"

func withPartner(o *Options) { o.PartnerTokens = []string{testPartnerToken} }

// preq is one Partner API request of a test.
type preq struct {
	method, path string
	json         string     // JSON body (Content-Type application/json)
	form         url.Values // form body
	raw          []byte     // raw body with ctype
	ctype        string
	token        string // default testPartnerToken; "-" sends none
}

// partner sends a Partner API request and returns the status and the decoded JSON body (nil when
// the body is empty or not JSON).
func (h *harness) partner(r preq) (int, any, *bytes.Buffer) {
	h.t.Helper()
	hdr := map[string]string{}
	body := ""
	switch {
	case r.json != "":
		body, hdr["Content-Type"] = r.json, "application/json"
	case r.form != nil:
		body, hdr["Content-Type"] = r.form.Encode(), "application/x-www-form-urlencoded"
	case r.raw != nil:
		body, hdr["Content-Type"] = string(r.raw), r.ctype
	}
	switch r.token {
	case "":
		hdr["Authorization"] = "Bearer " + testPartnerToken
	case "-":
	default:
		hdr["Authorization"] = "Bearer " + r.token
	}
	w := h.do(r.method, r.path, body, hdr)
	var out any
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		out = decode(h.t, w.Body.Bytes())
	}
	return w.Code, out, w.Body
}

// pok sends a request that must answer want and returns the JSON body.
func (h *harness) pok(want int, r preq) any {
	h.t.Helper()
	code, out, raw := h.partner(r)
	if code != want {
		h.t.Fatalf("%s %s: status %d (want %d): %s", r.method, r.path, code, want, raw)
	}
	return out
}

// pfail sends a request that must fail with status; the error message must contain msg.
func (h *harness) pfail(status int, msg string, r preq) {
	h.t.Helper()
	code, out, raw := h.partner(r)
	if code != status {
		h.t.Fatalf("%s %s: status %d (want %d): %s", r.method, r.path, code, status, raw)
	}
	e := errorOf(h.t, out)
	if e["title"] != http.StatusText(status) || !strings.Contains(e["message"].(string), msg) {
		h.t.Fatalf("%s %s: error %v, want title %q and a message containing %q", r.method, r.path, e, http.StatusText(status), msg)
	}
}

func pget(path string) preq { return preq{method: http.MethodGet, path: path} }

func formOf(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// pngImage returns a PNG of w x h pixels.
func pngImage(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
