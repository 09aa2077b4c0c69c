package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"taller"

	"taller/curriculum"
	"taller/i18n"
	"taller/participant"
	"taller/store"
)

func init() {
	register(&command{name: "serve", usage: "--workshop ID [--addr HOST:PORT] [--host NAME]", summary: "serve.summary", run: runServe})
}

// runServe serves the phone pages of one workshop until interrupted.
func runServe(e *env, args []string) error {
	c := commands["serve"]
	fs := e.flags(c)
	wsID := fs.String("workshop", "", e.t("serve.flag.workshop"))
	addr := fs.String("addr", participant.DefaultAddr, e.t("serve.flag.addr"))
	host := fs.String("host", "", e.t("serve.flag.host"))
	if _, err := e.parseArgs(fs, args, 0); err != nil {
		return err
	}
	if *wsID == "" {
		return e.usagef("serve.workshop_required")
	}
	st, err := e.store()
	if err != nil {
		return err
	}
	ws, err := st.Workshop(e.ctx, *wsID)
	if err != nil {
		return err
	}
	cur, err := curriculum.Open(e.dataDir)
	if err != nil {
		fmt.Fprintln(e.stderr, e.t("serve.curriculum", map[string]any{"Err": err.Error()}))
	}
	secret, err := participant.Secret(e.ctx, st)
	if err != nil {
		return err
	}

	ln, fellBack, err := participant.Listen(*addr)
	if err != nil {
		return err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if fellBack {
		_, wanted, _ := net.SplitHostPort(*addr)
		fmt.Fprintln(e.stderr, e.t("serve.addr_fallback", map[string]any{"Wanted": wanted, "Port": port}))
	}
	url := participant.JoinURL(joinHost(e, *host, ln), port, ws.JoinToken)
	fmt.Fprintf(e.stdout, "join: %s\n", url)
	if qr, err := participant.QRText(url); err == nil {
		fmt.Fprint(e.stdout, qr)
	}
	fmt.Fprintln(e.stderr, e.t("serve.listening"))

	srv := participant.NewServer(participant.Config{
		Workshops:  st,
		Attendance: st,
		Answers:    st,
		Quiz:       quizFromCurriculum(cur, st),
		Secret:     secret,
		// Only this workshop takes answers, though others are stored.
		Allow: func(id string) bool { return id == ws.ID },
		Log:   slog.New(slog.NewTextHandler(e.stderr, nil)),
	})
	err = srv.Serve(e.ctx, ln)
	fmt.Fprintln(e.stderr, e.t("serve.stopped"))
	return err
}

// joinHost picks the host of the join URL: --host, else the address the
// server listens on when it is a particular one (127.0.0.1 in tests), else
// the Wi-Fi or LAN address phones can reach.
func joinHost(e *env, flagHost string, ln net.Listener) string {
	if flagHost != "" {
		return flagHost
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsUnspecified() {
		return ip.String()
	}
	h, err := participant.LANAddress()
	if err != nil {
		fmt.Fprintln(e.stderr, e.t("serve.no_lan"))
		return "127.0.0.1"
	}
	return h
}

// quizFromCurriculum gives the participant server the quiz of a workshop:
// the curriculum's choice for the workshop's agenda (see
// curriculum.WorkshopQuiz).
func quizFromCurriculum(c *curriculum.Curriculum, st *store.Store) participant.QuizFunc {
	return func(ctx context.Context, workshopID string, lang i18n.Lang) ([]taller.Question, error) {
		agenda, err := st.Agenda(ctx, workshopID)
		if err != nil {
			return nil, err
		}
		picked := c.WorkshopQuiz(agenda, lang)
		out := make([]taller.Question, len(picked))
		for i, q := range picked {
			out[i] = taller.Question{ID: q.ID, Prompt: q.Prompt, Options: q.Options, Answer: q.Answer}
		}
		return out, nil
	}
}
