package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"taller"
)

func init() {
	register(&command{name: "settings show", summary: "cli.settings_show", run: runSettingsShow})
	register(&command{name: "settings set", usage: "language|outbox_dir|wifi_ssid|wifi_password|small_cell_k|coordinator_key VALUE",
		summary: "cli.settings_set", run: runSettingsSet})
}

// settingDefaults are what a setting is when it was never set.
var settingDefaults = map[string]string{
	taller.SettingThreshold: strconv.Itoa(taller.DefaultThreshold),
}

func runSettingsShow(e *env, args []string) error {
	c := commands["settings show"]
	if _, err := e.parseArgs(e.flags(c), args, 0); err != nil {
		return err
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, key := range taller.Settings {
		v, err := st.Setting(e.ctx, key, settingDefaults[key])
		if err != nil {
			return err
		}
		switch {
		case v == "":
			v = "—"
		case key == taller.SettingWiFiPass:
			v = strings.Repeat("•", 8) // on screen in a room: never print it
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", key, v, e.t("cli.setting."+key))
	}
	fmt.Fprintf(tw, "%s\t%s\t%s\n", "data", e.dataDir, e.t("cli.setting.data"))
	return tw.Flush()
}

func runSettingsSet(e *env, args []string) error {
	c := commands["settings set"]
	pos, err := e.parseArgs(e.flags(c), args, 2)
	if err != nil {
		return err
	}
	key, value := pos[0], pos[1]
	v, err := taller.NormalizeSetting(key, value)
	if err != nil {
		if taller.ErrorCode(err) == taller.EINVALID && !isSetting(key) {
			return &usageError{msg: taller.Message(e.lang, err)}
		}
		return err
	}
	if key == taller.SettingOutbox && v != "" {
		if info, err := os.Stat(v); err != nil || !info.IsDir() {
			return taller.Errorf(taller.EINVALID, "err.setting.outbox_missing", "Path", v)
		}
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	if err := st.SetSetting(e.ctx, key, v); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, e.t("cli.setting_saved", map[string]any{"Key": key}))
	return nil
}

func isSetting(key string) bool {
	for _, k := range taller.Settings {
		if k == key {
			return true
		}
	}
	return false
}
