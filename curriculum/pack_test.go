package curriculum

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taller"
	"taller/i18n"
)

// installV1 imports a valid pack tagged "v1" into a new data folder and
// returns the folder and the pack's origin.
func installV1(t *testing.T) (dataDir, origin string) {
	t.Helper()
	dataDir = t.TempDir()
	origin = writeDir(t, packFiles("v1", smallPack...))
	c, err := Import(origin, dataDir)
	require.NoError(t, err)
	require.Equal(t, origin, c.Source())
	return dataDir, origin
}

// assertV1Installed checks that Open still gives the pack installV1 put in
// place, and that nothing else is left in the data folder.
func assertV1Installed(t *testing.T, dataDir, origin string) {
	t.Helper()
	c, err := Open(dataDir)
	require.NoError(t, err)
	assert.Equal(t, origin, c.Source())
	m, ok := c.Module("extortion-today")
	require.True(t, ok)
	assert.Equal(t, "extortion-today es v1", m.Text[i18n.Spanish].Title)
	entries, err := os.ReadDir(dataDir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"curriculum"}, names, "no temporary folder is left behind")
}

func TestImportFolderThenOpen(t *testing.T) {
	dataDir, origin := installV1(t)
	assertV1Installed(t, dataDir, origin)

	// A second pack, inside a single top folder, replaces the first.
	files := map[string]string{}
	for name, text := range packFiles("v2", smallPack...) {
		files["manual-2025/"+name] = text
	}
	files["manual-2025/README.md"] = "notes"
	v2 := writeDir(t, files)
	c, err := Import(v2, dataDir)
	require.NoError(t, err)
	assert.Equal(t, v2, c.Source())

	c, err = Open(dataDir)
	require.NoError(t, err)
	assert.Equal(t, v2, c.Source())
	m, _ := c.Module("opening")
	assert.Equal(t, "opening en v2", m.Text[i18n.English].Title)
	assert.NoDirExists(t, filepath.Join(dataDir, "curriculum.old"))
}

func TestImportZipThenOpen(t *testing.T) {
	for _, prefix := range []string{"", "pack/"} {
		t.Run("prefix "+prefix, func(t *testing.T) {
			dataDir, _ := installV1(t)
			files := packFiles("v2", smallPack...)
			files["__MACOSX/._es"] = "junk"
			src := writeZip(t, "manual.zip", prefix, files)

			c, err := Import(src, dataDir)
			require.NoError(t, err)
			assert.Equal(t, src, c.Source())

			c, err = Open(dataDir)
			require.NoError(t, err)
			assert.Equal(t, src, c.Source())
			require.Len(t, c.Modules(), 3)
			m, _ := c.Module("closing")
			assert.Equal(t, "closing es v2", m.Text[i18n.Spanish].Title)
			m, _ = c.Module("extortion-today")
			assert.Len(t, m.In(i18n.English).Quiz, 4)
		})
	}
}

