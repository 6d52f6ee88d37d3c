package partner

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Logo content types Upload Logo takes ("a .jpg or .png image").
const (
	LogoPNG  = "image/png"
	LogoJPEG = "image/jpeg"
)

// UploadLogo sends content (a PNG or JPEG of 350x350 to 1000x1000 px) as the Expert logo, the
// raw image as the request body with contentType as its Content-Type, and returns the logo URL
// the API answers ({"result": "<url>"}); Get Expert Profile shows it as `logo`. The profile must
// exist. Re-sending the same image is harmless, so the call is retried like any other write.
func (c *Client) UploadLogo(ctx context.Context, content []byte, contentType string) (string, error) {
	if contentType != LogoPNG && contentType != LogoJPEG {
		return "", fmt.Errorf("upload_logo: content type %q: the logo must be %s or %s", contentType, LogoPNG, LogoJPEG)
	}
	if len(content) == 0 {
		return "", errors.New("upload_logo: the logo is empty")
	}
	req := request(http.MethodPost, "/experts/profile/logo", nil)
	req.Body = content
	req.ContentType = contentType
	req.Operation = "upload_logo"
	var out struct {
		Result string `json:"result" answer:"required"`
	}
	if err := c.do(ctx, req, &out); err != nil {
		return "", err
	}
	if out.Result == "" {
		return "", errors.New("upload_logo: the answer has no logo URL in `result`")
	}
	return out.Result, nil
}
