//go:build windows

package i18n

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// systemLocale returns the language of the user's Windows: the display
// language chosen in Settings → Time & language (its first preferred UI
// language, e.g. "es-MX"), else the user's regional format (e.g. "es-SV").
// Windows has no LANG variable, so without this every Windows laptop would
// get the default whatever its language.
func systemLocale() string {
	if langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil {
		for _, l := range langs {
			if l != "" {
				return l
			}
		}
	}
	return userDefaultLocaleName()
}

// localeNameMaxLength is LOCALE_NAME_MAX_LENGTH.
const localeNameMaxLength = 85

var procGetUserDefaultLocaleName = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultLocaleName")

// userDefaultLocaleName returns GetUserDefaultLocaleName, or "".
func userDefaultLocaleName() string {
	if procGetUserDefaultLocaleName.Find() != nil {
		return ""
	}
	buf := make([]uint16, localeNameMaxLength)
	n, _, _ := procGetUserDefaultLocaleName.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	if n == 0 {
		return ""
	}
	return windows.UTF16ToString(buf)
}
