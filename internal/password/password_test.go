package password

import (
	"context"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// cheap keeps the tests fast; only TestHashDefaults pays for DefaultParams.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashWithVerify(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, plain, wrong string
	}{
		{"ascii", "correct horse battery", "correct horse batterY"},
		{"chinese", "人民网领导留言板2020", "人民网领导留言板2021"},
		{"mixed width", "ｍｉｍａ密码１２３", "mima密码123"},
		{"trailing space", "我的密码很安全 ", "我的密码很安全"},
		{"empty", "", " "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			encoded, err := HashWith(ctx, tc.plain, cheap)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := Verify(ctx, tc.plain, encoded); err != nil || !ok {
				t.Errorf("Verify(right password) = %v, %v; want true, nil", ok, err)
			}
			if ok, err := Verify(ctx, tc.wrong, encoded); err != nil || ok {
				t.Errorf("Verify(wrong password) = %v, %v; want false, nil", ok, err)
			}
		})
	}
}

func TestHashWithEncoding(t *testing.T) {
	ctx := context.Background()
	params := []Params{
		cheap,
		{Memory: 256, Time: 3, Threads: 4, SaltLen: 8, KeyLen: 16},
		{Memory: 1024, Time: 2, Threads: 2, SaltLen: 24, KeyLen: 64},
	}
	for _, p := range params {
		encoded, err := HashWith(ctx, "留言板管理员", p)
		if err != nil {
			t.Fatal(err)
		}
		f := strings.Split(encoded, "$")
		if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != "v=19" {
			t.Fatalf("HashWith(%+v) = %q, want $argon2id$v=19$…", p, encoded)
		}
		wantParams := "m=" + strconv.Itoa(int(p.Memory)) + ",t=" + strconv.Itoa(int(p.Time)) + ",p=" + strconv.Itoa(int(p.Threads))
		if f[3] != wantParams {
			t.Errorf("parameters %q, want %q", f[3], wantParams)
		}
		for i, want := range []uint32{p.SaltLen, p.KeyLen} {
			raw, err := base64.RawStdEncoding.DecodeString(f[4+i])
			if err != nil || uint32(len(raw)) != want {
				t.Errorf("field %q decodes to %d bytes (%v), want %d", f[4+i], len(raw), err, want)
			}
		}
		if !NeedsRehash(encoded) {
			t.Errorf("NeedsRehash(%q) = false, want true for non-default parameters", encoded)
		}
	}
	a, _ := HashWith(ctx, "同一个密码", cheap)
	b, _ := HashWith(ctx, "同一个密码", cheap)
	if a == b {
		t.Errorf("two hashes of one password are equal (%q): salts are not random", a)
	}
}

func TestHashDefaults(t *testing.T) {
	ctx := context.Background()
	encoded, err := Hash(ctx, "领导留言板密码")
	if err != nil {
		t.Fatal(err)
	}
	if want := "$argon2id$v=19$m=65536,t=1,p=2$"; !strings.HasPrefix(encoded, want) {
		t.Errorf("Hash = %q, want prefix %q", encoded, want)
	}
	if ok, err := Verify(ctx, "领导留言板密码", encoded); err != nil || !ok {
		t.Errorf("Verify = %v, %v; want true, nil", ok, err)
	}
	if NeedsRehash(encoded) {
		t.Errorf("NeedsRehash(%q) = true for a hash made with DefaultParams", encoded)
	}
}

