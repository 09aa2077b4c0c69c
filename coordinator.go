package taller

import (
	"strings"

	"filippo.io/age"
)

// SettingCoordinatorKey is the setting that holds the coordinator's age
// public key ("age1…"). When it is set, every export to the outbox is
// encrypted to it, so only the coordinator's identity file can read the
// files on their way (USB stick, cloud folder, messaging).
const SettingCoordinatorKey = "coordinator_key"

// ParseCoordinatorKey checks an age X25519 public key as a person pasted it
// (spaces and line breaks around it are dropped) and returns it; "" clears
// the setting.
func ParseCoordinatorKey(s string) (string, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", nil
	}
	if _, err := age.ParseX25519Recipient(v); err != nil {
		if strings.HasPrefix(strings.ToUpper(v), "AGE-SECRET-KEY-") {
			return "", Errorf(EINVALID, "trust.err.coordinator_secret")
		}
		return "", Errorf(EINVALID, "trust.err.coordinator_key", "Value", clip(v, 20))
	}
	return v, nil
}
