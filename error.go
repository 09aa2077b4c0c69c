package taller

import (
	"errors"
	"fmt"
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
// a text in the translation files; Args fill its placeholders.
type Error struct {
	Code string
	Key  string
	Args map[string]any
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
	var e *Error
	if errors.As(err, &e) {
		return e.Message(lang)
	}
	return i18n.T(lang, "err.internal")
}
