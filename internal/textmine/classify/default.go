package classify

import (
	"bytes"
	_ "embed"
	"sync"
)

// modelBin is the default model, trained on the TipDM data by
// `go run ./tools/textmine model` (internal/textmine/README.md).
//
//go:embed model.bin
var modelBin []byte

// Default returns the embedded model, loaded on first use (about 0.2 s,
// with the segmenter's dictionary) and shared, so that a server starts at
// once and pays the cost on its first suggestion, or earlier if it calls
// Default in the background at start-up.
var Default = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(modelBin), nil)
})

// Suggest classifies a message with the default model; it returns "" and
// 0 if that model cannot be loaded (a broken build, caught by the tests).
func Suggest(title, body string) (label string, confidence float64) {
	m, err := Default()
	if err != nil {
		return "", 0
	}
	return m.Suggest(title, body)
}
