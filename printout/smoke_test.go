package printout_test

import (
	"os"
	"testing"

	"taller/i18n"
	"taller/printout"
)

func TestSmokeRenderAll(t *testing.T) {
	out := os.Getenv("PRINT_SMOKE_DIR")
	if out == "" {
		t.Skip("set PRINT_SMOKE_DIR")
	}
	for _, lang := range i18n.Langs {
		f := newFixture(t, lang)
		f.st.SetSetting(f.ctx, "wifi_ssid", "Taller-Sala")
		f.st.SetSetting(f.ctx, "wifi_password", "clave segura")
		for _, k := range printout.Kinds {
			p := f.render(t, printout.Request{Kind: k, Lang: lang, JoinURL: "http://192.168.137.1:8080/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
			data, _ := os.ReadFile(p)
			os.WriteFile(out+"/"+string(k)+"-"+string(lang)+".pdf", data, 0o644)
		}
	}
}
