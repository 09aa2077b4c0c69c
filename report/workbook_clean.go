package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The data sheet is made "very hidden" here too: for Taller, not for
// people, it is kept out of Excel's Unhide dialog; Taller reads it all the
// same. Hiding it is no protection: what it carries is suppressed like the
// visible sheets.
//
// excelize writes workbooks that Excel opens but other programs read less
// well: every streamed sheet declares <dimension ref="A1"> (openpyxl's
// read-only mode then sees one row), its <col> elements come in descending
// order, every part's root declares some sixty namespaces (Gnumeric warns
// about the duplicates), and charts write the integer attributes b and i as
// "false". cleanWorkbook rewrites those parts of the written file and
// copies the rest as it is; no cell changes.

// cleanWorkbook copies the .xlsx in data to w with its XML parts cleaned.
func cleanWorkbook(data []byte, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("clean workbook: %w", err)
	}
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("clean workbook: %w", err)
		}
		// Read in one piece of the size the zip records (this process
		// wrote it): a sheet of tens of megabytes is not grown by
		// doubling.
		part := make([]byte, zf.UncompressedSize64)
		_, err = io.ReadFull(rc, part)
		rc.Close()
		if err != nil {
			return fmt.Errorf("clean workbook: %w", err)
		}
		// A sheet can be tens of megabytes: only its head, before the
		// cells, is rewritten, and the cells are copied as they are.
		head, rest := part, []byte(nil)
		if strings.HasSuffix(zf.Name, ".xml") {
			switch {
			case strings.HasPrefix(zf.Name, "xl/worksheets/sheet"):
				if i := bytes.Index(part, []byte("<sheetData")); i >= 0 {
					head, rest = part[:i], part[i:]
				}
				head = cleanNamespaces(head, rest)
				head = sortCols(setDimension(head, dimensionOf(rest)))
			case strings.HasPrefix(zf.Name, "xl/charts/chart"):
				head = cleanChart(cleanNamespaces(head, nil))
			case zf.Name == "xl/workbook.xml":
				head = hideDataSheet(cleanNamespaces(head, nil))
			default:
				head = cleanNamespaces(head, nil)
			}
		}
		// No time on the entries: only the export's date leaves the
		// laptop (taller.Disclose).
		hdr := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate}
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return fmt.Errorf("clean workbook: %w", err)
		}
		if _, err := fw.Write(head); err != nil {
			return fmt.Errorf("clean workbook: %w", err)
		}
		if _, err := fw.Write(rest); err != nil {
			return fmt.Errorf("clean workbook: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("clean workbook: %w", err)
	}
	return nil
}

var (
	rootTag    = regexp.MustCompile(`<[A-Za-z_][\w.:-]*(\s[^>]*)?>`)
	nsDecl     = regexp.MustCompile(`\s+xmlns(?::([\w.-]+))?="[^"]*"`)
	ignorable  = regexp.MustCompile(`\s+mc:Ignorable="([^"]*)"`)
	chartBools = regexp.MustCompile(`\s(b|i)="(false|true)"`)
)

var (
	endParaRPr  = regexp.MustCompile(`<a:endParaRPr[^>]*?(?:/>|></a:endParaRPr>)`)
	view3D      = regexp.MustCompile(`<view3D>.*?</view3D>`)
	seriesBlock = regexp.MustCompile(`<ser>.*?</ser>`)
	labelsBlock = regexp.MustCompile(`<dLbls>.*?</dLbls>`)
	labelsFmt   = regexp.MustCompile(`<numFmt[^>]*?(?:/>|></numFmt>)`)
	bodyWrap    = regexp.MustCompile(`(<a:bodyPr[^>]*?) wrap="square"`)
)

// cleanChart rewrites what Gnumeric warns about in excelize's chart XML,
// without changing the chart: the b and i attributes as 0 or 1 instead of
// false or true (xsd:boolean allows both, Gnumeric reads only the digits);
// no empty end-of-paragraph properties, no 3-D view on a flat chart, no
// per-series data labels that only say "none" (the chart's own labels
// apply), no number format on the chart's labels (they take the cells'
// format, "0.0"), and no wrap="square", the default.
func cleanChart(part []byte) []byte {
	part = chartBools.ReplaceAllFunc(part, func(m []byte) []byte {
		m = bytes.Replace(m, []byte(`"false"`), []byte(`"0"`), 1)
		return bytes.Replace(m, []byte(`"true"`), []byte(`"1"`), 1)
	})
	part = endParaRPr.ReplaceAll(part, nil)
	part = view3D.ReplaceAll(part, nil)
	part = seriesBlock.ReplaceAllFunc(part, func(ser []byte) []byte { return labelsBlock.ReplaceAll(ser, nil) })
	part = labelsBlock.ReplaceAllFunc(part, func(l []byte) []byte { return labelsFmt.ReplaceAll(l, nil) })
	return bodyWrap.ReplaceAll(part, []byte("$1"))
}

