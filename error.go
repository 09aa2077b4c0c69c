package taller

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"taller/i18n"
)

// Error codes, in the style of WTF Dial: each maps once to an HTTP status,
// an exit code and a dialog.
const (
	EINVALID  = "invalid"   // the input breaks a rule the user can fix
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // the input clashes with what is stored
	ELIMIT    = "limit"     // a cap on how many may be stored was reached
	EDENIED   = "denied"    // the input is not this user's to give (another participant's code)
	EINTERNAL = "internal"  // a fault of the program or the machine
)

// Error is a domain error with a code and a translatable message. Key names
// a text in the translation files and is the precise reason; Args fill its
// placeholders. Field names the input at fault (a Field* constant of the
// type that was validated), "" when the error is about no one field.
type Error struct {
	Code  string
	Key   string
	Args  map[string]any
	Field string
}

// Error renders the message in English, for logs and wrapped errors; use
// Message to show it to a user in their language.
func (e *Error) Error() string { return e.Message(i18n.English) }

// Message renders the error in lang.
func (e *Error) Message(lang i18n.Lang) string {
	if len(e.Args) == 0 {
		return i18n.T(lang, e.Key)
	}
	args := make(map[string]any, len(e.Args))
	for k, v := range e.Args {
		// An argument that names a translation key (a field's label) is
		// itself translated.
		if s, ok := v.(string); ok && strings.Contains(s, ".") && i18n.Has(lang, s) {
			v = i18n.T(lang, s)
		}
		args[k] = v
	}
	return i18n.T(lang, e.Key, args)
}

// Errorf returns a domain error with code, translation key and arguments
// given as name, value pairs.
func Errorf(code, key string, kv ...any) *Error {
	e := &Error{Code: code, Key: key}
	if len(kv) > 0 {
		e.Args = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			e.Args[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return e
}

// FieldErrorf returns a domain error about one input field.
func FieldErrorf(field, code, key string, kv ...any) *Error {
	e := Errorf(code, key, kv...)
	e.Field = field
	return e
}

// Errors is every problem found in one input, at most one per field, in
// the order of the fields: validation reports them all at once.
type Errors []*Error

// Error renders every message in English, for logs.
func (es Errors) Error() string { return es.Message(i18n.English) }

// Message renders every message in lang on one line, each sentence once.
func (es Errors) Message(lang i18n.Lang) string {
	var msgs []string
	for _, e := range es {
		if m := e.Message(lang); !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	return strings.Join(msgs, " ")
}

// Unwrap gives the errors.Is and errors.As of the standard library every
// error in the list.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// errorList collects the problems found by a Validate method.
type errorList Errors

// add records err (nil is ignored) as being about field, unless the error
// already names its own field.
func (l *errorList) add(field string, err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		e = Errorf(EINTERNAL, "err.internal")
	}
	if e.Field == "" {
		cp := *e
		cp.Field = field
		e = &cp
	}
	*l = append(*l, e)
}

// err is nil for no problem, the single *Error for one, Errors for more.
func (l errorList) err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return Errors(l)
}

// FieldErrors returns the problems in err by field name; those about no
// one field are under "". Nil for an error that is not a domain error.
func FieldErrors(err error) map[string]*Error {
	var es Errors
	if errors.As(err, &es) {
		out := make(map[string]*Error, len(es))
		for _, e := range es {
			if _, dup := out[e.Field]; !dup {
				out[e.Field] = e
			}
		}
		return out
	}
	var e *Error
	if errors.As(err, &e) {
		return map[string]*Error{e.Field: e}
	}
	return nil
}

// ErrorCode returns the code of a domain error in err's chain, or EINTERNAL
// for any other error, or "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Message returns the user-facing text of err in lang: the domain error's own
// message, or a generic "something went wrong" for internal faults, so Go
// error chains never reach a user.
func Message(lang i18n.Lang, err error) string {
	var es Errors
	if errors.As(err, &es) {
		return es.Message(lang)
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message(lang)
	}
	return i18n.T(lang, "err.internal")
}
