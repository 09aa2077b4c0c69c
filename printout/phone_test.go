package printout_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"taller"
	"taller/i18n"
	"taller/participant"
)

// phonePage opens the workshop's join page on a real participant server
// (with phase open and the quiz chosen as cmd/taller's serve chooses it)
// and returns the texts of the form a phone shows, in page order: the
// headings, the questions (fieldset legends) and the options and fields
// (labels), without the optional code field, which paper asks in its own
// words.
func (f *fixture) phonePage(t *testing.T, phase taller.Phase, lang i18n.Lang) []string {
	t.Helper()
	for _, p := range taller.Phases {
		require.NoError(t, f.st.SetPhase(f.ctx, f.ws.ID, p, p == phase))
	}
	ts := f.phoneServer(t)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/j/" + f.ws.JoinToken + "?lang=" + string(lang))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	doc, err := html.Parse(resp.Body)
	require.NoError(t, err)
	return formTexts(doc)
}

// phoneServer runs a real participant server for the fixture's workshop
// on 127.0.0.1, with the quiz chosen as cmd/taller's serve chooses it.
func (f *fixture) phoneServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := participant.NewServer(participant.Config{
		Workshops: f.st, Attendance: f.st, Answers: f.st,
		// As cmd/taller's quizFromCurriculum does.
		Quiz: func(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
			a, err := f.st.Agenda(ctx, workshopID)
			if err != nil {
				return nil, err
			}
			return f.cur.WorkshopQuiz(a, lang), nil
		},
	})
	return httptest.NewServer(srv)
}

// formTexts lists the headings, legends and labels of a phone page.
func formTexts(doc *html.Node) []string {
	var texts []string
	var walk func(n *html.Node, inForm bool)
	walk = func(n *html.Node, inForm bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "form":
				inForm = true
			case "h1", "h2", "legend", "label":
				if (inForm || n.Data == "h1") && attr(n, "for") != "code" {
					texts = append(texts, strings.Join(strings.Fields(textOf(n)), " "))
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inForm)
		}
	}
	walk(doc, false)
	return texts
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			b.WriteString(" ") // a hint in its own element reads apart
		}
		b.WriteString(textOf(c))
	}
	return b.String()
}