// TestImportRefusesBrokenPacks checks, for each kind of problem, that the
// pack is refused with the problem's file and line, and that the pack
// installed before stays in place.
func TestImportRefusesBrokenPacks(t *testing.T) {
	const es01, en01 = "es/01-extortion-today.md", "en/01-extortion-today.md"
	tests := []struct {
		name string
		src  func(t *testing.T) string
		want func(t *testing.T, src string) Problem
	}{
		{
			name: "missing language",
			src: func(t *testing.T) string {
				files := packFiles("v2", smallPack...)
				delete(files, en01)
				return writeDir(t, files)
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: es01, Line: 0, Key: "curriculum.err.missing_lang", Args: map[string]any{"Want": en01}}
			},
		},
		{
			name: "unknown key",
			src: func(t *testing.T) string {
				files := packFiles("v2", smallPack...)
				edit(t, files, es01, "kind: module\n", "kind: module\nlevel: 2\n")
				return writeZip(t, "pack.zip", "", files)
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: es01, Line: 4, Key: "curriculum.err.unknown_key", Args: map[string]any{"Name": "level"}}
			},
		},
		{
			name: "answer not in options",
			src: func(t *testing.T) string {
				files := packFiles("v2", smallPack...)
				edit(t, files, en01, "answer: Beta 3", "answer: Beta three")
				return writeDir(t, files)
			},
			want: func(t *testing.T, _ string) Problem {
				// 11 lines up to "quiz:", then 6 a question.
				return Problem{File: en01, Line: 12 + 6*3, Key: "curriculum.err.answer", Args: map[string]any{"Answer": "Beta three"}}
			},
		},
		{
			name: "duration out of range",
			src: func(t *testing.T) string {
				files := packFiles("v2", smallPack...)
				edit(t, files, es01, "duration: 45", "duration: 120")
				return writeZip(t, "pack.zip", "top/", files)
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: es01, Line: 5, Key: "curriculum.err.duration", Args: map[string]any{"Minutes": 120, "Min": 10, "Max": 90}}
			},
		},
		{
			name: "bad zip path",
			src: func(t *testing.T) string {
				files := packFiles("v2", smallPack...)
				files["../evil.md"] = "gotcha"
				return writeZip(t, "pack.zip", "", files)
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: "../evil.md", Line: 0, Key: "curriculum.err.zip_path"}
			},
		},
		{
			name: "not a pack: a folder of other things",
			src: func(t *testing.T) string {
				return writeDir(t, map[string]string{"notes.txt": "hello", "photos/a.jpg": "jpeg"})
			},
			want: func(t *testing.T, src string) Problem {
				return Problem{File: filepath.Base(src), Line: 0, Key: "curriculum.err.not_pack"}
			},
		},
		{
			name: "not a pack: not a zip",
			src: func(t *testing.T) string {
				p := filepath.Join(t.TempDir(), "manual.zip")
				require.NoError(t, os.WriteFile(p, []byte("just text"), 0o644))
				return p
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: "manual.zip", Line: 0, Key: "curriculum.err.not_pack"}
			},
		},
		{
			name: "not a pack: a zip of other things",
			src: func(t *testing.T) string {
				return writeZip(t, "report.docx", "", map[string]string{"word/document.xml": "<w/>"})
			},
			want: func(t *testing.T, _ string) Problem {
				return Problem{File: "report.docx", Line: 0, Key: "curriculum.err.not_pack"}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dataDir, origin := installV1(t)
			src := tt.src(t)

			c, err := Import(src, dataDir)
			assert.Nil(t, c)
			ps := packProblems(t, err)
			assert.Equal(t, []Problem{tt.want(t, src)}, ps)
			assert.Equal(t, taller.EINVALID, taller.ErrorCode(err))

			assertV1Installed(t, dataDir, origin)
		})
	}
}

func TestImportProblemLinesMatchTheFiles(t *testing.T) {
	// The fixed line numbers above are where the fixture puts those keys.
	text := fixture{1, "extortion-today", KindModule, 45, 4}.markdown(i18n.English, "v2")
	assert.Equal(t, 3, lineOf(t, text, "kind:"), "a key added after kind is on line 4")
	assert.Equal(t, 5, lineOf(t, text, "duration:"))
	assert.Equal(t, 12+6*3, lineOf(t, text, "answer: Beta 3"))
}

