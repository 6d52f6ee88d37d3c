package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// MaxAnswerBytes bounds one answer body: a larger one is an error, never decoded (the API's
// largest documented answers, whole lists, are far below it).
const MaxAnswerBytes = 64 << 20

var errAnswerTooLarge = fmt.Errorf("the answer is larger than %d MiB", MaxAnswerBytes>>20)

// AnswerError is an answer that is not what the method documents: empty or null where an
// answer is expected, another JSON type, a documented key missing, unparseable or too large.
// It is never a not-found: a Read that gets one keeps the object in state.
type AnswerError struct {
	API       API
	Operation string
	Status    int
	Err       error
}

func (e *AnswerError) Error() string {
	return fmt.Sprintf("%s %s: the API's answer (HTTP %d) is not what the method documents: %v", e.API, e.Operation, e.Status, e.Err)
}

func (e *AnswerError) Unwrap() error { return e.Err }

// The shape an answer must have is declared by the Go type it is decoded into: a slice wants a
// JSON array, a struct or map a JSON object, and a struct field tagged `answer:"required"` names
// a key that object must carry with a non-null value. Only keys the reference's answer examples
// show may be required (see "Answer shapes" in API-NOTES.md).
type answerShape struct {
	open     byte // '[' or '{'; 0 accepts any JSON value but null
	required []string
}

var answerShapes sync.Map // reflect.Type -> *answerShape

func shapeOf(out any) *answerShape {
	t := reflect.TypeOf(out)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := answerShapes.Load(t); ok {
		return s.(*answerShape)
	}
	s := &answerShape{}
	switch t.Kind() {
	case reflect.Struct:
		s.open, s.required = '{', requiredKeys(t)
	case reflect.Map:
		s.open = '{'
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() != reflect.Uint8 { // json.RawMessage holds any value
			s.open = '['
		}
	}
	answerShapes.Store(t, s)
	return s
}

// requiredKeys lists the JSON names of t's fields tagged `answer:"required"`, embedded structs
// included (their fields are promoted into the same object).
func requiredKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			keys = append(keys, requiredKeys(f.Type)...)
			continue
		}
		if f.Tag.Get("answer") != "required" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys = append(keys, name)
	}
	return keys
}

// decodeAnswer checks that body has the shape out declares, then decodes it into out.
func decodeAnswer(body []byte, out any) error {
	body = bytes.TrimSpace(body)
	shape := shapeOf(out)
	switch {
	case len(body) == 0:
		return errors.New("the answer is empty")
	case bytes.Equal(body, []byte("null")):
		return errors.New("the answer is null")
	case shape.open == '[' && body[0] != '[':
		return errors.New("the answer is not a JSON array")
	case shape.open == '{' && body[0] != '{':
		return errors.New("the answer is not a JSON object")
	}
	if len(shape.required) > 0 {
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(body, &keys); err != nil {
			return err
		}
		var missing []string
		for _, k := range shape.required {
			if v, ok := keys[k]; !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
				missing = append(missing, "`"+k+"`")
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("the answer lacks %s", strings.Join(missing, ", "))
		}
	}
	return json.Unmarshal(body, out)
}
