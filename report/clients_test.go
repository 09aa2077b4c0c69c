package report

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taller/demo"
	"taller/i18n"
)

// needTool returns the path of a program a test reads workbooks back with.
// When it is missing the test is skipped on a developer's machine, but
// fails in CI (CI=true), where `make deps` installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (make deps installs it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// clientWorkbooks writes every kind of workbook Taller makes: exports in
// both languages, with and without comments, one workshop and many; a
// merge of one-workshop exports; a merge of encrypted exports; and a merge
// of merges.
func clientWorkbooks(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	res, err := demo.Fill(ctx, st)
	require.NoError(t, err)
	var ids []string
	for _, w := range res.Workshops {
		ids = append(ids, w.ID)
	}
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	all := path("todos.xlsx")
	_, err = ExportFile(ctx, st, ids, all, ExportOptions{Lang: i18n.Spanish, IncludeComments: true})
	require.NoError(t, err)
	one := path("one.xlsx")
	_, err = ExportFile(ctx, st, ids[:1], one, ExportOptions{Lang: i18n.English})
	require.NoError(t, err)

	idFile, pub := coordinator(t)
	identities, err := ReadIdentityFile(idFile)
	require.NoError(t, err)
	var each, sealed []string
	for i, id := range ids {
		p := path(OutboxName(res.Workshops[i]))
		_, err := ExportFile(ctx, st, []string{id}, p, ExportOptions{Lang: i18n.English, IncludeComments: i%2 == 0})
		require.NoError(t, err)
		each = append(each, p)
		_, err = ExportFile(ctx, st, []string{id}, p+EncryptedExt, ExportOptions{EncryptTo: pub})
		require.NoError(t, err)
		sealed = append(sealed, p+EncryptedExt)
	}
	merged, mergedSealed, mm := path("merged.xlsx"), path("merged-sealed.xlsx"), path("merge-of-merges.xlsx")
	_, err = Merge(ctx, each, merged, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	_, err = Merge(ctx, sealed, mergedSealed, MergeOptions{Lang: i18n.Spanish, Identities: identities})
	require.NoError(t, err)
	_, err = Merge(ctx, []string{merged, all}, mm, MergeOptions{Lang: i18n.English})
	require.NoError(t, err)
	return []string{all, one, each[0], merged, mergedSealed, mm}
}

// readbackSheet is what readback.py prints of one sheet.
type readbackSheet struct {
	MaxRow    int     `json:"max_row"`
	MaxColumn int     `json:"max_column"`
	Cells     [][]any `json:"cells"`
}

func TestEveryClientReadsEveryWorkbook(t *testing.T) {
	python := needTool(t, "/usr/bin/python3")
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3-openpyxl is not installed (make deps installs it)")
		}
		t.Skip("python3-openpyxl is not installed")
	}
	ssconvert := needTool(t, "ssconvert")
	soffice := needTool(t, "soffice")
	files := clientWorkbooks(t)

	t.Run("openpyxl", func(t *testing.T) {
		var stderr bytes.Buffer
		cmd := exec.Command(python, append([]string{"testdata/readback.py"}, files...)...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.NoError(t, err, stderr.String())
		var got map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(out, &got))
		var warnings []string
		require.NoError(t, json.Unmarshal(got["warnings"], &warnings))
		assert.Empty(t, warnings, "openpyxl warns about nothing")
		for _, file := range files {
			var modes map[string]map[string]readbackSheet
			require.NoError(t, json.Unmarshal(got[file], &modes))
			want := excelizeCells(t, file)
			for _, mode := range []string{"read_only", "normal"} {
				sheets := modes[mode]
				require.Len(t, sheets, len(want), "%s %s: every sheet", filepath.Base(file), mode)
				for name, w := range want {
					g := sheets[name]
					where := filepath.Base(file) + " " + mode + " " + name
					assert.Equal(t, w.maxRow, g.MaxRow, "%s: rows declared", where)
					assert.Equal(t, w.maxCol, g.MaxColumn, "%s: columns declared", where)
					require.Len(t, g.Cells, len(w.cells), "%s: every cell", where)
					for i, c := range g.Cells {
						ref := cell(int(c[1].(float64)), int(c[0].(float64)))
						assert.Equal(t, w.cells[i][0], ref, where)
						if v := c[2].(string); !strings.HasSuffix(v, "T00:00:00") {
							assert.True(t, sameCell(v, w.cells[i][1]), "%s %s: %q, excelize %q", where, ref, v, w.cells[i][1])
						}
					}
				}
			}
		}
	})

	t.Run("gnumeric", func(t *testing.T) {
		for _, file := range files {
			var stderr bytes.Buffer
			cmd := exec.Command(ssconvert, "--export-type=Gnumeric_stf:stf_csv", file, filepath.Join(t.TempDir(), "out.csv"))
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Run(), stderr.String())
			assert.Empty(t, strings.TrimSpace(stderr.String()), "%s: Gnumeric warns about nothing", filepath.Base(file))
		}
		// Opened and saved again without a change, an export still merges.
		resaved := filepath.Join(t.TempDir(), "resaved.xlsx")
		out, err := exec.Command(ssconvert, "--export-type=Gnumeric_Excel:xlsx2", files[0], resaved).CombinedOutput()
		require.NoError(t, err, string(out))
		_, err = readBook(resaved)
		assert.NoError(t, err, "saved again by Gnumeric")
	})

	t.Run("libreoffice", func(t *testing.T) {
		dir := t.TempDir()
		profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
		args := []string{"--headless", "-env:UserInstallation=" + profile, "--convert-to",
			"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		var stdout, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, soffice, append(args, files...)...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), stderr.String())
		assert.Empty(t, libreOfficeWarnings(stderr.String()), "LibreOffice warns about nothing")
		for _, file := range files {
			base := strings.TrimSuffix(filepath.Base(file), ".xlsx")
			for name, w := range excelizeCells(t, file) {
				data, err := os.ReadFile(filepath.Join(dir, base+"-"+name+".csv"))
				require.NoError(t, err, "%s: sheet %s converted", base, name)
				lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
				assert.Len(t, lines, w.maxRow, "%s %s: every row", base, name)
			}
		}
		summary, err := os.ReadFile(filepath.Join(dir, "merged-Summary.csv"))
		require.NoError(t, err)
		assert.Contains(t, string(summary), "Total,9,233,157,76,0,0")

		// Opened and saved again without a change, an export still merges.
		again := t.TempDir()
		cmd = exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation="+profile, "--convert-to", "xlsx", "--outdir", again, files[0])
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
		_, err = readBook(filepath.Join(again, filepath.Base(files[0])))
		assert.NoError(t, err, "saved again by LibreOffice")
	})
}

