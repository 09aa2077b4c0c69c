package curriculum

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"taller"
)

// The installed pack lives in <dataDir>/curriculum, with a manifest naming
// where it was imported from. While a new pack replaces it, the old one
// waits in curriculum.old, so a crash between the two renames loses
// nothing.
const (
	packDir      = "curriculum"
	oldSuffix    = ".old"
	manifestName = "pack.json"
	tmpPattern   = "." + packDir + "-new-*"
)

// installMu serialises the changes to the installed pack.
var installMu sync.Mutex

// manifest records where an installed pack came from.
type manifest struct {
	Origin   string    `json:"origin"`
	Imported time.Time `json:"imported"`
}

// Import reads a curriculum pack from src, a folder or a .zip file with es/
// and en/ folders at its root or inside a single top folder, validates all
// of it, and only if it is valid installs it in dataDir, replacing the
// pack installed before. A pack that does not validate gives a *PackError
// listing every problem and leaves the installed pack as it was.
func Import(src, dataDir string) (*Curriculum, error) {
	origin, err := filepath.Abs(src)
	if err != nil {
		return nil, fmt.Errorf("import curriculum: %w", err)
	}
	info, err := os.Stat(origin)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, taller.Errorf(taller.ENOTFOUND, "curriculum.err.src_missing", "Path", src)
	}
	if err != nil {
		return nil, fmt.Errorf("import curriculum: %w", err)
	}
	var (
		srcs []source
		ps   problems
	)
	if info.IsDir() {
		srcs, ps, err = readFolder(origin)
	} else {
		srcs, ps, err = readZip(origin)
	}
	if err != nil {
		return nil, fmt.Errorf("import curriculum: %w", err)
	}
	if len(ps) > 0 {
		return nil, ps.in(filepath.Base(origin)).err()
	}
	c, err := build(srcs, origin)
	if err != nil {
		return nil, err
	}
	if err := install(dataDir, srcs, manifest{Origin: origin, Imported: time.Now().UTC()}); err != nil {
		return nil, fmt.Errorf("import curriculum: %w", err)
	}
	return c, nil
}

// readFolder reads a pack folder: es/ and en/ in dir, or in its only
// sub-folder.
func readFolder(dir string) ([]source, problems, error) {
	root, err := packRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	if root == "" {
		var ps problems
		ps.add(filepath.Base(dir), 0, "curriculum.err.not_pack")
		return nil, ps, nil
	}
	return readFS(os.DirFS(root))
}

// packRoot returns dir if it holds es/ or en/, else its only visible
// sub-folder if that one does, else "".
func packRoot(dir string) (string, error) {
	if hasLangDir(dir) {
		return dir, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var subs []string
	for _, e := range entries {
		if !ignored(e.Name()) {
			subs = append(subs, e.Name())
		}
	}
	if len(subs) == 1 {
		if sub := filepath.Join(dir, subs[0]); hasLangDir(sub) {
			return sub, nil
		}
	}
	return "", nil
}

func hasLangDir(dir string) bool {
	for _, l := range []string{"es", "en"} {
		if info, err := os.Stat(filepath.Join(dir, l)); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}

// ignored reports whether a top-level name is clutter left by an operating
// system: hidden files and macOS's __MACOSX folder.
func ignored(name string) bool {
	return name == "" || name[0] == '.' || name == "__MACOSX"
}

// install writes the pack into a temporary folder beside the installed one,
// then swaps the folders.
func install(dataDir string, srcs []source, m manifest) (err error) {
	installMu.Lock()
	defer installMu.Unlock()
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	final := filepath.Join(dataDir, packDir)
	old := final + oldSuffix
	if err := recoverOld(final, old); err != nil {
		return err
	}
	// Clear what an install interrupted by a crash left behind.
	if stale, err := filepath.Glob(filepath.Join(dataDir, tmpPattern)); err == nil {
		for _, dir := range stale {
			os.RemoveAll(dir)
		}
	}
	tmp, err := os.MkdirTemp(dataDir, tmpPattern)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, s := range srcs {
		name := filepath.Join(tmp, filepath.FromSlash(s.name))
		if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
			return err
		}
		if err := writeFile(name, s.data); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(tmp, manifestName), data); err != nil {
		return err
	}

	if err := os.RemoveAll(old); err != nil {
		return err
	}
	hadOld := false
	if err := os.Rename(final, old); err == nil {
		hadOld = true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		if hadOld {
			if e := os.Rename(old, final); e != nil {
				return errors.Join(err, e)
			}
		}
		return err
	}
	if hadOld {
		os.RemoveAll(old) // the new pack is in place; a leftover is cleared next time
	}
	return nil
}

// recoverOld puts back a pack left in old by an install interrupted between
// its two renames.
func recoverOld(final, old string) error {
	if _, err := os.Stat(final); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	return os.Rename(old, final)
}

// writeFile writes data durably to a new file.
func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Open returns the curriculum to use: the pack installed in dataDir when
// there is one and it validates, else the bundled one. An installed pack
// that no longer validates (or cannot be read) gives the bundled curriculum
// together with the error, so the app can work on and tell the user.
func Open(dataDir string) (*Curriculum, error) {
	dir := installedDir(dataDir)
	if dir == "" {
		return Default(), nil
	}
	c, err := Load(os.DirFS(dir))
	if err != nil {
		return Default(), fmt.Errorf("open imported curriculum: %w", err)
	}
	c.source = dir
	if data, err := os.ReadFile(filepath.Join(dir, manifestName)); err == nil {
		var m manifest
		if json.Unmarshal(data, &m) == nil && m.Origin != "" {
			c.source = m.Origin
		}
	}
	return c, nil
}

// installedDir returns the folder of the installed pack, or "" when there
// is none.
func installedDir(dataDir string) string {
	final := filepath.Join(dataDir, packDir)
	for _, dir := range []string{final, final + oldSuffix} {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	return ""
}

// Reset removes the pack installed in dataDir, so that Open gives the
// bundled curriculum again. It does nothing when no pack is installed.
func Reset(dataDir string) error {
	installMu.Lock()
	defer installMu.Unlock()
	final := filepath.Join(dataDir, packDir)
	for _, dir := range []string{final, final + oldSuffix} {
		// Rename first, so that an interrupted removal never leaves half a
		// pack in place.
		trash := dir + ".removing"
		if err := os.RemoveAll(trash); err != nil {
			return fmt.Errorf("reset curriculum: %w", err)
		}
		if err := os.Rename(dir, trash); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return fmt.Errorf("reset curriculum: %w", err)
		}
		if err := os.RemoveAll(trash); err != nil {
			return fmt.Errorf("reset curriculum: %w", err)
		}
	}
	return nil
}
