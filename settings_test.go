package taller_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
)

func TestNormalizeSetting(t *testing.T) {
	tests := []struct {
		key, in, out string
		ok           bool
	}{
		{taller.SettingLanguage, " en ", "en", true},
		{taller.SettingLanguage, "fr", "", false},
		{taller.SettingThreshold, " 7 ", "7", true},
		{taller.SettingThreshold, "0", "", false},
		{taller.SettingThreshold, "101", "", false},
		{taller.SettingThreshold, "five", "", false},
		{taller.SettingWiFiSSID, " Taller\x00 ", "Taller", true},
		{taller.SettingWiFiSSID, strings.Repeat("a", 33), "", false},
		{taller.SettingWiFiPass, "pass word;\n", "pass word;", true},
		{taller.SettingWiFiPass, strings.Repeat("p", 64), "", false},
		{taller.SettingOutbox, "  /home/x/Sync ", "/home/x/Sync", true},
		{"colour", "red", "", false},
	}
	for _, tt := range tests {
		got, err := taller.NormalizeSetting(tt.key, tt.in)
		if !tt.ok {
			assert.Equal(t, taller.EINVALID, taller.ErrorCode(err), "%s=%q", tt.key, tt.in)
			continue
		}
		require.NoError(t, err, "%s=%q", tt.key, tt.in)
		assert.Equal(t, tt.out, got)
	}
}