func TestImportZipLimits(t *testing.T) {
	t.Run("too many files", func(t *testing.T) {
		files := packFiles("v2", smallPack...)
		for i := range MaxPackFiles {
			files["extra/"+strings.Repeat("x", i+1)] = ""
		}
		ps := packProblems(t, importErr(t, writeZip(t, "big.zip", "", files)))
		assert.Equal(t, []Problem{{File: "big.zip", Key: "curriculum.err.too_many", Args: map[string]any{"Max": MaxPackFiles}}}, ps)
	})
	t.Run("too big", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "big.zip")
		out, err := os.Create(p)
		require.NoError(t, err)
		w := zip.NewWriter(out)
		fw, err := w.Create("es/00-opening.md")
		require.NoError(t, err)
		zeros := make([]byte, 1<<20)
		for range MaxPackBytes>>20 + 1 {
			_, err = fw.Write(zeros)
			require.NoError(t, err)
		}
		require.NoError(t, w.Close())
		require.NoError(t, out.Close())
		ps := packProblems(t, importErr(t, p))
		assert.Equal(t, []Problem{{File: "big.zip", Key: "curriculum.err.too_big", Args: map[string]any{"MaxMB": 20}}}, ps)
	})
	t.Run("absolute path and link", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "evil.zip")
		out, err := os.Create(p)
		require.NoError(t, err)
		w := zip.NewWriter(out)
		_, err = w.Create("/etc/cron.d/x")
		require.NoError(t, err)
		h := &zip.FileHeader{Name: "es/link.md"}
		h.SetMode(os.ModeSymlink | 0o777)
		lw, err := w.CreateHeader(h)
		require.NoError(t, err)
		_, err = lw.Write([]byte("/etc/passwd"))
		require.NoError(t, err)
		require.NoError(t, w.Close())
		require.NoError(t, out.Close())
		ps := packProblems(t, importErr(t, p))
		assert.Equal(t, []Problem{
			{File: "/etc/cron.d/x", Key: "curriculum.err.zip_path"},
			{File: "es/link.md", Key: "curriculum.err.zip_path"},
		}, ps)
	})
}

func importErr(t *testing.T, src string) error {
	t.Helper()
	dataDir := t.TempDir()
	_, err := Import(src, dataDir)
	assert.NoDirExists(t, filepath.Join(dataDir, "curriculum"))
	return err
}

func TestCleanZipName(t *testing.T) {
	for name, want := range map[string]string{
		"es/01-a.md":   "es/01-a.md",
		"./es/01-a.md": "es/01-a.md",
		"es/":          "es",
		`es\01-a.md`:   "es/01-a.md",
	} {
		got, ok := cleanZipName(name)
		assert.True(t, ok, name)
		assert.Equal(t, want, got, name)
	}
	for _, name := range []string{"", ".", "/es/01-a.md", "../x", "es/../../x", `..\x`, `C:\x`, "c:/x", "es//a.md/.."} {
		_, ok := cleanZipName(name)
		assert.False(t, ok, name)
	}
}

func TestImportMissingSource(t *testing.T) {
	_, err := Import(filepath.Join(t.TempDir(), "nope.zip"), t.TempDir())
	assert.Equal(t, taller.ENOTFOUND, taller.ErrorCode(err))
}

func TestOpenWithoutPackGivesBundled(t *testing.T) {
	requireBundled(t)
	c, err := Open(t.TempDir())
	require.NoError(t, err)
	assert.Same(t, Default(), c)
	assert.Equal(t, SourceBundled, c.Source())
}

func TestOpenBrokenInstalledPackGivesBundledAndError(t *testing.T) {
	requireBundled(t)
	dataDir, _ := installV1(t)
	name := filepath.Join(dataDir, "curriculum", "en", "01-extortion-today.md")
	require.NoError(t, os.Remove(name))

	c, err := Open(dataDir)
	assert.Same(t, Default(), c)
	ps := packProblems(t, err)
	assert.Equal(t, "curriculum.err.missing_lang", ps[0].Key)
}

func TestReset(t *testing.T) {
	requireBundled(t)
	dataDir, _ := installV1(t)
	require.NoError(t, Reset(dataDir))
	assert.NoDirExists(t, filepath.Join(dataDir, "curriculum"))
	c, err := Open(dataDir)
	require.NoError(t, err)
	assert.Equal(t, SourceBundled, c.Source())
	require.NoError(t, Reset(dataDir), "resetting twice is fine")
}

func TestOpenRecoversAnInterruptedInstall(t *testing.T) {
	dataDir, origin := installV1(t)
	// A crash between the two renames leaves the previous pack aside.
	final := filepath.Join(dataDir, "curriculum")
	require.NoError(t, os.Rename(final, final+".old"))
	c, err := Open(dataDir)
	require.NoError(t, err)
	assert.Equal(t, origin, c.Source())

	v2 := writeDir(t, packFiles("v2", smallPack...))
	_, err = Import(v2, dataDir)
	require.NoError(t, err)
	assert.NoDirExists(t, final+".old")
	c, err = Open(dataDir)
	require.NoError(t, err)
	assert.Equal(t, v2, c.Source())
}
