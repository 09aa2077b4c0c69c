//go:build !windows

package i18n

// systemLocale is empty outside Windows: there the locale is in the
// environment (LC_ALL, LC_MESSAGES, LANG), which FromEnv reads first.
func systemLocale() string { return "" }