// libreOfficeWarnings drops the line LibreOffice prints on a machine
// without Java, which says nothing about the file.
func libreOfficeWarnings(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, "javaldx") {
			out = append(out, l)
		}
	}
	return out
}

// sheetCellsOf is what excelize finds in a sheet: its non-empty cells as
// [address, raw value], row by row, and its last row and column.
type sheetCellsOf struct {
	cells          [][2]string
	maxRow, maxCol int
}

func excelizeCells(t *testing.T, file string) map[string]sheetCellsOf {
	t.Helper()
	f, err := excelize.OpenFile(file)
	require.NoError(t, err)
	defer f.Close()
	out := map[string]sheetCellsOf{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		var s sheetCellsOf
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					s.cells = append(s.cells, [2]string{cell(c+1, r+1), v})
					s.maxRow, s.maxCol = max(s.maxRow, r+1), max(s.maxCol, c+1)
				}
			}
		}
		out[name] = s
	}
	return out
}

// TestMergeReaderAgreesWithExcelize reads every sheet of every kind of
// workbook with the merge's own reader and with excelize, as Taller wrote
// them and as excelize saves them again.
func TestMergeReaderAgreesWithExcelize(t *testing.T) {
	files := clientWorkbooks(t)
	for _, file := range files[:3] {
		files = append(files, editData(t, file, func(*excelize.File) {}))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		x, err := openXLSX(data)
		require.NoError(t, err)
		f, err := excelize.OpenFile(file)
		require.NoError(t, err)
		assert.Equal(t, f.GetSheetList(), x.sheetNames())
		for _, name := range f.GetSheetList() {
			want, err := readSheet(f, name)
			require.NoError(t, err)
			got, err := x.rows(name)
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s: sheet %s", filepath.Base(file), name)
		}
		require.NoError(t, f.Close())
	}
}

