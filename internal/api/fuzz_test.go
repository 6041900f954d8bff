package api

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/vocab"
)

// FuzzListFilter feeds arbitrary query strings to the message list's
// parser: it must never panic, and what it accepts must be in range.
func FuzzListFilter(f *testing.F) {
	for _, s := range []string{"", "limit=20&cursor=5", "region=330114&status=replied&domain=城建",
		"limit=0", "limit=101", "cursor=-1", "board=9223372036854775807", "region=33", "status=%ff", "unit=1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, bad := listFilter(q)
		if bad != nil {
			if bad.status < 400 || bad.status > 499 {
				t.Fatalf("%q refused with %d", raw, bad.status)
			}
			return
		}
		if flt.Limit < 1 || flt.Limit > 100 || flt.BoardID < 0 || flt.UnitID < 0 || flt.Before < 0 {
			t.Fatalf("%q accepted out of range: %+v", raw, flt)
		}
		if flt.Status != "" && !flt.Status.Valid() {
			t.Fatalf("%q accepted status %q", raw, flt.Status)
		}
		if flt.RegionPrefix != "" && !strings.HasPrefix(q.Get("region"), flt.RegionPrefix) {
			t.Fatalf("%q gave prefix %q", raw, flt.RegionPrefix)
		}
		if c := q.Get("region"); c != "" {
			if _, ok := region.Get(c); !ok {
				t.Fatalf("%q accepted unknown region", raw)
			}
		}
	})
}

// FuzzMessageBody feeds arbitrary bytes as a new message's JSON body:
// decoding and validation must never panic, and a draft that passes holds
// valid UTF-8 within the limits.
func FuzzMessageBody(f *testing.F) {
	for _, s := range []string{
		`{"board_id":1,"type":"咨询","domain":"教育","title":"学区划分","body":"请问何时公布？"}`,
		`{"board_id":1,"type":"投诉/求助","domain":"城建","title":"  ","body":"x"}`,
		`{"title":"\xff\xfe"}`, `{`, `[]`, `{"tags":["a","a","b"]}`, `{"public":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest("POST", "/api/v1/messages", bytes.NewReader(body))
		var in draftJSON
		if err := decode(req, &in); err != nil {
			return
		}
		d := message.Draft{BoardID: in.BoardID, Type: in.Type, Domain: in.Domain, Title: in.Title, Body: in.Body, Tags: in.Tags, Channel: in.Channel}
		d.Normalize()
		if err := d.Validate(message.DefaultLimits, fuzzLists); err != nil {
			return
		}
		if !utf8.ValidString(d.Title) || !utf8.ValidString(d.Body) || d.Title == "" ||
			utf8.RuneCountInString(d.Title) > message.DefaultLimits.TitleMax || utf8.RuneCountInString(d.Body) > message.DefaultLimits.BodyMax {
			t.Fatalf("accepted draft out of bounds: %+v", d)
		}
	})
}

// fuzzLists stands for the managed lists, which live in the store.
var fuzzLists = vocab.NewSet([]vocab.Term{{ID: 1, Kind: vocab.Type, Code: "complaint", Name: "投诉/求助", Days: 7},
	{ID: 2, Kind: vocab.Domain, Code: "urban", Name: "城建"}}, nil, lifecycle.DefaultPolicy())
