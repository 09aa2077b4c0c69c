package taller

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"taller/i18n"
)

// Bounds of the settings' values.
const (
	MinThreshold = 1   // small-cell threshold k
	MaxThreshold = 100 // a k above any room keeps every cross-tab hidden
	MaxSSIDBytes = 32  // what Wi-Fi allows for a network name
	MaxWiFiPass  = 63  // WPA2 passphrase
)

// Settings lists the setting keys a person may change, in the order the
// command line shows them.
var Settings = []string{SettingLanguage, SettingOutbox, SettingWiFiSSID, SettingWiFiPass, SettingThreshold, SettingCoordinatorKey}

// NormalizeSetting checks a setting's value as a person typed it and returns
// the value to store: an unknown key, a language other than es or en, a
// threshold outside MinThreshold..MaxThreshold, a Wi-Fi name longer than
// Wi-Fi allows, or a coordinator key that is not an age public key is
// refused. Whether the outbox folder exists is the caller's check: it
// depends on the machine, not on the value.
func NormalizeSetting(key, value string) (string, error) {
	switch key {
	case SettingLanguage:
		v := strings.TrimSpace(value)
		if !i18n.Lang(v).Valid() {
			return "", Errorf(EINVALID, "err.lang.unknown", "Value", clip(v, 20))
		}
		return v, nil
	case SettingOutbox:
		return strings.TrimSpace(value), nil
	case SettingWiFiSSID:
		v := CleanText(value, false)
		if len(v) > MaxSSIDBytes {
			return "", Errorf(EINVALID, "err.setting.ssid_too_long", "Max", MaxSSIDBytes)
		}
		return v, nil
	case SettingWiFiPass:
		v := strings.TrimRight(value, "\r\n")
		if utf8.RuneCountInString(v) > MaxWiFiPass {
			return "", Errorf(EINVALID, "err.setting.password_too_long", "Max", MaxWiFiPass)
		}
		return v, nil
	case SettingThreshold:
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < MinThreshold || n > MaxThreshold {
			return "", Errorf(EINVALID, "err.setting.threshold", "Min", MinThreshold, "Max", MaxThreshold)
		}
		return strconv.Itoa(n), nil
	case SettingCoordinatorKey:
		return ParseCoordinatorKey(value)
	}
	return "", Errorf(EINVALID, "err.setting.unknown", "Key", clip(key, 30))
}
