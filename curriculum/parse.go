package curriculum

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"taller/i18n"
)

// source is one Markdown file of a pack, named by its path inside the pack
// ("es/01-extortion-today.md").
type source struct {
	name string
	data []byte
}

// draft is what one file yields once parsed: the module's fields in one
// language, with the line of each front-matter key so that the checks
// comparing languages can point at it.
type draft struct {
	file   string
	lang   i18n.Lang
	order  int    // from the NN prefix; -1 when the file name is malformed
	nameID string // the id in the file name
	front  frontMatter
	text   Text
	shape  bodyShape
}

var (
	fileNameRE = regexp.MustCompile(`^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)
	idRE       = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
)

// maxIDLength caps a module id.
const maxIDLength = 64

// parseFile reads one module file, adding what is wrong with it to ps.
func parseFile(src source, lang i18n.Lang, ps *problems) *draft {
	d := &draft{file: src.name, lang: lang, order: -1}
	if m := fileNameRE.FindStringSubmatch(path.Base(src.name)); m != nil {
		d.order, _ = strconv.Atoi(m[1])
		d.nameID = m[2]
	} else {
		ps.add(d.file, 0, "curriculum.err.file_name")
	}

	lines, end, ok := splitFrontMatter(d.file, src.data, ps)
	if !ok {
		return d
	}
	// Line i of the front matter's YAML is line i+1 of the file.
	d.front = parseFrontMatter(d.file, strings.Join(lines[1:end], "\n"), 1, ps)
	d.checkID(ps)
	d.text, d.shape = parseBody(d.file, lang, lines[end+1:], end+2, d.front.duration, d.front.discussion, ps)
	d.text.Title = d.front.title
	d.text.Objectives = d.front.objectives
	d.text.Materials = d.front.materials
	return d
}

func isFence(line string) bool { return strings.TrimRight(line, " \t") == "---" }

// splitFrontMatter splits a module or guide file into its lines (without
// a byte-order mark, with Unix line ends) and finds the line that closes
// its front matter: lines[1:end] are the YAML, lines[end+1:] the body. A
// file without front matter is reported in ps and gives ok false.
func splitFrontMatter(file string, data []byte, ps *problems) (lines []string, end int, ok bool) {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	lines = strings.Split(text, "\n")
	if !isFence(lines[0]) {
		ps.add(file, 1, "curriculum.err.no_front_matter")
		return nil, 0, false
	}
	for i := 1; i < len(lines); i++ {
		if isFence(lines[i]) {
			return lines, i, true
		}
	}
	ps.add(file, 1, "curriculum.err.front_matter_open")
	return nil, 0, false
}

// checkID checks the id's format and that it matches the file name.
func (d *draft) checkID(ps *problems) {
	id, line := d.front.id, d.front.lines["id"]
	if line == 0 || id == "" {
		return // missing or not a text, already reported
	}
	if len(id) > maxIDLength || !idRE.MatchString(id) {
		ps.add(d.file, line, "curriculum.err.id_format", "ID", id)
		return
	}
	if d.nameID != "" && id != d.nameID {
		ps.add(d.file, line, "curriculum.err.id_file", "ID", id, "Want", d.nameID)
	}
}
