// Package demo fills a data folder with the reference scenario: the nine
// workshops of the programme's 2024 final activity report, with the
// participants by gender the report gives for each, and sample check-in
// answers, quizzes and evaluations. It goes through the domain services
// only, as the phones and the facilitator would.
//
// The sample answers are pseudo-random from a fixed seed, and every
// submission carries a submission id derived from the workshop and the
// participant's number, so Fill is deterministic and idempotent: running it
// again on the same data finds its workshops and stores nothing new.
package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"taller"
	"taller/i18n"
)

// Services are the domain services Fill uses; *store.Store has them all.
type Services interface {
	taller.WorkshopService
	taller.AttendanceService
	taller.AnswerService
}

// Title is the title of every demo workshop.
const Title = "Respuestas comunitarias frente a la extorsión"

// Workshop is one workshop of the reference report with its attendance.
type Workshop struct {
	// Where, when and with whom, as the report gives them.
	Country      taller.Country
	Date         string // YYYY-MM-DD
	Locality     string
	Organization string
	// Attendance by gender, as the report gives it.
	Female, Male int

	ages  [5]int // weights of taller.AgeBands
	roles [6]int // weights of taller.Roles
}

// Participants is the workshop's attendance.
func (w Workshop) Participants() int { return w.Female + w.Male }

// Workshops are the nine workshops of the report (section 2.3, "Dates and
// figures"). Where the report names no partner organisation, the
// organisation is described generically.
var Workshops = []Workshop{
	{Country: taller.ElSalvador, Date: "2024-06-10", Locality: "San Vicente", Organization: "Red de Mujeres del Departamento de San Vicente",
		Female: 23, Male: 1, ages: [5]int{0, 3, 8, 8, 5}, roles: [6]int{5, 3, 1, 0, 4, 1}},
	{Country: taller.ElSalvador, Date: "2024-06-11", Locality: "San Esteban Catarina", Organization: "Asociación Comunal de San Esteban Catarina (AMUSEC)",
		Female: 23, Male: 3, ages: [5]int{1, 4, 8, 7, 4}, roles: [6]int{6, 4, 2, 1, 3, 1}},
	{Country: taller.ElSalvador, Date: "2024-06-12", Locality: "Usulután", Organization: "Grupo de Acción Territorial (GAT-CBJ)",
		Female: 19, Male: 5, ages: [5]int{1, 6, 8, 6, 3}, roles: [6]int{6, 3, 1, 1, 4, 1}},
	{Country: taller.Guatemala, Date: "2024-06-20", Locality: "Mixco", Organization: "Organizaciones comunitarias de Mixco",
		Female: 8, Male: 26, ages: [5]int{1, 6, 8, 6, 2}, roles: [6]int{5, 3, 3, 2, 2, 1}},
	{Country: taller.Guatemala, Date: "2024-06-24", Locality: "Zona 21, Ciudad de Guatemala", Organization: "Instituto Industrial Israel",
		Female: 15, Male: 4, ages: [5]int{12, 5, 1, 1, 0}, roles: [6]int{10, 1, 0, 1, 0, 2}},
	{Country: taller.Guatemala, Date: "2024-07-06", Locality: "Colonia Bethania, Zona 7, Ciudad de Guatemala", Organization: "Organizaciones comunitarias de Colonia Bethania",
		Female: 11, Male: 19, ages: [5]int{3, 7, 7, 5, 2}, roles: [6]int{7, 3, 2, 1, 2, 1}},
	{Country: taller.Honduras, Date: "2024-06-19", Locality: "El Progreso", Organization: "Organizaciones comunitarias de El Progreso",
		Female: 11, Male: 11, ages: [5]int{1, 5, 8, 6, 3}, roles: [6]int{5, 3, 3, 1, 3, 1}},
	{Country: taller.Honduras, Date: "2024-06-20", Locality: "Villanueva", Organization: "Organizaciones comunitarias de Villanueva",
		Female: 33, Male: 1, ages: [5]int{1, 5, 9, 7, 3}, roles: [6]int{6, 3, 2, 1, 3, 1}},
	{Country: taller.Honduras, Date: "2024-06-21", Locality: "Tegucigalpa", Organization: "Organizaciones comunitarias de Tegucigalpa",
		Female: 14, Male: 6, ages: [5]int{0, 5, 8, 6, 2}, roles: [6]int{3, 3, 2, 3, 5, 1}},
}

