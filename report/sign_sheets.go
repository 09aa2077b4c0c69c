package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

// The visible sheets are signed as the writer wrote them: every cell's
// value in the raw form a reader gets back from the file (numbers as
// digits, dates as Excel serial numbers, text as it is), row by row from
// A1. Sheets written through streamSheet are recorded as their rows are
// written; any other visible sheet (written cell by cell) is read back
// from the workbook in memory before the data sheet is added. Either way
// the record follows whatever the sheets hold, so changing which figures
// a sheet shows needs no change here.

// sheetCells is one visible sheet as signed: its name and its rows of cell
// values, without trailing empty cells or rows.
type sheetCells struct {
	Name string
	Rows [][]string
	json string // the ASCII JSON of Rows, the signed form
}

// encode fills json from Rows.
func (s *sheetCells) encode() error {
	raw, err := json.Marshal(s.Rows)
	if err != nil {
		return fmt.Errorf("encode sheet %s: %w", s.Name, err)
	}
	s.json = asciiJSON(raw)
	return nil
}

// sheetStream is an excelize stream writer that remembers the values of
// the rows it writes.
type sheetStream struct {
	*excelize.StreamWriter
	grid *cellGrid
}

// SetRow writes a row, as excelize's, and records its values.
func (s *sheetStream) SetRow(ref string, values []any, opts ...excelize.RowOpts) error {
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return err
	}
	if err := s.StreamWriter.SetRow(ref, values, opts...); err != nil {
		return err
	}
	return s.grid.set(row, col, values)
}

// cellGrid collects the rows of one sheet, each already encoded as the
// signed JSON encodes it (a big merge's Workshops and Notes sheets are
// then held once, compactly, not as cells and again as JSON).
type cellGrid struct {
	rows map[int]string
	last int
}

func (g *cellGrid) set(row, col int, values []any) error {
	cells := make([]string, col-1, col-1+len(values))
	for _, v := range values {
		cells = append(cells, cellText(v))
	}
	raw, err := json.Marshal(trimCells(cells))
	if err != nil {
		return err
	}
	g.rows[row] = asciiJSON(raw)
	g.last = max(g.last, row)
	return nil
}

// encoded is the JSON of the rows from row 1, without trailing empty
// rows: what json.Marshal of the rows as [][]string, made ASCII, gives.
func (g *cellGrid) encoded() string {
	last := g.last
	for last > 0 && (g.rows[last] == "" || g.rows[last] == "null") {
		last--
	}
	var sb strings.Builder
	sb.WriteByte('[')
	for r := 1; r <= last; r++ {
		if r > 1 {
			sb.WriteByte(',')
		}
		if js, ok := g.rows[r]; ok {
			sb.WriteString(js)
		} else {
			sb.WriteString("null")
		}
	}
	sb.WriteByte(']')
	return sb.String()
}

// recorders holds, for each workbook being written, the grids of its
// streamed sheets.
var recorders sync.Map // *excelize.File → *sync.Map (sheet name → *cellGrid)

func recorderOf(f *excelize.File) *sync.Map {
	m, _ := recorders.LoadOrStore(f, &sync.Map{})
	return m.(*sync.Map)
}

// recordStream wraps a new stream writer of sheet name so its rows are
// recorded.
func recordStream(f *excelize.File, name string, sw *excelize.StreamWriter) *sheetStream {
	g := &cellGrid{rows: map[int]string{}}
	recorderOf(f).Store(name, g)
	return &sheetStream{StreamWriter: sw, grid: g}
}

// forgetRecords drops what was recorded for f once it is written.
func forgetRecords(f *excelize.File) { recorders.Delete(f) }

// captureSheets returns every sheet of f but the data sheet, in order,
// as signed.
func captureSheets(f *excelize.File) ([]*sheetCells, error) {
	rec := recorderOf(f)
	var out []*sheetCells
	for _, name := range f.GetSheetList() {
		if name == DataSheet {
			continue
		}
		s := &sheetCells{Name: name}
		if g, ok := rec.Load(name); ok {
			s.json = g.(*cellGrid).encoded()
		} else {
			rows, err := readSheet(f, name)
			if err != nil {
				return nil, fmt.Errorf("read back sheet %s: %w", name, err)
			}
			s.Rows = rows
			if err := s.encode(); err != nil {
				return nil, err
			}
			s.Rows = nil
		}
		out = append(out, s)
	}
	return out, nil
}

// readSheet reads a sheet's raw cell values, trimmed as signed.
func readSheet(f *excelize.File, name string) ([][]string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out = append(out, trimCells(cols))
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	return trimRows(out), nil
}

func trimCells(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	if n == 0 {
		return nil
	}
	return cells[:n:n]
}

func trimRows(rows [][]string) [][]string {
	n := len(rows)
	for n > 0 && len(rows[n-1]) == 0 {
		n--
	}
	return rows[:n]
}

// excelEpoch is day 0 of Excel's 1900 date system for every date after
// 1 March 1900 (Excel counts a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// cellText is a value passed to a stream writer as its raw cell text.
func cellText(v any) string {
	switch v := v.(type) {
	case excelize.Cell:
		return cellText(v.Value)
	case *excelize.Cell:
		return cellText(v.Value)
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case bool:
		if v {
			return "1"
		}
		return "0"
	case time.Time:
		d := v.Sub(excelEpoch)
		return strconv.FormatFloat(float64(d)/float64(24*time.Hour), 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// sameCell reports whether a cell read from a file shows what was signed:
// the same text, or the same number up to the last digits a spreadsheet
// program may round when it saves.
func sameCell(found, signed string) bool {
	if found == signed {
		return true
	}
	a, err1 := strconv.ParseFloat(found, 64)
	b, err2 := strconv.ParseFloat(signed, 64)
	if err1 != nil || err2 != nil || math.IsNaN(a) || math.IsNaN(b) {
		return false
	}
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a), math.Abs(b))
}
