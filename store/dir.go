package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the name of the data file inside the data directory.
const FileName = "taller.db"

// DefaultDir returns the directory Taller keeps its data in: TALLER_DATA
// when set, else the operating system's per-user data directory
// (%LOCALAPPDATA%\Taller on Windows, ~/Library/Application Support/Taller on
// macOS, $XDG_DATA_HOME/taller or ~/.local/share/taller elsewhere).
func DefaultDir() (string, error) {
	if d := os.Getenv("TALLER_DATA"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Taller"), nil
		}
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "Taller"), nil
	case "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "Taller"), nil
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "taller"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "taller"), nil
	}
}

// Path returns the data file's path inside dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }
