package participant

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"taller"
)

// SettingSecret is the setting that keeps the key of the forms' CSRF
// tokens, so forms opened on phones stay valid when the server restarts.
const SettingSecret = "participant_secret"

// Secret returns the server key kept in settings, making and storing one
// on first use. Pass it as Config.Secret.
func Secret(ctx context.Context, settings taller.SettingsService) ([]byte, error) {
	v, err := settings.Setting(ctx, SettingSecret, "")
	if err != nil {
		return nil, fmt.Errorf("read server key: %w", err)
	}
	if b, err := hex.DecodeString(v); err == nil && len(b) >= 32 {
		return b, nil
	}
	b := make([]byte, 32)
	rand.Read(b)
	if err := settings.SetSetting(ctx, SettingSecret, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("store server key: %w", err)
	}
	return b, nil
}
