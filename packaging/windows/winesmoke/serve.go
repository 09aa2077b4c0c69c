package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"taller/participant/phonetest"
)

// checkServe: `taller.exe serve` on 127.0.0.1 takes a real check-in,
// pre-quiz and evaluation from a simulated phone (its own cookie jar,
// forms read back out of the HTML with their CSRF token and submission
// id), and `workshop show` then counts them. The evaluation phase is
// opened by a second taller.exe while the server runs, as the data file
// is shared.
func (s *smoke) checkServe() error {
	es := []string{"LANG=es_ES.UTF-8"}
	for _, args := range [][]string{
		{"agenda", "apply", s.wsID, "--template", "half-day"},
		{"workshop", "open", s.wsID, "checkin"},
		{"workshop", "open", s.wsID, "quiz"},
	} {
		if _, _, err := s.taller(es, args...); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	srv := s.w.command(ctx, es, s.exe, "serve", "--workshop", s.wsID, "--addr", "127.0.0.1:0")
	o, err := newOutput(s.work)
	if err != nil {
		return err
	}
	defer o.close()
	srv.Stdout, srv.Stderr = o.out, o.err
	if err := srv.Start(); err != nil {
		return fmt.Errorf("start serve: %w", err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = srv.Wait(); close(exited) }()
	defer func() {
		cancel()
		<-exited
	}()

	var join string
	deadline := time.Now().Add(time.Minute)
	for join == "" {
		stdout, stderr := o.read()
		for _, line := range strings.Split(stdout, "\n") {
			if u, ok := strings.CutPrefix(strings.TrimSpace(line), "join: "); ok {
				join = u
			}
		}
		if join != "" {
			break
		}
		select {
		case <-exited:
			return fmt.Errorf("serve exited before listening: %v: %s", waitErr, clip(stderr))
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("serve printed no join address within a minute: %s", clip(stderr))
		}
	}
	fmt.Println("serving:", join)
	u, err := url.Parse(join)
	if err != nil || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("join address %q is not on 127.0.0.1", join)
	}

	phone, err := phonetest.New(join, nil)
	if err != nil {
		return err
	}
	step := func(form string) error {
		pg, err := phone.Get(u.Path)
		if err != nil {
			return fmt.Errorf("open the join page: %w", err)
		}
		f, err := pg.Form("/" + form)
		if err != nil {
			return fmt.Errorf("%s: %w: %s", form, err, pg.Title())
		}
		done, err := phone.Submit(f, answers(f))
		if err != nil {
			return fmt.Errorf("post %s: %w", form, err)
		}
		if done.Status != http.StatusOK || len(done.Forms) > 0 {
			return fmt.Errorf("post %s: status %d, page %q", form, done.Status, done.Title())
		}
		fmt.Printf("phone: %s saved: %q\n", form, done.Title())
		return nil
	}
	if err := step("checkin"); err != nil {
		return err
	}
	if err := step("quiz"); err != nil {
		return err
	}
	if _, _, err := s.taller(es, "workshop", "open", s.wsID, "evaluation"); err != nil {
		return fmt.Errorf("open the evaluation while serving: %w", err)
	}
	if err := step("evaluation"); err != nil {
		return err
	}
	// Stop the server the hard way: what the phone was told is saved
	// must be on disk already.
	cancel()
	<-exited

	v, err := s.show()
	if err != nil {
		return err
	}
	c := v.Counts
	if c.Total != 1 || c.PreQuiz != 1 || c.PostQuiz != 1 || c.Evaluations != 1 {
		return fmt.Errorf("workshop show counts %+v after one check-in, pre-quiz and evaluation", c)
	}
	out, _, err := s.taller(es, "workshop", "show", s.wsID)
	if err != nil {
		return err
	}
	fmt.Print(out)
	return nil
}

// answers fills a form as a participant would: in every group of choices
// the one already checked, else the first.
func answers(f phonetest.Form) url.Values {
	v := url.Values{}
	for name, opts := range f.Radios {
		if c, ok := f.Checked[name]; ok {
			v.Set(name, c)
		} else if len(opts) > 0 {
			v.Set(name, opts[0])
		}
	}
	return v
}
