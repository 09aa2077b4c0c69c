package taller_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

func validWorkshop() taller.Workshop {
	return taller.Workshop{Title: "Taller comunitario", Country: "SV", Locality: "San Vicente", Organization: "Red de Mujeres",
		Date: "2024-06-10", Start: 540, Language: i18n.Spanish}
}

func TestWorkshopValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(w *taller.Workshop)
		key    string // expected error key; "" means valid
	}{
		{"valid", func(w *taller.Workshop) {}, ""},
		{"empty title", func(w *taller.Workshop) { w.Title = "   " }, "err.field.required"},
		{"10 kB title", func(w *taller.Workshop) { w.Title = strings.Repeat("a", 10240) }, "err.field.too_long"},
		{"title at the limit", func(w *taller.Workshop) { w.Title = strings.Repeat("ñ", taller.MaxTitle) }, ""},
		{"title only control characters", func(w *taller.Workshop) { w.Title = "\x00\x1b\u200b"[:2] }, "err.field.required"},
		{"unknown country", func(w *taller.Workshop) { w.Country = "XX" }, "err.country.unknown"},
		{"lower-case country", func(w *taller.Workshop) { w.Country = "gt" }, ""},
		{"Honduras", func(w *taller.Workshop) { w.Country = "HN" }, ""},
		{"empty locality", func(w *taller.Workshop) { w.Locality = "" }, "err.field.required"},
		{"long locality", func(w *taller.Workshop) { w.Locality = strings.Repeat("x", taller.MaxLocality+1) }, "err.field.too_long"},
		{"empty organisation", func(w *taller.Workshop) { w.Organization = "" }, "err.field.required"},
		{"long organisation", func(w *taller.Workshop) { w.Organization = strings.Repeat("x", taller.MaxOrg+1) }, "err.field.too_long"},
		{"facilitator optional", func(w *taller.Workshop) { w.Facilitator = "" }, ""},
		{"long facilitator", func(w *taller.Workshop) { w.Facilitator = strings.Repeat("x", taller.MaxFacilitator+1) }, "err.field.too_long"},
		{"impossible date", func(w *taller.Workshop) { w.Date = "2024-13-40" }, "err.date.invalid"},
		{"31 February", func(w *taller.Workshop) { w.Date = "2024-02-31" }, "err.date.invalid"},
		{"date in another format", func(w *taller.Workshop) { w.Date = "10/06/2024" }, "err.date.format"},
		{"empty date", func(w *taller.Workshop) { w.Date = "" }, "err.date.format"},
		{"start late in the day", func(w *taller.Workshop) { w.Start = 23*60 + 59 }, ""},
		{"start past midnight", func(w *taller.Workshop) { w.Start = 24 * 60 }, "err.time.format"},
		{"english", func(w *taller.Workshop) { w.Language = i18n.English }, ""},
		{"unknown language", func(w *taller.Workshop) { w.Language = "fr" }, "err.lang.unknown"},
		{"cap too high", func(w *taller.Workshop) { w.CheckInCap = 1_000_000 }, "err.cap.range"},
		{"cap negative", func(w *taller.Workshop) { w.CheckInCap = -1 }, "err.cap.range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := validWorkshop()
			tt.change(&w)
			w.Normalize()
			err := w.Validate()
			if tt.key == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			var de *taller.Error
			require.ErrorAs(t, err, &de)
			assert.Equal(t, taller.EINVALID, de.Code)
			assert.Equal(t, tt.key, de.Key)
			for _, l := range i18n.Langs {
				msg := de.Message(l)
				assert.NotContains(t, msg, "err.", "message in %s is translated", l)
				assert.NotContains(t, msg, "field.", "field label in %s is translated", l)
				assert.NotContains(t, msg, "\n", "one line")
			}
		})
	}
}

func TestErrorMessagesInBothLanguages(t *testing.T) {
	w := validWorkshop()
	w.Title = ""
	w.Normalize()
	err := w.Validate()
	assert.Equal(t, "Falta el título.", taller.Message(i18n.Spanish, err))
	assert.Equal(t, "The title is missing.", taller.Message(i18n.English, err))
	assert.Equal(t, taller.EINTERNAL, taller.ErrorCode(assert.AnError))
	assert.NotContains(t, taller.Message(i18n.Spanish, assert.AnError), assert.AnError.Error(), "internal details never reach a user")
	assert.Equal(t, "", taller.ErrorCode(nil))
}

func TestValidateReportsEveryFieldAtOnce(t *testing.T) {
	// Given a workshop with four bad fields,
	w := validWorkshop()
	w.Title, w.Locality, w.Date, w.Language = "", "", "2024-02-31", "fr"
	w.Normalize()

	// validation names each of them, with its own reason,
	err := w.Validate()
	require.Error(t, err)
	byField := taller.FieldErrors(err)
	keys := map[string]string{}
	for f, e := range byField {
		keys[f] = e.Key
	}
	assert.Equal(t, map[string]string{
		taller.FieldTitle: "err.field.required", taller.FieldLocality: "err.field.required",
		taller.FieldDate: "err.date.invalid", taller.FieldLanguage: "err.lang.unknown",
	}, keys)
	assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))

	// and says all of it on one line.
	msg := taller.Message(i18n.English, err)
	assert.Equal(t, "The title is missing. The locality is missing. That date does not exist: “2024-02-31”. Unknown language: “fr”. Use es or en.", msg)

	// One bad field gives that field's error alone.
	w = validWorkshop()
	w.Organization = ""
	w.Normalize()
	err = w.Validate()
	var de *taller.Error
	require.ErrorAs(t, err, &de)
	assert.Equal(t, taller.FieldOrganization, de.Field)
	assert.Len(t, taller.FieldErrors(err), 1)
}

func TestParseDate(t *testing.T) {
	d, err := taller.ParseDate("2024-06-10")
	require.NoError(t, err)
	assert.Equal(t, 10, d.Day())
	for _, bad := range []string{"2024-6-10", "2024-06-10T00:00", "1999-01-01", "abcd-ef-gh"} {
		_, err := taller.ParseDate(bad)
		assert.Error(t, err, bad)
	}
}

func TestCleanText(t *testing.T) {
	assert.Equal(t, "Hola mundo", taller.CleanText("  Hola\x00 mundo\u200e\r ", false)[:10])
	assert.Equal(t, "a\nb", taller.CleanText("a\nb", true))
	assert.Equal(t, "ab", taller.CleanText("a\nb", false))
	assert.Equal(t, "ok", taller.CleanText("ok\xff", false), "invalid UTF-8 dropped")
}
