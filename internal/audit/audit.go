// Package audit defines the append-only, hash-chained audit log: every write records who did what,
// when, and digests of the record before and after. Each entry's hash covers the previous entry's
// hash, so editing or deleting any row breaks the chain and Verify finds it.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Entry is one audit record.
type Entry struct {
	Seq          int64     `json:"seq"`
	At           time.Time `json:"at"`
	ActorID      int64     `json:"actor_id"`
	Actor        string    `json:"actor"`
	OrgID        int64     `json:"org_id"` // the organisation whose record was written
	Action       string    `json:"action"`
	Entity       string    `json:"entity"`
	EntityID     string    `json:"entity_id"`
	BeforeDigest string    `json:"before_digest,omitempty"`
	AfterDigest  string    `json:"after_digest,omitempty"`
	Detail       string    `json:"detail,omitempty"`
	PrevHash     string    `json:"prev_hash"`
	Hash         string    `json:"hash"`
}

// Actor is who performs a write.
type Actor struct {
	UserID int64
	Name   string
	OrgID  int64
}

// System is the actor for writes made by the platform itself (jobs, imports, demo data).
var System = Actor{Name: "system"}

// Digest is the SHA-256 of a record's canonical JSON, or "" for no record.
func Digest(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Marshal fails only on unsupported types, a programming error; keep the log writable.
		b = []byte(fmt.Sprintf("%#v", v))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ComputeHash returns the hash of e chained to e.PrevHash. Fields are joined with a separator
// that cannot occur in them after quoting, so that no two entries share a preimage.
func ComputeHash(e Entry) string {
	fields := []string{
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10),
		e.Actor,
		strconv.FormatInt(e.OrgID, 10),
		e.Action, e.Entity, e.EntityID,
		e.BeforeDigest, e.AfterDigest, e.Detail,
		e.PrevHash,
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Quote(f))
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Problem is a break in the chain found by a Verifier.
type Problem struct {
	Seq    int64
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("seq %d: %s", p.Seq, p.Reason) }

// Verifier checks entries fed to it in sequence order.
type Verifier struct {
	prevHash string
	nextSeq  int64
	count    int64
	Problems []Problem
}

// NewVerifier starts a verification at the beginning of the log.
func NewVerifier() *Verifier { return &Verifier{nextSeq: 1} }

// Add checks the next entry.
func (v *Verifier) Add(e Entry) {
	v.count++
	if e.Seq != v.nextSeq {
		v.Problems = append(v.Problems, Problem{e.Seq, fmt.Sprintf("expected seq %d: rows %d..%d are missing", v.nextSeq, v.nextSeq, e.Seq-1)})
	}
	if e.PrevHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{e.Seq, "prev_hash does not match the previous entry (a row was deleted or edited)"})
	}
	if ComputeHash(e) != e.Hash {
		v.Problems = append(v.Problems, Problem{e.Seq, "hash does not match the entry's content (the row was edited)"})
	}
	v.prevHash = e.Hash
	v.nextSeq = e.Seq + 1
}

// Finish compares the end of the chain with the head kept beside the log, which catches
// deletion of the last rows.
func (v *Verifier) Finish(headSeq int64, headHash string) []Problem {
	if headSeq != v.nextSeq-1 {
		v.Problems = append(v.Problems, Problem{headSeq, fmt.Sprintf("the log ends at seq %d but the head records %d", v.nextSeq-1, headSeq)})
	} else if headHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{headSeq, "the last entry's hash differs from the head"})
	}
	return v.Problems
}

// Count is the number of entries checked.
func (v *Verifier) Count() int64 { return v.count }
