package taller

import (
	"fmt"
	"time"
)

// BlockKind says what an agenda block is.
type BlockKind string

// The kinds of agenda block.
const (
	BlockModule BlockKind = "module" // a curriculum module, by id
	BlockBreak  BlockKind = "break"  // a pause: coffee, lunch
	BlockCustom BlockKind = "custom" // anything else, with its own title
)

// Limits on agenda blocks.
const (
	MinBlockMinutes = 5
	MaxBlockMinutes = 240
	MaxAgendaBlocks = 40
)

// AgendaBlock is one block of a workshop's agenda.
type AgendaBlock struct {
	Kind     BlockKind `json:"kind"`
	ModuleID string    `json:"module_id,omitempty"` // for BlockModule
	Title    string    `json:"title,omitempty"`     // for BlockBreak and BlockCustom; empty break means "Break"
	Minutes  int       `json:"minutes"`
}

// Validate checks one block.
func (b AgendaBlock) Validate() error {
	switch b.Kind {
	case BlockModule:
		if b.ModuleID == "" {
			return Errorf(EINVALID, "err.agenda.module_required")
		}
	case BlockBreak:
	case BlockCustom:
		if err := checkText("agenda.title", b.Title, true, 120); err != nil {
			return err
		}
	default:
		return Errorf(EINVALID, "err.agenda.kind", "Kind", string(b.Kind))
	}
	if b.Minutes < MinBlockMinutes || b.Minutes > MaxBlockMinutes {
		return Errorf(EINVALID, "err.agenda.minutes", "Min", MinBlockMinutes, "Max", MaxBlockMinutes)
	}
	return nil
}

// Agenda is a workshop's ordered list of blocks, from a start time of day.
// End, when set, is the planned end: running past it is a warning, never an
// error.
type Agenda struct {
	Start  ClockTime     `json:"start"`
	End    ClockTime     `json:"end,omitempty"`
	Blocks []AgendaBlock `json:"blocks"`
}

// Validate checks the agenda and each of its blocks.
func (a *Agenda) Validate() error {
	if len(a.Blocks) > MaxAgendaBlocks {
		return Errorf(EINVALID, "err.agenda.too_many", "Max", MaxAgendaBlocks)
	}
	if a.End != 0 && a.End <= a.Start {
		return Errorf(EINVALID, "err.agenda.end_before_start")
	}
	if a.Start < 0 || a.Finish() > 24*60 {
		return Errorf(EINVALID, "err.agenda.past_midnight", "End", a.Finish().String())
	}
	for _, b := range a.Blocks {
		if err := b.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Add inserts b at position at (clamped to the ends of the list).
func (a *Agenda) Add(b AgendaBlock, at int) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if len(a.Blocks) >= MaxAgendaBlocks {
		return Errorf(EINVALID, "err.agenda.too_many", "Max", MaxAgendaBlocks)
	}
	at = max(0, min(at, len(a.Blocks)))
	a.Blocks = append(a.Blocks, AgendaBlock{})
	copy(a.Blocks[at+1:], a.Blocks[at:])
	a.Blocks[at] = b
	return nil
}

// Remove deletes the block at index i.
func (a *Agenda) Remove(i int) error {
	if i < 0 || i >= len(a.Blocks) {
		return Errorf(ENOTFOUND, "err.agenda.no_block")
	}
	a.Blocks = append(a.Blocks[:i], a.Blocks[i+1:]...)
	return nil
}

// Move moves the block at from so it ends up at index to.
func (a *Agenda) Move(from, to int) error {
	if from < 0 || from >= len(a.Blocks) || to < 0 || to >= len(a.Blocks) {
		return Errorf(ENOTFOUND, "err.agenda.no_block")
	}
	b := a.Blocks[from]
	a.Blocks = append(a.Blocks[:from], a.Blocks[from+1:]...)
	a.Blocks = append(a.Blocks[:to], append([]AgendaBlock{b}, a.Blocks[to:]...)...)
	return nil
}

// SetMinutes changes the duration of the block at index i.
func (a *Agenda) SetMinutes(i, minutes int) error {
	if i < 0 || i >= len(a.Blocks) {
		return Errorf(ENOTFOUND, "err.agenda.no_block")
	}
	b := a.Blocks[i]
	b.Minutes = minutes
	if err := b.Validate(); err != nil {
		return err
	}
	a.Blocks[i] = b
	return nil
}

// ShiftTo moves the agenda to start at start, keeping the length of its
// planned day: a template made for 08:30–12:00 applied to a workshop that
// starts at 09:00 ends at 12:30.
func (a *Agenda) ShiftTo(start ClockTime) {
	if a.End != 0 {
		a.End += start - a.Start
	}
	a.Start = start
}

// TimedBlock is an agenda block with its computed start and end.
type TimedBlock struct {
	AgendaBlock
	Start, End ClockTime
	Overrun    bool // ends after the agenda's planned end
}

// Timings computes the start and end of every block.
func (a *Agenda) Timings() []TimedBlock {
	out := make([]TimedBlock, len(a.Blocks))
	t := a.Start
	for i, b := range a.Blocks {
		end := t + ClockTime(b.Minutes)
		out[i] = TimedBlock{AgendaBlock: b, Start: t, End: end, Overrun: a.End != 0 && end > a.End}
		t = end
	}
	return out
}

// TotalMinutes is the sum of the blocks' durations.
func (a *Agenda) TotalMinutes() int {
	n := 0
	for _, b := range a.Blocks {
		n += b.Minutes
	}
	return n
}

// Finish is the computed end of the last block (the start for an empty
// agenda).
func (a *Agenda) Finish() ClockTime { return a.Start + ClockTime(a.TotalMinutes()) }

// OverrunMinutes is how far the agenda runs past its planned end; 0 when it
// fits or has no planned end.
func (a *Agenda) OverrunMinutes() int {
	if a.End == 0 || a.Finish() <= a.End {
		return 0
	}
	return int(a.Finish() - a.End)
}

// Current returns the index of the block running at clock time now, or -1
// before the start and after the end.
func (a *Agenda) Current(now ClockTime) int {
	for i, tb := range a.Timings() {
		if now >= tb.Start && now < tb.End {
			return i
		}
	}
	return -1
}

// ClockTime is a time of day in minutes after midnight. It may pass 24:00
// when an agenda runs late; it prints as HH:MM.
type ClockTime int

// ParseClock reads "HH:MM" (24-hour clock).
func ParseClock(s string) (ClockTime, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, Errorf(EINVALID, "err.time.format", "Value", clip(s, 20))
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// String prints the time as HH:MM; past midnight it says so, "01:30 (+1)".
func (c ClockTime) String() string {
	if c >= 24*60 {
		return fmt.Sprintf("%02d:%02d (+1)", int(c-24*60)/60, int(c)%60)
	}
	return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)
}

// MarshalText writes HH:MM, with hours past 23 for a time after midnight
// (a planned end of "24:00").
func (c ClockTime) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)), nil
}

// UnmarshalText reads what MarshalText wrote.
func (c *ClockTime) UnmarshalText(b []byte) error {
	var h, m int
	if n, err := fmt.Sscanf(string(b), "%d:%d", &h, &m); err != nil || n != 2 || len(b) != 5 || h < 0 || h > 47 || m < 0 || m > 59 {
		return Errorf(EINVALID, "err.time.format", "Value", clip(string(b), 20))
	}
	*c = ClockTime(h*60 + m)
	return nil
}
