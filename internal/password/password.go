package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters of a hash.
type Params struct {
	Memory  uint32 // memory in KiB
	Time    uint32 // number of passes over the memory
	Threads uint8  // degree of parallelism
	SaltLen uint32 // salt length in bytes
	KeyLen  uint32 // hash length in bytes
}

// DefaultParams are the parameters Hash uses, following the first choice of
// RFC 9106 scaled down to 64 MiB. Hashes made with other parameters still
// verify; NeedsRehash reports them.
var DefaultParams = Params{Memory: 64 * 1024, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}

// Limits on parameters, for hashing and for hashes read back. They keep a
// damaged or crafted hash in the database from costing more than a
// semaphore slot is meant to allow.
const (
	maxMemory = 1 << 20 // KiB, 1 GiB
	maxTime   = 64
	minSalt   = 8
	maxSalt   = 64
	minKey    = 16
	maxKey    = 64
)

// ErrMalformed is returned by Verify for a string that is not an argon2id
// PHC hash this package can check.
var ErrMalformed = errors.New("password: malformed hash")

// ErrBadParams is returned by HashWith for parameters outside the limits
// the package accepts.
var ErrBadParams = errors.New("password: unacceptable argon2id parameters")

// Hash returns the argon2id hash of plain with DefaultParams, as a PHC
// string. It does not apply the password policy; call Validate for that.
// It waits for a free slot (see SetConcurrency) and returns ctx.Err() if
// ctx ends first.
func Hash(ctx context.Context, plain string) (string, error) {
	return HashWith(ctx, plain, DefaultParams)
}

// HashWith is Hash with the given parameters, which must be within the
// package's limits: at least 1 pass, 8 KiB of memory per thread, an 8-byte
// salt and a 16-byte hash; at most 64 passes, 1 GiB, a 64-byte salt and a
// 64-byte hash.
func HashWith(ctx context.Context, plain string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	rand.Read(salt)
	key, err := derive(ctx, plain, salt, p)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether plain matches the hash encoded, using the
// parameters written in encoded and a constant-time comparison. A wrong
// password is false with a nil error; a malformed hash is an error wrapping
// ErrMalformed. Like Hash, it waits for a free slot and returns ctx.Err()
// if ctx ends first.
func Verify(ctx context.Context, plain, encoded string) (bool, error) {
	h, err := decode(encoded)
	if err != nil {
		return false, err
	}
	key, err := derive(ctx, plain, h.salt, h.params)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(key, h.key) == 1, nil
}

// NeedsRehash reports whether encoded should be replaced by a new hash of
// the same password: because it was made with parameters other than
// DefaultParams, or because it cannot be read at all.
func NeedsRehash(encoded string) bool {
	h, err := decode(encoded)
	return err != nil || h.params != DefaultParams
}

// b64 is the PHC string encoding: standard alphabet, no padding.
var b64 = base64.RawStdEncoding.Strict()

func (p Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime,
		p.Threads < 1,
		p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory,
		p.SaltLen < minSalt || p.SaltLen > maxSalt,
		p.KeyLen < minKey || p.KeyLen > maxKey:
		return fmt.Errorf("%w: %+v", ErrBadParams, p)
	}
	return nil
}

// hash is a decoded PHC string.
type hash struct {
	params    Params
	salt, key []byte
}

// decode parses $argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>.
func decode(encoded string) (hash, error) {
	var h hash
	fail := func(why string) (hash, error) {
		return hash{}, fmt.Errorf("%w: %s", ErrMalformed, why)
	}
	fields := strings.Split(encoded, "$")
	if len(fields) != 6 || fields[0] != "" {
		return fail("want 5 fields separated by $")
	}
	if fields[1] != "argon2id" {
		return fail("not argon2id")
	}
	if fields[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("unsupported version")
	}
	m, rest, ok1 := strings.Cut(fields[3], ",")
	t, p, ok2 := strings.Cut(rest, ",")
	memory, err1 := parseParam(m, "m=", 32)
	time, err2 := parseParam(t, "t=", 32)
	threads, err3 := parseParam(p, "p=", 8)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil {
		return fail("want parameters m=<KiB>,t=<passes>,p=<threads>")
	}
	var err error
	if h.salt, err = b64.DecodeString(fields[4]); err != nil {
		return fail("salt is not unpadded base64")
	}
	if h.key, err = b64.DecodeString(fields[5]); err != nil {
		return fail("hash is not unpadded base64")
	}
	h.params = Params{
		Memory:  uint32(memory),
		Time:    uint32(time),
		Threads: uint8(threads),
		SaltLen: uint32(len(h.salt)),
		KeyLen:  uint32(len(h.key)),
	}
	if h.params.check() != nil {
		return fail("parameters out of range")
	}
	return h, nil
}

// parseParam parses "k=<decimal>" with the given key and bit size.
func parseParam(s, key string, bits int) (uint64, error) {
	v, ok := strings.CutPrefix(s, key)
	if !ok {
		return 0, ErrMalformed
	}
	return strconv.ParseUint(v, 10, bits)
}

// derive computes the argon2id key while holding a slot.
func derive(ctx context.Context, plain string, salt []byte, p Params) ([]byte, error) {
	release, err := acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	if holdHook != nil {
		holdHook()
	}
	return argon2.IDKey([]byte(plain), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}