// Result tells what Fill did.
type Result struct {
	// Workshops are the demo workshops in the data, in the order of
	// Workshops.
	Workshops []*taller.Workshop
	// Created is how many workshops this run created.
	Created int
	// Added is how many check-ins, quiz attempts and evaluations this run
	// stored; 0 when the demo was already complete.
	Added int
	// Participants is the attendance of the nine workshops.
	Participants int
}

// seed fixes the pseudo-random sample answers.
const seed = 20240610

// Fill creates the demo workshops that are missing and stores their
// participants' answers. It is safe to run twice: the second run stores
// nothing.
func Fill(ctx context.Context, svc Services) (*Result, error) {
	existing, err := svc.Workshops(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{Workshops: make([]*taller.Workshop, len(Workshops))}
	for i, spec := range Workshops {
		res.Participants += spec.Participants()
		for _, w := range existing {
			if w.Title == Title && w.Date == spec.Date && w.Country == spec.Country && w.Locality == spec.Locality && w.Organization == spec.Organization {
				res.Workshops[i] = w
				break
			}
		}
		if res.Workshops[i] != nil {
			continue
		}
		w := &taller.Workshop{Title: Title, Country: spec.Country, Locality: spec.Locality, Organization: spec.Organization,
			Date: spec.Date, Start: 9 * 60, Language: i18n.Spanish}
		if err := svc.CreateWorkshop(ctx, w); err != nil {
			return nil, fmt.Errorf("demo workshop %s: %w", spec.Date, err)
		}
		res.Workshops[i] = w
		res.Created++
	}

	// The workshops fill in parallel, so their writes share the store's
	// group commits; each one's answers are sequential and seeded, so the
	// data do not depend on the interleaving.
	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := make([]error, len(Workshops))
	for i := range Workshops {
		wg.Go(func() {
			n, err := fill(ctx, svc, i, res.Workshops[i].ID)
			errs[i] = err
			mu.Lock()
			res.Added += n
			mu.Unlock()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("demo workshop %s: %w", Workshops[i].Date, err)
		}
	}
	return res, nil
}

// Sample free text, general enough to describe no one.
var (
	applies = []string{
		"Compartir con mi comunidad las rutas de denuncia.",
		"Revisar la seguridad de mis redes sociales y mi teléfono.",
		"Organizar con los vecinos un grupo de apoyo.",
		"No responder a llamadas ni mensajes de números desconocidos.",
		"Acompañar a quien sea víctima sin juzgarle.",
	}
	comments = []string{
		"Me gustaría otro taller sobre seguridad digital.",
		"Muy útil, gracias por el espacio de confianza.",
		"Faltó tiempo para el tema de apoyo a víctimas.",
		"Las dinámicas en grupo ayudaron a hablar con libertad.",
		"Deberían invitar a más jóvenes.",
	}
)

// fill stores the participants of Workshops[i] in the workshop with id;
// it returns how many submissions were new.
func fill(ctx context.Context, svc Services, i int, id string) (int, error) {
	spec := Workshops[i]
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	key := strings.ReplaceAll(spec.Date, "-", "") + strings.ToLower(string(spec.Country))
	genders := make([]taller.Gender, 0, spec.Participants())
	for range spec.Female {
		genders = append(genders, taller.Female)
	}
	for range spec.Male {
		genders = append(genders, taller.Male)
	}
	rng.Shuffle(len(genders), func(a, b int) { genders[a], genders[b] = genders[b], genders[a] })

	added := 0
	count := func(repeat bool) {
		if !repeat {
			added++
		}
	}
	for p, g := range genders {
		sub := func(kind string) string { return fmt.Sprintf("demo-%s-%s%03d", key, kind, p) }
		source, device := taller.SourcePaper, ""
		if rng.IntN(10) < 7 {
			source = taller.SourcePhone
			h := sha256.Sum256([]byte(sub("device")))
			device = hex.EncodeToString(h[:16])
		}
		ci := &taller.CheckIn{WorkshopID: id, SubmissionID: sub("c"), Device: device, Gender: g,
			AgeBand: taller.AgeBands[pick(rng, spec.ages[:])], Role: taller.Roles[pick(rng, spec.roles[:])], Source: source}
		cres, err := svc.CheckIn(ctx, ci)
		if err != nil {
			return added, err
		}
		count(cres.Repeat)

		// Quizzes: most take the pre-quiz, a few leave before the post-quiz;
		// scores rise by 10 to 35 points on average.
		quiz := demoQuiz(10)
		ability := 0.35 + 0.35*rng.Float64()
		gain := 0.10 + 0.25*rng.Float64()
		for _, q := range []struct {
			kind  taller.QuizKind
			takes int // in 100
			p     float64
		}{{taller.PreQuiz, 85, ability}, {taller.PostQuiz, 80, min(0.97, ability+gain)}} {
			if rng.IntN(100) >= q.takes {
				continue
			}
			ans := answers(rng, q.p, quiz)
			qa := &taller.QuizAttempt{WorkshopID: id, SubmissionID: sub("q" + string(q.kind)), Device: device, Code: cres.Code,
				Kind: q.kind, Answers: ans, Score: taller.ScoreQuiz(quiz, ans), Total: len(quiz), Source: source}
			r, err := svc.SubmitQuiz(ctx, qa)
			if err != nil {
				return added, err
			}
			count(r.Repeat)
		}

		// Evaluations: nine in ten, mostly favourable.
		if rng.IntN(10) == 0 {
			continue
		}
		ev := &taller.Evaluation{WorkshopID: id, SubmissionID: sub("e"), Device: device, Source: source,
			Ratings: map[taller.LikertItem]int{}}
		for _, it := range taller.LikertItems {
			weights := []int{1, 2, 8, 30, 59}
			if it == "safety" {
				weights = []int{2, 4, 14, 34, 46}
			}
			ev.Ratings[it] = 1 + pick(rng, weights)
		}
		if rng.IntN(10) < 3 {
			ev.Apply = applies[rng.IntN(len(applies))]
		}
		if rng.IntN(10) < 2 {
			ev.Comment = comments[rng.IntN(len(comments))]
		}
		r, err := svc.SubmitEvaluation(ctx, ev)
		if err != nil {
			return added, err
		}
		count(r.Repeat)
	}
	return added, nil
}

// pick draws an index with the given weights.
func pick(rng *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := rng.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// demoQuiz makes n questions of four options; option 0 is the right one.
func demoQuiz(n int) []taller.Question {
	qs := make([]taller.Question, n)
	for i := range qs {
		qs[i] = taller.Question{ID: fmt.Sprintf("demo.%d", i+1), Options: []string{"a", "b", "c", "d"}}
	}
	return qs
}

// answers makes one participant's answers to qs: each is right with
// probability p, else one of the wrong options.
func answers(rng *rand.Rand, p float64, qs []taller.Question) map[string]int {
	out := make(map[string]int, len(qs))
	for _, q := range qs {
		opt := q.Answer
		if rng.Float64() >= p {
			opt = (q.Answer + 1 + rng.IntN(len(q.Options)-1)) % len(q.Options)
		}
		out[q.ID] = opt
	}
	return out
}
