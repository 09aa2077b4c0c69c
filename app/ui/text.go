package ui

import (
	"fmt"
	"log"
	"sort"
	"time"

	"taller"
	"taller/curriculum"
	"taller/i18n"
)

// T translates a key with optional template data into the app's language
// (see UseLanguage).
func T(key string, data ...any) string {
	return i18n.T(Current(), key, data...)
}

// TN translates a key with template data given as name, value pairs.
func TN(key string, kv ...any) string {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return i18n.T(Current(), key, m)
}

// LogErr keeps the details of an unexpected error for whoever supports the
// facilitator; the person at the laptop sees a plain sentence.
func LogErr(what string, err error) {
	if err != nil && taller.ErrorCode(err) == taller.EINTERNAL {
		log.Printf("taller: %s: %v", what, err)
	}
}

// SortWorkshops puts upcoming workshops first, soonest first, then past
// ones, most recent first.
func SortWorkshops(ws []*taller.Workshop, now time.Time) {
	today := now.Format(time.DateOnly)
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		au, bu := a.Date >= today, b.Date >= today
		if au != bu {
			return au
		}
		if a.Date != b.Date {
			if au {
				return a.Date < b.Date
			}
			return a.Date > b.Date
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Title < b.Title
	})
}

// FormatDate shows YYYY-MM-DD as the region writes dates: DD/MM/YYYY.
func FormatDate(d string) string {
	tm, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return tm.Format("02/01/2006")
}

// BlockTitle is what an agenda block is called in l: a module's title
// from c, a break's own name or "Break".
func BlockTitle(c *curriculum.Curriculum, b taller.AgendaBlock, l i18n.Lang) string {
	switch b.Kind {
	case taller.BlockModule:
		if m, ok := c.Module(b.ModuleID); ok {
			return m.In(l).Title
		}
		return b.ModuleID
	case taller.BlockBreak:
		if b.Title != "" {
			return curriculum.BreakTitle(b.Title, l)
		}
		return i18n.T(l, "app.agenda.break")
	}
	return b.Title
}
