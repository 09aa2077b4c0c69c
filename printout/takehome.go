package printout

import "taller/curriculum"

// takeHome prints the curriculum's take-home guide for participants, one
// copy per page: its title and text only. No logo, no workshop title, no
// program name, and neutral file metadata, so the sheet is safe to carry.
func takeHome(req Request, g curriculum.Guide) ([]byte, error) {
	d := newDoc(req.Lang, req.Paper, g.Title, 20)
	for range req.Copies {
		d.pdf.AddPage()
		d.para(g.Title, 18, true, 4)
		d.markdown(g.Body, d.margin, 11.5)
	}
	return d.bytes()
}
