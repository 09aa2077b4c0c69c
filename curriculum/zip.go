package curriculum

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
)

// readZip reads a pack from a zip file. It refuses, before reading any
// content, a zip whose entries are too many, too big in total, links, or
// named with an absolute path or "..".
func readZip(name string) ([]source, problems, error) {
	var ps problems
	base := filepath.Base(name)
	r, err := zip.OpenReader(name)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		ps.add(base, 0, "curriculum.err.not_pack")
		return nil, ps, nil
	}
	defer r.Close()

	if len(r.File) > MaxPackFiles {
		ps.add(base, 0, "curriculum.err.too_many", "Max", MaxPackFiles)
		return nil, ps, nil
	}
	var total uint64
	names := make([]string, len(r.File))
	seen := map[string]bool{}
	for i, f := range r.File {
		n, ok := cleanZipName(f.Name)
		switch {
		case !ok || f.Mode()&fs.ModeSymlink != 0:
			ps.add(f.Name, 0, "curriculum.err.zip_path")
		case seen[n]:
			ps.add(f.Name, 0, "curriculum.err.zip_duplicate")
		}
		seen[n] = true
		names[i] = n
		total += f.UncompressedSize64
	}
	if total > MaxPackBytes {
		ps.add(base, 0, "curriculum.err.too_big", "MaxMB", MaxPackBytes>>20)
	}
	if len(ps) > 0 {
		return nil, ps, nil
	}

	prefix, ok := zipRoot(names)
	if !ok {
		ps.add(base, 0, "curriculum.err.not_pack")
		return nil, ps, nil
	}
	var srcs []source
	budget := int64(MaxPackBytes)
	for i, f := range r.File {
		rel, ok := strings.CutPrefix(names[i], prefix)
		lang, file, _ := strings.Cut(rel, "/")
		base := strings.TrimPrefix(file, GuidesDir+"/")
		if !ok || (lang != "es" && lang != "en") || strings.Contains(base, "/") || !isModuleFile(base) {
			continue
		}
		data, err := readEntry(f, budget)
		if err != nil {
			ps.add(f.Name, 0, "curriculum.err.zip_damaged", "Detail", err.Error())
			continue
		}
		budget -= int64(len(data))
		srcs = append(srcs, source{name: lang + "/" + file, data: data})
	}
	if len(srcs) == 0 && len(ps) == 0 {
		ps.add(base, 0, "curriculum.err.not_pack")
	}
	return srcs, ps, nil
}

// errTooBig reports an entry larger than its header says or than the
// pack's budget.
var errTooBig = errors.New("larger than allowed")

// readEntry reads one entry, at most budget bytes; the check of the
// entry's checksum happens at its end.
func readEntry(f *zip.File, budget int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, budget+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > budget {
		return nil, errTooBig
	}
	return data, nil
}

// cleanZipName turns an entry's name into a clean slash-separated relative
// path (folders lose their trailing slash), or reports it unsafe: absolute,
// with a drive letter, or climbing out with "..".
func cleanZipName(name string) (string, bool) {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || (len(n) >= 2 && n[1] == ':') {
		return "", false
	}
	for _, elem := range strings.Split(n, "/") {
		if elem == ".." {
			return "", false
		}
	}
	n = strings.TrimSuffix(path.Clean(n), "/")
	if !fs.ValidPath(n) || n == "." {
		return "", false
	}
	return n, true
}

// zipRoot finds where es/ and en/ are: at the root (prefix "") or inside a
// single top folder ("top/"), ignoring macOS clutter.
func zipRoot(names []string) (string, bool) {
	tops := map[string]bool{}
	var kept []string
	for _, n := range names {
		top, _, _ := strings.Cut(n, "/")
		if ignored(top) {
			continue
		}
		tops[top] = true
		kept = append(kept, n)
	}
	if tops["es"] || tops["en"] {
		return "", true
	}
	if len(tops) != 1 {
		return "", false
	}
	for _, n := range kept {
		top, rest, _ := strings.Cut(n, "/")
		if sub, _, _ := strings.Cut(rest, "/"); sub == "es" || sub == "en" {
			return top + "/", true
		}
	}
	return "", false
}