// TestVerifyReferenceVectors checks hashes made by the reference C
// implementation of Argon2 (its src/test.c), so hashes made elsewhere, or
// by a later version of this package, keep verifying.
func TestVerifyReferenceVectors(t *testing.T) {
	ctx := context.Background()
	for _, encoded := range []string{
		"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
		"$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
	} {
		if ok, err := Verify(ctx, "password", encoded); err != nil || !ok {
			t.Errorf("Verify(password, %s) = %v, %v; want true, nil", encoded, ok, err)
		}
		if ok, err := Verify(ctx, "passwore", encoded); err != nil || ok {
			t.Errorf("Verify(passwore, %s) = %v, %v; want false, nil", encoded, ok, err)
		}
		if !NeedsRehash(encoded) {
			t.Errorf("NeedsRehash(%s) = false, want true", encoded)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	const good = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"
	tests := []struct {
		name, encoded string
	}{
		{"empty", ""},
		{"plain text", "password"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", strings.Replace(good, "argon2id", "argon2i", 1)},
		{"version 16", strings.Replace(good, "v=19", "v=16", 1)},
		{"no version", strings.Replace(good, "$v=19", "", 1)},
		{"missing hash", good[:strings.LastIndex(good, "$")]},
		{"extra field", good + "$AAAA"},
		{"no leading $", good[1:]},
		{"parameters out of order", strings.Replace(good, "m=256,t=2", "t=2,m=256", 1)},
		{"parameter not a number", strings.Replace(good, "m=256", "m=abc", 1)},
		{"negative parameter", strings.Replace(good, "t=2", "t=-2", 1)},
		{"zero passes", strings.Replace(good, "t=2", "t=0", 1)},
		{"zero threads", strings.Replace(good, "p=1", "p=0", 1)},
		{"threads overflow", strings.Replace(good, "p=1", "p=256", 1)},
		{"too little memory", strings.Replace(good, "m=256", "m=4", 1)},
		{"too much memory", strings.Replace(good, "m=256", "m=4194304", 1)},
		{"too many passes", strings.Replace(good, "t=2", "t=1000", 1)},
		{"padded salt", strings.Replace(good, "c29tZXNhbHQ", "c29tZXNhbHQ=", 1)},
		{"bad base64", strings.Replace(good, "c29tZXNhbHQ", "c29t!XNhbHQ", 1)},
		{"short salt", strings.Replace(good, "c29tZXNhbHQ", "c2FsdA", 1)},
		{"short hash", strings.Replace(good, "nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", "nf65EOgLrQ", 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := Verify(context.Background(), "password", tc.encoded)
			if ok || !errors.Is(err, ErrMalformed) {
				t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformed", tc.encoded, ok, err)
			}
			if !NeedsRehash(tc.encoded) {
				t.Errorf("NeedsRehash(%q) = false, want true", tc.encoded)
			}
		})
	}
}

func TestHashWithBadParams(t *testing.T) {
	tests := []struct {
		name string
		p    Params
	}{
		{"zero", Params{}},
		{"no passes", Params{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32}},
		{"memory below 8 KiB per thread", Params{Memory: 15, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}},
		{"memory above 1 GiB", Params{Memory: 1<<20 + 1, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}},
		{"short salt", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32}},
		{"short key", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if encoded, err := HashWith(context.Background(), "一个密码一个密码", tc.p); !errors.Is(err, ErrBadParams) {
				t.Errorf("HashWith(%+v) = %q, %v; want ErrBadParams", tc.p, encoded, err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		plain string
		want  error
	}{
		{"", ErrTooShort},
		{"1234567", ErrTooShort},
		{"密码太短了", ErrTooShort},
		{"12345678", nil},
		{"我的密码很安全啊", nil},
		{"人民网领导留言板", nil},
		{strings.Repeat("留", 72), ErrTooSimple},
		{strings.Repeat("留言", 36), nil},
		{strings.Repeat("留言", 36) + "板", ErrTooLong},
		{"aaaaaaaa", ErrTooSimple},
		{"        ", ErrTooSimple},
		{"aaaaaaaA", nil},
		{"\xff\xff\xff\xff\xff\xff\xff\xff", ErrTooSimple},
	}
	for _, tc := range tests {
		if got := Validate(tc.plain); got != tc.want {
			t.Errorf("Validate(%q) = %v, want %v", tc.plain, got, tc.want)
		}
	}
}
