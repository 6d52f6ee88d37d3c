package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Answer modes (Options.Answers, the -answers flag, the admin key "answers").
const (
	// AnswersFull answers with everything the emulator knows, as documented in API-NOTES.md.
	AnswersFull = "full"
	// AnswersDocumented answers as tightly as the reference allows: only the keys its answer
	// examples and tables show, unordered collections in another order than sent, avatar URLs
	// re-hosted, and operations it marks as not yet public refused as for a caller without the
	// private scope. A client that works in this mode relies only on what the reference promises.
	AnswersDocumented = "documented"
)

// AnswerModes lists the accepted answer modes.
var AnswerModes = []string{AnswersFull, AnswersDocumented}

// checkAnswers validates an answer mode; "" means AnswersFull.
func checkAnswers(mode string) (string, error) {
	if mode == "" {
		return AnswersFull, nil
	}
	if !slices.Contains(AnswerModes, mode) {
		return "", fmt.Errorf("answers must be one of %s, not %q", strings.Join(AnswerModes, ", "), mode)
	}
	return mode, nil
}

// SetAnswers changes the answer mode of later requests.
func (s *Server) SetAnswers(mode string) error {
	mode, err := checkAnswers(mode)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = mode
	return nil
}

func (s *Server) documented() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.answers == AnswersDocumented
}

// answerShape is what the reference shows of one method's answer. Paths name keys from the root
// of the answer: "id", "groups[].priority" (each item of the array groups), "[].id" (items of an
// answer that is an array), "agent_priorities.*" (any key). A path's last key keeps its whole
// value; a key no path names is dropped.
type answerShape struct {
	keys []string
	// unordered are the arrays the reference keeps no order of: they are answered reversed, so
	// that a client comparing them with what it sent in order sees another order.
	unordered []string
	// rewrite changes string values as the reference shows the service does (avatar URLs come
	// back re-hosted on the CDN).
	rewrite map[string]func(string) string
	// asIs, when set, says why the answer is kept whole: the reference shows no answer for the
	// method, or the emulator's answer already has exactly the example's keys and the method is
	// activity data no resource reads.
	asIs string

	tree *keyNode // compiled keys
}

// keyNode is one step of the compiled key paths; children are keys, "[]" (array items) or "*".
type keyNode map[string]*keyNode

// answerTable maps a method (v3.6 action, legacy "METHOD /pattern", Partner API operation) to its
// shape; tables are compiled once.
type answerTable map[string]*answerShape

func compileAnswers(t answerTable) answerTable {
	for _, sh := range t {
		sh.tree = &keyNode{}
		for _, p := range sh.keys {
			n := sh.tree
			for _, seg := range splitPath(p) {
				next := (*n)[seg]
				if next == nil {
					next = &keyNode{}
					(*n)[seg] = next
				}
				n = next
			}
		}
	}
	return t
}

// splitPath turns "groups[].id" into groups, [], id and "[].id" into [], id.
func splitPath(p string) []string {
	var out []string
	for _, part := range strings.Split(p, ".") {
		if name, isArray := strings.CutSuffix(part, "[]"); isArray {
			if name != "" {
				out = append(out, name)
			}
			out = append(out, "[]")
		} else {
			out = append(out, part)
		}
	}
	return out
}

// shapeAnswer is the one place where documented mode changes an answer: out (a handler's
// payload) is returned unchanged in full mode, and filtered, reordered and rewritten by the
// method's shape in documented mode. A method missing from the table is answered unchanged
// (TestAnswerTablesCoverEveryMethod keeps the tables complete).
func (s *Server) shapeAnswer(t answerTable, method string, out any) any {
	sh := t[method]
	if sh == nil || sh.asIs != "" || !s.documented() {
		return out
	}
	v, err := generic(out)
	if err != nil {
		return out
	}
	v = filterKeys(v, sh.tree)
	for _, p := range sh.unordered {
		v = atPath(v, splitPath(p), reverseArray)
	}
	for p, fn := range sh.rewrite {
		v = atPath(v, splitPath(p), func(x any) any {
			if str, ok := x.(string); ok && str != "" {
				return fn(str)
			}
			return x
		})
	}
	return v
}

// generic turns a handler's payload into its JSON form (maps, slices, json.Number).
func generic(out any) (any, error) {
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err = dec.Decode(&v)
	return v, err
}

// filterKeys keeps the keys n names; a leaf keeps its value whole.
func filterKeys(v any, n *keyNode) any {
	if n == nil || len(*n) == 0 {
		return v
	}
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			child := (*n)[k]
			if child == nil {
				child = (*n)["*"]
			}
			if child != nil {
				out[k] = filterKeys(x, child)
			}
		}
		return out
	case []any:
		items := (*n)["[]"]
		if items == nil {
			return t
		}
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = filterKeys(x, items)
		}
		return out
	}
	return v
}

// atPath replaces the values at the path segs (keys, "[]", "*") with fn of them.
func atPath(v any, segs []string, fn func(any) any) any {
	if len(segs) == 0 {
		return fn(v)
	}
	seg, rest := segs[0], segs[1:]
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if seg == "*" || seg == k {
				t[k] = atPath(x, rest, fn)
			}
		}
	case []any:
		if seg == "[]" {
			for i, x := range t {
				t[i] = atPath(x, rest, fn)
			}
		}
	}
	return v
}

func reverseArray(v any) any {
	if a, ok := v.([]any); ok {
		slices.Reverse(a)
	}
	return v
}

// RehostedAvatar is where documented mode answers an avatar given by URL: on the service's CDN,
// under a name of its own (the List Agents example: "cdn.livechatinc.com/avatars/1.png"). The
// name is derived from the URL, so the same avatar reads the same and another avatar reads
// differently.
func RehostedAvatar(u string) string {
	sum := sha256.Sum256([]byte(u))
	ext := strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0]))
	if len(ext) > 5 || ext == "" {
		ext = ".png"
	}
	return "https://cdn.livechatinc.com/avatars/" + hex.EncodeToString(sum[:8]) + ext
}

// notYetPublic are the v3.6 actions the reference marks "not yet available for public use"
// (their batch forms need the same scopes): they need the private subscription.lc:rw or
// sessions--all:rw scope, which no caller outside LiveChat can hold.
var notYetPublic = []string{
	"suspend_agent", "unsuspend_agent", "approve_agent",
	"batch_suspend_agents", "batch_unsuspend_agents", "batch_approve_agents",
}

// privateScopeError is the reference's answer to a caller that lacks a scope: `authorization`,
// "User is not allowed to perform the action".
func (s *Server) privateScopeError(action string) *apiError {
	if !slices.Contains(notYetPublic, action) || !s.documented() {
		return nil
	}
	return errAuthorization("")
}
