package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"taller"
)

// tempPattern names files being written: hidden (a leading dot), starting
// with ".~" as the temporary files Dropbox and similar clients skip, and
// ending in ".tmp", which sync clients skip too and no one mistakes for a
// workbook.
const tempPattern = ".~taller-*.tmp"

// writeAtomic writes a file through write so that path either keeps its old
// content or gets the complete new one: the bytes go to a temporary file in
// the same folder, are flushed to disk, and the file is renamed over path;
// then the folder itself is flushed so the rename survives a power cut. On
// any failure the temporary file is removed.
func writeAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return writeError(path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	// The file keeps the temporary file's mode, 0600: readable by the
	// facilitator's account only until they choose to share it.
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return writeError(path, err)
	}
	done = true
	return syncDir(dir)
}

// writeError is a file-system failure told to the user: which file, and
// the system's reason (a missing folder, no permission, a full disk, a file
// open in another program).
func writeError(path string, err error) error {
	cause := err
	var pe *os.PathError
	var le *os.LinkError
	if errors.As(err, &pe) {
		cause = pe.Err
	} else if errors.As(err, &le) {
		cause = le.Err
	}
	return taller.Errorf(taller.EINVALID, "report.err.write", "Path", path, "Cause", cause.Error())
}

// syncDir flushes a folder's entries to disk, so a rename in it is durable.
// Windows cannot open folders for this and makes renames durable itself.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
