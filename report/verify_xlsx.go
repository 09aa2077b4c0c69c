package report

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The merge reads thousands of files, so it does not open them with
// excelize, which loads every part and builds its whole model of the
// workbook: xlsxFile reads only the workbook's list of sheets, the shared
// strings and the sheets asked for, and scans their cells with a small
// hand-written parser. It yields what excelize's Rows with RawCellValue
// yields — numbers as written, text unescaped — for the cells any
// spreadsheet program writes (<c r="B2" t="s|str|inlineStr|n|b|e"> with
// <v> or <is>).

// xlsxFile is an .xlsx opened for reading.
type xlsxFile struct {
	zr     *zip.Reader
	sheets []xlsxSheet
	shared []string
}

// xlsxSheet is a sheet of the workbook, in order.
type xlsxSheet struct {
	name, part string
}

// maxPartBytes bounds one unzipped part.
const maxPartBytes = 512 << 20

// openXLSX reads the workbook's structure from data.
func openXLSX(data []byte) (*xlsxFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	x := &xlsxFile{zr: zr}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > maxUnzipBytes {
		return nil, errors.New("workbook too large")
	}
	wb, err := x.part("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	relsData, err := x.part("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, tag := range startTags(relsData, []byte("<Relationship ")) {
		t := html.UnescapeString(string(attr(tag, []byte(` Target="`))))
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[string(attr(tag, []byte(` Id="`)))] = t
	}
	for _, tag := range startTags(wb, []byte("<sheet ")) {
		name := html.UnescapeString(string(attr(tag, []byte(` name="`))))
		p, ok := targets[string(attr(tag, []byte(` r:id="`)))]
		if !ok {
			return nil, fmt.Errorf("sheet %s has no part", name)
		}
		x.sheets = append(x.sheets, xlsxSheet{name: name, part: p})
	}
	if ss, err := x.part("xl/sharedStrings.xml"); err == nil {
		if x.shared, err = sharedStrings(ss); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// part reads one part of the package.
func (x *xlsxFile) part(name string) ([]byte, error) {
	for _, f := range x.zr.File {
		if f.Name == name {
			if f.UncompressedSize64 > maxPartBytes {
				return nil, errors.New("part too large")
			}
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(io.LimitReader(rc, maxPartBytes))
		}
	}
	return nil, fmt.Errorf("no part %s", name)
}

// sheetNames lists the sheets, in the workbook's order.
func (x *xlsxFile) sheetNames() []string {
	out := make([]string, len(x.sheets))
	for i, s := range x.sheets {
		out[i] = s.name
	}
	return out
}

// has reports whether the workbook has a sheet called name.
func (x *xlsxFile) has(name string) bool {
	for _, s := range x.sheets {
		if s.name == name {
			return true
		}
	}
	return false
}

// rows reads a sheet's raw cell values, row by row from row 1 (missing
// rows empty), each row from column A (missing cells "").
func (x *xlsxFile) rows(name string) ([][]string, error) {
	for _, s := range x.sheets {
		if s.name == name {
			data, err := x.part(s.part)
			if err != nil {
				return nil, err
			}
			return scanCells(data, x.shared)
		}
	}
	return nil, fmt.Errorf("no sheet %s", name)
}

// sharedStrings reads the shared string table: each <si>'s text, its
// phonetic runs (<rPh>) left out.
func sharedStrings(data []byte) ([]string, error) {
	var out []string
	for {
		i := bytes.Index(data, []byte("<si"))
		if i < 0 {
			return out, nil
		}
		data = data[i:]
		tag, rest, ok := openTag(data)
		if !ok {
			return nil, errLayout
		}
		if len(tag) > 3 && tag[3] != '>' && tag[3] != ' ' && tag[3] != '/' {
			data = data[3:] // another element starting with "si"
			continue
		}
		if bytes.HasSuffix(tag, []byte("/>")) {
			out = append(out, "")
			data = rest
			continue
		}
		end := bytes.Index(rest, []byte("</si>"))
		if end < 0 {
			return nil, errLayout
		}
		body := rest[:end]
		for {
			a := bytes.Index(body, []byte("<rPh"))
			if a < 0 {
				break
			}
			b := bytes.Index(body[a:], []byte("</rPh>"))
			if b < 0 {
				return nil, errLayout
			}
			body = append(append([]byte{}, body[:a]...), body[a+b+len("</rPh>"):]...)
		}
		out = append(out, decodeEscapes(texts(body)))
		data = rest[end:]
	}
}

// startTags lists the start tags in data that begin with open (such as
// "<sheet ").
func startTags(data, open []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(data, open)
		if i < 0 {
			return out
		}
		tag, rest, ok := openTag(data[i:])
		if !ok {
			return out
		}
		out = append(out, tag)
		data = rest
	}
}

var (
	tagRow    = []byte("<row")
	tagCell   = []byte("<c")
	endCell   = []byte("</c>")
	tagValue  = []byte("<v>")
	endValue  = []byte("</v>")
	tagText   = []byte("<t")
	endText   = []byte("</t>")
	endSheet  = []byte("</sheetData>")
	attrRef   = []byte(` r="`)
	attrType  = []byte(` t="`)
	errLayout = errors.New("unexpected sheet layout")
)

// scanCells parses the <sheetData> of a worksheet part.
func scanCells(data []byte, shared []string) ([][]string, error) {
	start := bytes.Index(data, []byte("<sheetData"))
	if start < 0 {
		return nil, errLayout
	}
	data = data[start:]
	if end := bytes.Index(data, endSheet); end >= 0 {
		data = data[:end]
	}
	var rows [][]string
	rowNum := 0
	for {
		i := bytes.Index(data, tagRow)
		if i < 0 {
			break
		}
		data = data[i:]
		head, rest, ok := openTag(data)
		if !ok {
			return nil, errLayout
		}
		rowNum++
		if r := attr(head, attrRef); r != nil {
			n, err := strconv.Atoi(string(r))
			if err != nil || n < rowNum {
				return nil, errLayout
			}
			rowNum = n
		}
		for len(rows) < rowNum {
			rows = append(rows, nil)
		}
		data = rest
		if bytes.HasSuffix(head, []byte("/>")) {
			continue
		}
		end := bytes.Index(data, []byte("</row>"))
		if end < 0 {
			return nil, errLayout
		}
		cells, err := scanRow(data[:end], shared)
		if err != nil {
			return nil, err
		}
		rows[rowNum-1] = trimCells(cells)
		data = data[end:]
	}
	return trimRows(rows), nil
}

// scanRow parses the cells of one <row>.
func scanRow(data []byte, shared []string) ([]string, error) {
	var cells []string
	col := 0
	for {
		i := bytes.Index(data, tagCell)
		if i < 0 {
			return cells, nil
		}
		data = data[i:]
		if len(data) < 3 || (data[2] != ' ' && data[2] != '>' && data[2] != '/') {
			data = data[2:] // <col…> or another element starting with c
			continue
		}
		head, rest, ok := openTag(data)
		if !ok {
			return nil, errLayout
		}
		col++
		if r := attr(head, attrRef); r != nil {
			c, _, err := excelize.CellNameToCoordinates(string(r))
			if err != nil || c < col {
				return nil, errLayout
			}
			col = c
		}
		typ := string(attr(head, attrType))
		data = rest
		if bytes.HasSuffix(head, []byte("/>")) {
			continue
		}
		end := bytes.Index(data, endCell)
		if end < 0 {
			return nil, errLayout
		}
		body := data[:end]
		data = data[end+len(endCell):]
		var v string
		switch typ {
		case "inlineStr":
			v = decodeEscapes(texts(body))
		case "s":
			n, err := strconv.Atoi(string(between(body, tagValue, endValue)))
			if err != nil || n < 0 || n >= len(shared) {
				return nil, errLayout
			}
			v = shared[n]
		default:
			v = html.UnescapeString(string(between(body, tagValue, endValue)))
		}
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		cells = append(cells, v)
	}
}

// openTag splits data, which starts with a start tag, after the tag.
func openTag(data []byte) (tag, rest []byte, ok bool) {
	end := bytes.IndexByte(data, '>')
	if end < 0 {
		return nil, nil, false
	}
	return data[:end+1], data[end+1:], true
}

// attr is the value of an attribute in a start tag (nil when absent).
func attr(tag, name []byte) []byte {
	i := bytes.Index(tag, name)
	if i < 0 {
		return nil
	}
	v := tag[i+len(name):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return nil
	}
	return v[:j]
}

// between is the text between the first open and the close after it.
func between(data, open, close []byte) []byte {
	i := bytes.Index(data, open)
	if i < 0 {
		return nil
	}
	data = data[i+len(open):]
	j := bytes.Index(data, close)
	if j < 0 {
		return nil
	}
	return data[:j]
}

// texts joins the unescaped text of every <t> in an inline string.
func texts(body []byte) string {
	var sb strings.Builder
	for {
		i := bytes.Index(body, tagText)
		if i < 0 {
			return sb.String()
		}
		body = body[i:]
		if len(body) < 3 || (body[2] != '>' && body[2] != ' ') {
			body = body[2:]
			continue
		}
		_, rest, ok := openTag(body)
		if !ok {
			return sb.String()
		}
		j := bytes.Index(rest, endText)
		if j < 0 {
			return sb.String()
		}
		sb.WriteString(html.UnescapeString(string(rest[:j])))
		body = rest[j:]
	}
}

// ooxmlEscape is OOXML's escape of a character in text: _xHHHH_.
var ooxmlEscape = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// decodeEscapes undoes OOXML's _xHHHH_ escapes in a string item, as
// excelize and Excel do when they read one ("_x005F_" is an underscore).
func decodeEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return ooxmlEscape.ReplaceAllStringFunc(s, func(m string) string {
		if m == "_x005F_" {
			return "_"
		}
		n, err := strconv.ParseUint(m[2:6], 16, 32)
		if err != nil {
			return m
		}
		if n >= 0xD800 && n <= 0xDFFF {
			return "" // half a surrogate pair: excelize drops it too
		}
		return string(rune(n))
	})
}