// TestWorkbookXMLIsClean checks, without any other program, what the
// clients above stumbled on: each sheet's declared dimension covers its
// cells, columns come in ascending order, charts write b and i as digits,
// and no part declares a namespace it does not use twice.
func TestWorkbookXMLIsClean(t *testing.T) {
	for _, file := range clientWorkbooks(t)[:4] {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		x, err := openXLSX(data)
		require.NoError(t, err)
		for _, s := range x.sheets {
			part, err := x.part(s.part)
			require.NoError(t, err)
			i := bytes.Index(part, []byte("<sheetData"))
			require.Positive(t, i)
			want := dimensionOf(part[i:])
			assert.Contains(t, string(part[:i]), `<dimension ref="`+want+`"/>`, "%s %s", filepath.Base(file), s.name)
			rows, err := x.rows(s.name)
			require.NoError(t, err)
			assert.True(t, strings.HasSuffix(want, strconv.Itoa(len(rows))), "%s %s: %s covers %d rows", filepath.Base(file), s.name, want, len(rows))
			last := 0
			for _, m := range colMin.FindAllSubmatch(part[:i], -1) {
				n, _ := strconv.Atoi(string(m[1]))
				assert.Greater(t, n, last, "%s %s: columns ascending", filepath.Base(file), s.name)
				last = n
			}
			assert.Less(t, bytes.Count(part[:i], []byte("xmlns")), 4, "only the namespaces it uses")
		}
		// The sheets with a header row repeat it on every printed page.
		wb, err := x.part("xl/workbook.xml")
		require.NoError(t, err)
		assert.GreaterOrEqual(t, bytes.Count(wb, []byte(`name="_xlnm.Print_Titles"`)), 2, "%s: Summary and Workshops repeat their header rows", filepath.Base(file))
		for _, zf := range x.zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/") {
				part, err := x.part(zf.Name)
				require.NoError(t, err)
				assert.NotRegexp(t, ` (b|i)="(true|false)"`, string(part))
			}
		}
	}
}

// TestPrintedSheetsAreLegible prints every sheet of an export and a merge
// to PDF with LibreOffice (as the sheets' page setup says) and measures
// the text on every page with pdftotext: no text smaller than 8 pt, the
// pages Letter (landscape where the sheets are wide), and every sheet's
// header row repeated on each of its pages.
func TestPrintedSheetsAreLegible(t *testing.T) {
	soffice := needTool(t, "soffice")
	pdftotext := needTool(t, "pdftotext")
	files := clientWorkbooks(t)
	files = []string{files[0], files[3]} // every sheet, Spanish and English
	dir := t.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, soffice, append([]string{"--headless", "-env:UserInstallation=" + profile,
		"--convert-to", "pdf", "--outdir", dir}, files...)...)
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	assert.Empty(t, libreOfficeWarnings(stderr.String()))

	page := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">((?s:.*?))</page>`)
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, file := range files {
		pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".xlsx")+".pdf")
		html := filepath.Join(dir, "bbox.html")
		require.NoError(t, exec.Command(pdftotext, "-bbox", pdf, html).Run())
		data, err := os.ReadFile(html)
		require.NoError(t, err)
		pages := page.FindAllStringSubmatch(string(data), -1)
		require.NotEmpty(t, pages)
		for i, p := range pages {
			w, _ := strconv.ParseFloat(p[1], 64)
			h, _ := strconv.ParseFloat(p[2], 64)
			assert.Equal(t, [2]float64{792, 612}, [2]float64{w, h}, "%s page %d: Letter, landscape", filepath.Base(pdf), i+1)
			words := word.FindAllStringSubmatch(p[3], -1)
			require.NotEmpty(t, words, "%s page %d is not empty", filepath.Base(pdf), i+1)
			smallest, widest := "", ""
			minPt, maxX := 1000.0, 0.0
			for _, m := range words {
				x1, _ := strconv.ParseFloat(m[3], 64)
				y0, _ := strconv.ParseFloat(m[2], 64)
				y1, _ := strconv.ParseFloat(m[4], 64)
				// A word's box is about 1.3 times its font size tall.
				if pt := (y1 - y0) / 1.3; pt < minPt {
					minPt, smallest = pt, m[5]
				}
				if x1 > maxX {
					maxX, widest = x1, m[5]
				}
			}
			assert.GreaterOrEqual(t, minPt, 7.95, "%s page %d: %q is printed at %.1f pt", filepath.Base(pdf), i+1, smallest, minPt)
			assert.LessOrEqual(t, maxX, w, "%s page %d: %q runs off the page", filepath.Base(pdf), i+1, widest)
		}
	}
}
