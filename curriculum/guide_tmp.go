package curriculum

// TEMPORARY (branch print): a stand-in for the curriculum guides that the
// manual branch implements with their bundled Markdown. It has the
// contract's exact API and offers only the participants' take-home text,
// a short neutral one (from assets/i18n/tmp_print). The lead deletes this
// file and that folder at merge.

import "taller/i18n"

// Guide is one of the curriculum's guides: Markdown for the facilitator,
// or for participants when ForParticipants is set.
type Guide struct {
	ID, Title, Body string
	ForParticipants bool
}

// Guides returns the curriculum's guides in lang.
func (c *Curriculum) Guides(lang i18n.Lang) []Guide {
	return []Guide{{
		ID:              "take-home",
		Title:           i18n.T(lang, "tmp.guide.take_home.title"),
		Body:            i18n.T(lang, "tmp.guide.take_home.body"),
		ForParticipants: true,
	}}
}

// Guide returns the guide with the given id in lang.
func (c *Curriculum) Guide(id string, lang i18n.Lang) (Guide, bool) {
	for _, g := range c.Guides(lang) {
		if g.ID == id {
			return g, true
		}
	}
	return Guide{}, false
}
