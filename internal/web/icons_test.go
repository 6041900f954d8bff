package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestIconsMatchFullSampling checks the shortcut drawIcon takes for
// pixels far from every edge: each icon has exactly the pixels of
// sampling every pixel 4×4.
func TestIconsMatchFullSampling(t *testing.T) {
	for _, ic := range icons {
		b, err := drawIcon(ic.size, ic.maskable)
		if err != nil {
			t.Fatal(err)
		}
		ref := image.NewNRGBA(image.Rect(0, 0, ic.size, ic.size))
		for py := range ic.size {
			for px := range ic.size {
				var r, g, bl, a float64
				for sy := range 4 {
					for sx := range 4 {
						c, ok := iconAt((float64(px)+(float64(sx)+0.5)/4)/float64(ic.size), (float64(py)+(float64(sy)+0.5)/4)/float64(ic.size), ic.maskable)
						if ok {
							r, g, bl, a = r+float64(c.R), g+float64(c.G), bl+float64(c.B), a+1
						}
					}
				}
				if a > 0 {
					ref.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(bl / a), uint8(255 * a / 16)})
				}
			}
		}
		var want bytes.Buffer
		if err := png.Encode(&want, ref); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want.Bytes()) {
			t.Errorf("%s differs from the fully sampled drawing", ic.name)
		}
	}
}

// BenchmarkIcons is what drawing the icons adds to the server's start.
func BenchmarkIcons(b *testing.B) {
	for b.Loop() {
		for _, ic := range icons {
			if _, err := drawIcon(ic.size, ic.maskable); err != nil {
				b.Fatal(err)
			}
		}
	}
}
