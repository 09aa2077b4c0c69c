package curriculum

import (
	"taller"
	"taller/i18n"
)

// The kinds of module.
const (
	KindOpening = "opening" // the welcome, agreements and pre-quiz
	KindModule  = "module"  // a content module of the manual
	KindClosing = "closing" // the wrap-up, post-quiz and evaluation
)

// The sensitivity levels of a module: how much care the facilitator needs
// to keep the room safe.
const (
	SensitivityLow    = "low"
	SensitivityMedium = "medium"
	SensitivityHigh   = "high"
)

// Limits on a module's duration, in minutes.
const (
	MinModuleMinutes = 10
	MaxModuleMinutes = 90
)

// Module is one session of the manual, in both languages.
type Module struct {
	ID          string
	Kind        string // KindOpening, KindModule or KindClosing
	Order       int    // from the file's NN prefix
	Minutes     int    // the module's duration
	Discussion  int    // minutes of it kept for the discussion questions
	Sensitivity string // SensitivityLow, SensitivityMedium or SensitivityHigh
	Text        map[i18n.Lang]*Text
}

// In returns the module's text in lang, or in Spanish when lang is not
// supported.
func (m *Module) In(lang i18n.Lang) *Text {
	if t, ok := m.Text[lang]; ok {
		return t
	}
	return m.Text[i18n.Spanish]
}

// Text is a module's content in one language.
type Text struct {
	Title      string
	Objectives []string
	Materials  []string
	Quiz       []taller.Question

	// The Markdown of each section, without its heading.
	KeyIdeas   string
	Activity   string
	Discussion string
	Notes      string // for the facilitator only: never projected or sent to phones
	Shorter    string // for the facilitator only: what to cut when a template gives less time

	// Body is the participant-facing Markdown: key ideas, activity and
	// discussion questions with their headings, without the facilitator
	// notes and the advice on what to cut.
	Body string
}
