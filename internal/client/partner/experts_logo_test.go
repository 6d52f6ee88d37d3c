package partner_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"net/http"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUploadLogoRequest(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /v2/partners/experts/profile/logo": reply(200, `{"result":"https://cdn.example.com/expert-logo.png"}`),
	})
	img := testPNG(t, 400, 400)
	url, err := f.client(t).UploadLogo(context.Background(), img, partner.LogoPNG)
	if err != nil {
		t.Fatal(err)
	}
	if url != "https://cdn.example.com/expert-logo.png" {
		t.Fatalf("url %q", url)
	}
	if len(f.calls) != 1 {
		t.Fatalf("calls %+v", f.calls)
	}
	c := f.calls[0]
	if c.Method != "POST" || c.Query != "" || c.ContentType != "image/png" || c.Auth != "Bearer ptok" || c.Body != string(img) {
		t.Fatalf("upload request %s %s?%s type %q auth %q, %d body bytes (want %d)", c.Method, c.Path, c.Query, c.ContentType, c.Auth, len(c.Body), len(img))
	}
}

func TestUploadLogoRetriesAndErrors(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		// A 5xx is retried with the same body (the upload is idempotent).
		"POST /v2/partners/experts/profile/logo": func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				reply(503, `{"error":"unavailable"}`)(w, r, n)
				return
			}
			reply(200, `{"result":"https://cdn.example.com/l.jpg"}`)(w, r, n)
		},
	})
	body := []byte("\xff\xd8\xff jpeg bytes")
	url, err := f.client(t).UploadLogo(context.Background(), body, partner.LogoJPEG)
	if err != nil || url != "https://cdn.example.com/l.jpg" {
		t.Fatalf("url %q, err %v", url, err)
	}
	if len(f.calls) != 2 || f.calls[1].Body != string(body) || f.calls[1].ContentType != "image/jpeg" {
		t.Fatalf("calls %+v", f.calls)
	}

	bad := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /v2/partners/experts/profile/logo": reply(400, `{"error":"The logo must be at least 350x350 px and at most 1000x1000 px (got 10x10)"}`),
	})
	c := bad.client(t)
	if _, err := c.UploadLogo(context.Background(), testPNG(t, 10, 10), partner.LogoPNG); err == nil {
		t.Fatal("400 accepted")
	} else if e := (*client.APIError)(nil); !errors.As(err, &e) || e.Status != 400 {
		t.Fatalf("error %T %v", err, err)
	}
	// Refused before sending: an unsupported content type, an empty body.
	if _, err := c.UploadLogo(context.Background(), testPNG(t, 400, 400), "image/gif"); err == nil {
		t.Fatal("image/gif accepted")
	}
	if _, err := c.UploadLogo(context.Background(), nil, partner.LogoPNG); err == nil {
		t.Fatal("empty body accepted")
	}
	if len(bad.calls) != 1 {
		t.Fatalf("calls %+v", bad.calls)
	}
}
