package snapshots

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parity-harness/parity/transformers"
)

// token is a literal byte or a placeholder of a string being unified.
type token struct {
	text     string
	variable bool // numbered placeholder: binds
	constant bool // unnumbered placeholder: matches any non-empty text
}

func (t token) literal() bool { return !t.variable && !t.constant }

func tokenize(s string) []token {
	var out []token
	for _, seg := range transformers.SplitPlaceholders(s) {
		switch {
		case seg.IsPlaceholder() && seg.Number > 0:
			out = append(out, token{text: seg.Text, variable: true})
		case seg.IsPlaceholder():
			out = append(out, token{text: seg.Text, constant: true})
		default:
			for i := 0; i < len(seg.Text); i++ {
				out = append(out, token{text: seg.Text[i : i+1]})
			}
		}
	}
	return out
}

func join(ts []token) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.text)
	}
	return b.String()
}

// unifyBudget bounds the backtracking of one string comparison.
const unifyBudget = 5000

// unifyWork bounds the candidate splits tried in one string comparison.
const unifyWork = 200000

// unify matches a recorded string against a live one, treating placeholders
// on both sides as variables (see Bindings). On success the new bindings are
// kept; on failure none are, and the note explains a binding conflict.
func (b *Bindings) unify(rec, live, path string) (bool, string) {
	u := &unifier{b: b, rec: tokenize(rec), live: tokenize(live), recText: rec, liveText: live, path: path, budget: unifyBudget}
	u.recOff, u.liveOff = offsets(u.rec), offsets(u.live)
	if u.match(0, 0) {
		return true, ""
	}
	return false, b.explain(u.rec, u.live)
}

// offsets returns the byte offset of every token, plus the total length.
func offsets(ts []token) []int {
	off := make([]int, len(ts)+1)
	for i, t := range ts {
		off[i+1] = off[i] + len(t.text)
	}
	return off
}

type unifier struct {
	b                 *Bindings
	rec, live         []token
	recText, liveText string
	recOff, liveOff   []int // token offsets into recText, liveText
	path              string
	work              int // candidate splits tried, bounded by unifyWork
	budget            int
	trail             []func() // undo log of bindings made
}

func (u *unifier) match(ri, li int) bool {
	// literal bytes on both sides: compare without branching
	for ri < len(u.rec) && li < len(u.live) && u.rec[ri].literal() && u.live[li].literal() {
		if u.rec[ri].text != u.live[li].text {
			return false
		}
		ri, li = ri+1, li+1
	}
	u.budget--
	if u.budget < 0 {
		return false
	}
	if ri == len(u.rec) || li == len(u.live) {
		return ri == len(u.rec) && li == len(u.live)
	}
	if r := u.rec[ri]; !r.literal() {
		// the recorded placeholder stands for a non-empty run of live tokens
		if bd, bound := u.b.recToLive[r.text]; bound && r.variable {
			k, ok := consume(u.live, li, bd.other)
			return ok && u.match(ri+1, k)
		}
		for k := li + 1; k <= len(u.live) && u.budget >= 0 && u.tick(); k++ {
			if !viable(u.rec, ri+1, u.live, k) {
				continue
			}
			if r.constant {
				if u.match(ri+1, k) {
					return true
				}
				continue
			}
			mark := len(u.trail)
			if u.bind(r.text, u.liveText[u.liveOff[li]:u.liveOff[k]]) && u.match(ri+1, k) {
				return true
			}
			u.undo(mark)
			u.budget--
		}
		return false
	}
	// the live placeholder stands for a non-empty run of recorded literal bytes
	l := u.live[li]
	if bd, bound := u.b.liveToRec[l.text]; bound && l.variable {
		k, ok := consume(u.rec, ri, bd.other)
		return ok && u.match(k, li+1)
	}
	for k := ri + 1; k <= len(u.rec) && u.budget >= 0 && u.tick(); k++ {
		if !u.rec[k-1].literal() {
			break
		}
		if !viable(u.live, li+1, u.rec, k) {
			continue
		}
		if l.constant {
			if u.match(k, li+1) {
				return true
			}
			continue
		}
		mark := len(u.trail)
		if u.bind(u.recText[u.recOff[ri]:u.recOff[k]], l.text) && u.match(k, li+1) {
			return true
		}
		u.undo(mark)
		u.budget--
	}
	return false
}

// tick counts one candidate split and reports whether the work limit
// (unifyWork) still allows more.
func (u *unifier) tick() bool {
	u.work++
	return u.work <= unifyWork
}

// viable reports whether a placeholder ending just before other[k] can be
// followed by next[ni]: the end of one side needs the end of the other, and
// two literal bytes must be equal.
func viable(next []token, ni int, other []token, k int) bool {
	if ni == len(next) {
		return k == len(other)
	}
	if k == len(other) {
		return false
	}
	return !next[ni].literal() || !other[k].literal() || next[ni].text == other[k].text
}

// consume returns the index after the tokens from i whose text is exactly
// text, if there are such tokens.
func consume(ts []token, i int, text string) (int, bool) {
	rest := text
	for k := i; k < len(ts); k++ {
		if rest == "" {
			return k, true
		}
		t := ts[k].text
		if !strings.HasPrefix(rest, t) {
			return 0, false
		}
		rest = rest[len(t):]
	}
	return len(ts), rest == "" && text != ""
}

// bind records that the recorded term rec and the live term live stand for
// the same value, if that is consistent with the bindings so far.
func (u *unifier) bind(rec, live string) bool {
	fr, okr := u.b.recToLive[rec]
	fl, okl := u.b.liveToRec[live]
	switch {
	case okr && okl:
		return fr.other == live && fl.other == rec
	case okr || okl:
		return false
	}
	u.b.recToLive[rec] = binding{other: live, where: u.path}
	u.b.liveToRec[live] = binding{other: rec, where: u.path}
	u.trail = append(u.trail, func() {
		delete(u.b.recToLive, rec)
		delete(u.b.liveToRec, live)
	})
	return true
}

func (u *unifier) undo(mark int) {
	for len(u.trail) > mark {
		u.trail[len(u.trail)-1]()
		u.trail = u.trail[:len(u.trail)-1]
	}
}

// explain describes the existing bindings of the placeholders involved in a
// failed comparison.
func (b *Bindings) explain(rec, live []token) string {
	var notes []string
	seen := map[string]bool{}
	for _, t := range rec {
		if t.variable && !seen["r"+t.text] {
			seen["r"+t.text] = true
			if bd, ok := b.recToLive[t.text]; ok {
				notes = append(notes, fmt.Sprintf("recorded %s stands for %q since %s", t.text, bd.other, bd.where))
			}
		}
	}
	for _, t := range live {
		if t.variable && !seen["l"+t.text] {
			seen["l"+t.text] = true
			if bd, ok := b.liveToRec[t.text]; ok {
				notes = append(notes, fmt.Sprintf("live %s stands for recorded %q since %s", t.text, bd.other, bd.where))
			}
		}
	}
	if len(notes) == 0 && len(rec) == 1 && rec[0].variable {
		lt := join(live)
		if bd, ok := b.liveToRec[lt]; ok {
			notes = append(notes, fmt.Sprintf("live %q already stands for recorded %s since %s", lt, bd.other, bd.where))
		}
	}
	return strings.Join(notes, "; ")
}

func sortStrings(s []string) { sort.Strings(s) }
