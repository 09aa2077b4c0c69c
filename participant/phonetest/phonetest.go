// Package phonetest simulates participants' phones for tests and
// benchmarks of package participant: each Phone has its own cookie jar,
// reads the forms back out of the HTML it gets, and posts them as a
// browser would.
package phonetest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Phone is one simulated phone.
type Phone struct {
	Client *http.Client
	Jar    *cookiejar.Jar
	Base   *url.URL // the server's root, e.g. http://127.0.0.1:8080
	// SkipForms leaves Page.Forms empty, sparing the HTML parse: load
	// tests set it so the simulated phones do not eat the server's CPU.
	SkipForms bool
}

// New returns a phone with an empty cookie jar talking to base through
// transport (nil: a transport of its own).
func New(base string, transport http.RoundTripper) (*Phone, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	u.Path, u.RawQuery = "", ""
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	if transport == nil {
		transport = &http.Transport{MaxIdleConnsPerHost: 2}
	}
	return &Phone{Client: &http.Client{Jar: jar, Transport: transport, Timeout: 60 * time.Second}, Jar: jar, Base: u}, nil
}

// Page is a response as the phone saw it.
type Page struct {
	Status int
	Header http.Header
	Body   string
	Forms  []Form
}

// Form is one <form> of a page.
type Form struct {
	Action string
	Method string
	Hidden map[string]string   // hidden inputs
	Radios map[string][]string // radio groups: name → values, in page order
	Texts  map[string]string   // text inputs and text areas with their current values
	// Checked holds the radio value already checked in each group, if any.
	Checked map[string]string
	// Required lists the radio groups marked required.
	Required map[string]bool
}

// Get loads a page (a path on the server, or a full URL).
func (p *Phone) Get(path string) (*Page, error) {
	return p.do(http.MethodGet, path, nil)
}

// Post sends vals to path as an urlencoded form.
func (p *Phone) Post(path string, vals url.Values) (*Page, error) {
	return p.PostBody(path, "application/x-www-form-urlencoded", vals.Encode())
}

// PostBody sends body to path with the given content type.
func (p *Phone) PostBody(path, contentType, body string) (*Page, error) {
	req, err := http.NewRequest(http.MethodPost, p.resolve(path), strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	return p.send(req)
}

// Submit posts a form with its hidden fields and the given values.
func (p *Phone) Submit(f Form, values url.Values) (*Page, error) {
	vals := url.Values{}
	for k, v := range f.Hidden {
		vals.Set(k, v)
	}
	for k, v := range values {
		vals[k] = v
	}
	return p.Post(f.Action, vals)
}

func (p *Phone) resolve(path string) string {
	u, err := p.Base.Parse(path)
	if err != nil {
		return path
	}
	return u.String()
}

func (p *Phone) do(method, path string, body io.Reader) (*Page, error) {
	req, err := http.NewRequest(method, p.resolve(path), body)
	if err != nil {
		return nil, err
	}
	return p.send(req)
}

func (p *Phone) send(req *http.Request) (*Page, error) {
	resp, err := p.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	pg := &Page{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}
	if !p.SkipForms && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		pg.Forms, err = ParseForms(pg.Body)
		if err != nil {
			return pg, err
		}
	}
	return pg, nil
}

// Cookie returns the value of the phone's cookie name for the server, or "".
func (p *Phone) Cookie(name string) string {
	for _, c := range p.Jar.Cookies(p.Base) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// ForgetCookies empties the phone's cookie jar, as when a browser's data
// is cleared.
func (p *Phone) ForgetCookies() error {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	p.Jar = jar
	p.Client.Jar = jar
	return nil
}

// Form returns the page's form whose action ends with suffix.
func (pg *Page) Form(suffix string) (Form, error) {
	for _, f := range pg.Forms {
		if strings.HasSuffix(f.Action, suffix) {
			return f, nil
		}
	}
	return Form{}, fmt.Errorf("no form posting to …%s in the page (status %d)", suffix, pg.Status)
}

// Text returns the text of the first element with the given class, or "".
func (pg *Page) Text(class string) string {
	doc, err := html.Parse(strings.NewReader(pg.Body))
	if err != nil {
		return ""
	}
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode {
			for _, c := range strings.Fields(attr(n, "class")) {
				if c == class {
					found = n
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		return ""
	}
	return strings.TrimSpace(textOf(found))
}

// Title returns the text of the page's first <h1>.
func (pg *Page) Title() string {
	doc, err := html.Parse(strings.NewReader(pg.Body))
	if err != nil {
		return ""
	}
	var out string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "h1" {
			out = strings.TrimSpace(textOf(n))
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return out
}

// ParseForms reads every <form> out of an HTML page.
func ParseForms(body string) ([]Form, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	var forms []Form
	var cur *Form
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "form":
				forms = append(forms, Form{Action: attr(n, "action"), Method: strings.ToLower(attr(n, "method")),
					Hidden: map[string]string{}, Radios: map[string][]string{}, Texts: map[string]string{},
					Checked: map[string]string{}, Required: map[string]bool{}})
				cur = &forms[len(forms)-1]
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				cur = nil
				return
			case "input":
				if cur != nil {
					name := attr(n, "name")
					switch strings.ToLower(attr(n, "type")) {
					case "hidden":
						cur.Hidden[name] = attr(n, "value")
					case "radio":
						cur.Radios[name] = append(cur.Radios[name], attr(n, "value"))
						if hasAttr(n, "checked") {
							cur.Checked[name] = attr(n, "value")
						}
						if hasAttr(n, "required") {
							cur.Required[name] = true
						}
					case "", "text":
						cur.Texts[name] = attr(n, "value")
					}
				}
			case "textarea":
				if cur != nil {
					cur.Texts[attr(n, "name")] = textOf(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return forms, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
