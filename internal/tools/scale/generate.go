package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// objectKind generates n objects of one resource type; groups come first
// so the others can refer to them.
type objectKind struct {
	name   string
	weight int // share of N
	hcl    func(i int, groups int) string
}

var kinds = []objectKind{
	{"livechat_group", 10, func(i, _ int) string {
		return fmt.Sprintf("resource \"livechat_group\" \"g%d\" {\n  name = \"scale group %d\"\n}\n", i, i)
	}},
	{"livechat_agent", 30, func(i, groups int) string {
		return fmt.Sprintf(`resource "livechat_agent" "a%d" {
  id              = "agent%d@scale.example.com"
  name            = "Scale Agent %d"
  max_chats_count = %d
  groups          = [{ id = livechat_group.g%d.id, priority = "normal" }]
}
`, i, i, i, 1+i%20, i%groups)
	}},
	{"livechat_tag", 25, func(i, groups int) string {
		return fmt.Sprintf("resource \"livechat_tag\" \"t%d\" {\n  name      = \"scale tag %d\"\n  group_ids = [livechat_group.g%d.id]\n}\n", i, i, i%groups)
	}},
	{"livechat_canned_response", 15, func(i, groups int) string {
		return fmt.Sprintf(`resource "livechat_canned_response" "c%d" {
  group = livechat_group.g%d.id
  text  = "Scale canned response %d: thanks for waiting."
  tags  = ["scale", "r%d"]
}
`, i, i%groups, i, i)
	}},
	{"livechat_webhook", 5, func(i, _ int) string {
		// At most three webhooks per action and owner: spread over owners.
		return fmt.Sprintf(`resource "livechat_webhook" "w%d" {
  owner_client_id = "scale-client-%d"
  action          = "incoming_event"
  type            = "license"
  url             = "https://hooks.example.com/scale/%d"
  secret_key      = "scale-webhook-secret"
}
`, i, i/3, i)
	}},
	{"livechat_property", 10, func(i, _ int) string {
		return fmt.Sprintf(`resource "livechat_property" "p%d" {
  owner_client_id = "scale-properties"
  name            = "scale_property_%d"
  type            = "string"
  access = {
    license = { agent = ["read"] }
  }
}
`, i, i)
	}},
}

// counts splits n across the kinds by weight (at least one group).
func counts(n int) map[string]int {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	out := map[string]int{}
	left := n
	for i, k := range kinds {
		c := n * k.weight / total
		if i == len(kinds)-1 {
			c = left
		}
		if k.name == "livechat_group" && c == 0 {
			c = 1
		}
		out[k.name] = c
		left -= c
	}
	return out
}

// writeConfig writes main.tf with n objects into a new directory.
func writeConfig(root string, n int) (string, map[string]int, error) {
	dir, err := os.MkdirTemp(root, fmt.Sprintf("n%d-", n))
	if err != nil {
		return "", nil, err
	}
	c := counts(n)
	var b strings.Builder
	b.WriteString("terraform {\n  required_providers {\n    livechat = { source = \"livechat-terraform/livechat\" }\n  }\n}\n\nprovider \"livechat\" {}\n\n")
	for _, k := range kinds {
		for i := range c[k.name] {
			b.WriteString(k.hcl(i, c["livechat_group"]))
		}
	}
	return dir, c, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600)
}
