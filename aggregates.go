package taller

import (
	"context"
	"time"
)

// Aggregates are the figures of one workshop that may leave the laptop: only
// counts and sums, never a row about one person. They are what the export
// writes and what the coordinator's merge adds up.
type Aggregates struct {
	Workshop WorkshopInfo `json:"workshop"`
	// Revision is the workshop's revision these figures were read at; it
	// stays on the laptop (see MarkExported).
	Revision int64 `json:"-"`

	// Participants by gender: phone and paper check-ins plus walk-in tallies.
	ByGender map[Gender]int `json:"by_gender"`
	// Cross-tabs of check-ins (tallies carry no age or role).
	AgeByGender  map[AgeBand]map[Gender]int `json:"age_by_gender"`
	RoleByGender map[Role]map[Gender]int    `json:"role_by_gender"`

	// Ratings[item][v-1] counts the answers v (1..5) of each item.
	Ratings     map[LikertItem][5]int `json:"ratings"`
	Evaluations int                   `json:"evaluations"`

	// Quiz scores as sums of percentages, so means merge exactly.
	Pre    ScoreSum `json:"pre"`
	Post   ScoreSum `json:"post"`
	Paired PairSum  `json:"paired"`

	// Comments only when the export asked for them and the facilitator has
	// not hidden them.
	Comments []string `json:"comments,omitempty"`
}

// WorkshopInfo is what an export tells of a workshop itself.
type WorkshopInfo struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Country      Country `json:"country"`
	Locality     string  `json:"locality"`
	Organization string  `json:"organization"`
	Facilitator  string  `json:"facilitator,omitempty"`
	Date         string  `json:"date"`
}

// ScoreSum adds up quiz scores in percent.
type ScoreSum struct {
	N   int     `json:"n"`
	Sum float64 `json:"sum"`
}

// Mean is the mean score in percent, or 0 when there are none.
func (s ScoreSum) Mean() float64 {
	if s.N == 0 {
		return 0
	}
	return s.Sum / float64(s.N)
}

// PairSum adds up the gains of participants who took both quizzes.
type PairSum struct {
	N       int     `json:"n"`
	PreSum  float64 `json:"pre_sum"`
	PostSum float64 `json:"post_sum"`
}

// MeanGain is the mean of post minus pre, in percentage points.
func (p PairSum) MeanGain() float64 {
	if p.N == 0 {
		return 0
	}
	return (p.PostSum - p.PreSum) / float64(p.N)
}

// Participants is the workshop's total attendance.
func (a *Aggregates) Participants() int {
	n := 0
	for _, v := range a.ByGender {
		n += v
	}
	return n
}

// MeanRating is the mean answer of one item, or 0 with no answers.
func (a *Aggregates) MeanRating(item LikertItem) (mean float64, n int) {
	d := a.Ratings[item]
	sum := 0
	for i, c := range d {
		n += c
		sum += (i + 1) * c
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// NewAggregates returns empty aggregates with every map made.
func NewAggregates(info WorkshopInfo) *Aggregates {
	return &Aggregates{
		Workshop:     info,
		ByGender:     map[Gender]int{},
		AgeByGender:  map[AgeBand]map[Gender]int{},
		RoleByGender: map[Role]map[Gender]int{},
		Ratings:      map[LikertItem][5]int{},
	}
}

// Add adds b's counts to a (the workshop info of a is kept). Adding is how
// the merge totals several workshops.
func (a *Aggregates) Add(b *Aggregates) {
	for g, n := range b.ByGender {
		a.ByGender[g] += n
	}
	for k, row := range b.AgeByGender {
		if a.AgeByGender[k] == nil {
			a.AgeByGender[k] = map[Gender]int{}
		}
		for g, n := range row {
			a.AgeByGender[k][g] += n
		}
	}
	for k, row := range b.RoleByGender {
		if a.RoleByGender[k] == nil {
			a.RoleByGender[k] = map[Gender]int{}
		}
		for g, n := range row {
			a.RoleByGender[k][g] += n
		}
	}
	for it, d := range b.Ratings {
		cur := a.Ratings[it]
		for i := range d {
			cur[i] += d[i]
		}
		a.Ratings[it] = cur
	}
	a.Evaluations += b.Evaluations
	a.Pre.N += b.Pre.N
	a.Pre.Sum += b.Pre.Sum
	a.Post.N += b.Post.N
	a.Post.Sum += b.Post.Sum
	a.Paired.N += b.Paired.N
	a.Paired.PreSum += b.Paired.PreSum
	a.Paired.PostSum += b.Paired.PostSum
	a.Comments = append(a.Comments, b.Comments...)
}

// ReportService gives the aggregates that exports are made of, and
// remembers what was exported and what each export released.
type ReportService interface {
	ReleaseService
	// Aggregates returns one workshop's figures; comments are included only
	// when withComments is true, and never the hidden ones.
	Aggregates(ctx context.Context, workshopID string, withComments bool) (*Aggregates, error)
	// MarkExported records that workshops were exported at t, each with
	// the revision its figures were read at (Aggregates.Revision), so a
	// submission that arrived while the export ran still counts as not
	// exported.
	MarkExported(ctx context.Context, revisions map[string]int64, t time.Time) error
}

// SettingsService keeps the app's settings in the data file.
type SettingsService interface {
	// Setting returns a setting's value, or def when it is not set.
	Setting(ctx context.Context, key, def string) (string, error)
	// SetSetting stores a setting.
	SetSetting(ctx context.Context, key, value string) error
}

// Setting keys.
const (
	SettingLanguage  = "language"   // es | en
	SettingOutbox    = "outbox_dir" // the coordinator folder exports go to
	SettingWiFiSSID  = "wifi_ssid"
	SettingWiFiPass  = "wifi_password"
	SettingThreshold = "small_cell_k" // small-cell threshold for cross-tabs
)

// DefaultThreshold is the default small-cell threshold k: cross-tab cells
// below it are shown as "<k".
const DefaultThreshold = 5