// cleanNamespaces keeps, on the root element of part (whose end, when
// split off, is more), only the namespace declarations the part uses: the
// default one and those whose prefix appears in it. mc:Ignorable goes when
// it lists prefixes the part does not use.
func cleanNamespaces(part, more []byte) []byte {
	start := 0
	if bytes.HasPrefix(part, []byte("<?xml")) {
		start = bytes.Index(part, []byte("?>")) + 2
	}
	loc := rootTag.FindIndex(part[start:])
	if loc == nil {
		return part
	}
	tagStart, tagEnd := start+loc[0], start+loc[1]
	tag, body := part[tagStart:tagEnd], part[tagEnd:]
	used := map[string]bool{}
	prefixesIn(body, used)
	prefixesIn(more, used)
	// The root's own attributes (xr:uid, say), but not mc:Ignorable, which
	// is judged below.
	prefixesIn(ignorable.ReplaceAll(nsDecl.ReplaceAll(tag, nil), nil), used)
	name := tag[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	if p, _, ok := bytes.Cut(name, []byte(":")); ok {
		used[string(p)] = true
	}
	if m := ignorable.FindSubmatch(tag); m != nil {
		keep := true
		for _, p := range strings.Fields(string(m[1])) {
			keep = keep && used[p]
		}
		if keep {
			used["mc"] = true
		} else {
			tag = ignorable.ReplaceAll(tag, nil)
		}
	}
	tag = nsDecl.ReplaceAllFunc(tag, func(d []byte) []byte {
		m := nsDecl.FindSubmatch(d)
		if len(m[1]) == 0 || used[string(m[1])] {
			return d
		}
		return nil
	})
	out := make([]byte, 0, len(part))
	out = append(out, part[:tagStart]...)
	out = append(out, tag...)
	return append(out, body...)
}

var (
	dimensionTag = regexp.MustCompile(`<dimension ref="[^"]*"\s*(?:/>|></dimension>)`)
	cellRef      = []byte(`<c r="`)
)

// dimensionOf is the range of the cells in a sheet's <sheetData> ("" when
// it has none).
func dimensionOf(data []byte) string {
	minCol, minRow, maxCol, maxRow := 0, 0, 0, 0
	rest := data
	for {
		i := bytes.Index(rest, cellRef)
		if i < 0 {
			break
		}
		rest = rest[i+len(cellRef):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		col, row, ok := cellCoords(rest[:j])
		rest = rest[j:]
		if !ok {
			continue
		}
		if minCol == 0 || col < minCol {
			minCol = col
		}
		if minRow == 0 || row < minRow {
			minRow = row
		}
		maxCol, maxRow = max(maxCol, col), max(maxRow, row)
	}
	if maxCol == 0 {
		return ""
	}
	ref := cell(minCol, minRow)
	if maxCol != minCol || maxRow != minRow {
		ref += ":" + cell(maxCol, maxRow)
	}
	return ref
}

// cellCoords reads a cell reference such as "AB12" without allocating.
func cellCoords(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > excelize.MaxColumns {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(ref[i]-'0')
		if row > excelize.TotalRows {
			return 0, 0, false
		}
	}
	return col, row, row > 0
}

// setDimension writes ref into a sheet's <dimension> element.
func setDimension(head []byte, ref string) []byte {
	loc := dimensionTag.FindIndex(head)
	if ref == "" || loc == nil {
		return head
	}
	out := make([]byte, 0, len(head)+16)
	out = append(out, head[:loc[0]]...)
	out = append(out, `<dimension ref="`+ref+`"/>`...)
	return append(out, head[loc[1]:]...)
}

// prefixesIn adds to used every namespace prefix data uses on an element
// or attribute name ("x14:" in "<x14:foo" or " x14:bar="), in one pass
// without regular expressions: a sheet may be tens of megabytes.
func prefixesIn(data []byte, used map[string]bool) {
	for {
		i := bytes.IndexByte(data, ':')
		if i < 0 {
			return
		}
		j := i
		for j > 0 && isNameByte(data[j-1]) {
			j--
		}
		if j > 0 && j < i && (data[j-1] == '<' || data[j-1] == '/' || data[j-1] == ' ') && i+1 < len(data) && isNameStart(data[i+1]) {
			if !used[string(data[j:i])] {
				used[string(data[j:i])] = true
			}
		}
		data = data[i+1:]
	}
}

func isNameStart(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isNameByte(c byte) bool  { return isNameStart(c) || c == '.' || c == '-' || (c >= '0' && c <= '9') }

var (
	colsBlock = regexp.MustCompile(`<cols>(.*?)</cols>`)
	colTag    = regexp.MustCompile(`<col\s[^>]*?(?:/>|></col>)`)
	colMin    = regexp.MustCompile(`\smin="(\d+)"`)
)

// sortCols puts a sheet's <col> elements in ascending order, as the
// format requires.
func sortCols(part []byte) []byte {
	loc := colsBlock.FindSubmatchIndex(part)
	if loc == nil {
		return part
	}
	cols := colTag.FindAll(part[loc[2]:loc[3]], -1)
	minOf := func(c []byte) int {
		m := colMin.FindSubmatch(c)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	sort.SliceStable(cols, func(i, j int) bool { return minOf(cols[i]) < minOf(cols[j]) })
	out := make([]byte, 0, len(part))
	out = append(out, part[:loc[2]]...)
	out = append(out, bytes.Join(cols, nil)...)
	return append(out, part[loc[3]:]...)
}

// dataSheetEntry is the data sheet's entry in the workbook's sheet list.
var dataSheetEntry = regexp.MustCompile(`<sheet name="` + regexp.QuoteMeta(DataSheet) + `"([^>]*?)(/?)>`)

// hideDataSheet marks the data sheet very hidden in workbook.xml.
func hideDataSheet(part []byte) []byte {
	return dataSheetEntry.ReplaceAllFunc(part, func(m []byte) []byte {
		if bytes.Contains(m, []byte(" state=")) {
			return m
		}
		sub := dataSheetEntry.FindSubmatch(m)
		return []byte(`<sheet name="` + DataSheet + `"` + string(sub[1]) + ` state="veryHidden"` + string(sub[2]) + `>`)
	})
}
