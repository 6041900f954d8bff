package web

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// icons are the app's icons, drawn at start-up rather than committed as
// binary files: a white speech bubble on the board's red.
var icons = []struct {
	name     string
	size     int
	maskable bool
}{
	{"icon-32.png", 32, false},
	{"icon-180.png", 180, false},
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	// A maskable icon fills its square and keeps the bubble inside the
	// safe circle, for launchers that cut their own shape.
	{"icon-maskable-512.png", 512, true},
}

var (
	iconRed   = color.NRGBA{0xc8, 0x16, 0x1d, 0xff}
	iconWhite = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// drawIcon paints the icon at size×size pixels, each pixel the average of
// a 4×4 grid of samples, so edges are smooth at every size.
func drawIcon(size int, maskable bool) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const grid = 4
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range grid {
				for sx := range grid {
					x := (float64(px) + (float64(sx)+0.5)/grid) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/grid) / float64(size)
					c, ok := iconAt(x, y, maskable)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			n := float64(grid * grid)
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / n)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// iconAt is the colour at (x, y) in the unit square, and false outside
// the icon.
func iconAt(x, y float64, maskable bool) (color.NRGBA, bool) {
	if !maskable && !inRoundedRect(x, y, 0, 0, 1, 1, 0.22) {
		return color.NRGBA{}, false
	}
	// The bubble is drawn in its own unit square, shrunk for the maskable
	// icon to stay within the launcher's safe zone.
	scale := 1.0
	if maskable {
		scale = 0.78
	}
	bx, by := (x-0.5)/scale+0.5, (y-0.5)/scale+0.5
	bubble := inRoundedRect(bx, by, 0.2, 0.24, 0.8, 0.66, 0.12) ||
		inTriangle(bx, by, 0.32, 0.6, 0.27, 0.8, 0.5, 0.64)
	if !bubble {
		return iconRed, true
	}
	for _, dx := range []float64{0.36, 0.5, 0.64} {
		if math.Hypot(bx-dx, by-0.45) < 0.048 {
			return iconRed, true
		}
	}
	return iconWhite, true
}

// inRoundedRect reports whether (x, y) lies in the rectangle from (x0, y0)
// to (x1, y1) with corners rounded by radius.
func inRoundedRect(x, y, x0, y0, x1, y1, radius float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+radius, math.Min(x, x1-radius))
	cy := math.Max(y0+radius, math.Min(y, y1-radius))
	return math.Hypot(x-cx, y-cy) <= radius
}

// inTriangle reports whether (x, y) lies in the triangle of three points.
func inTriangle(x, y, ax, ay, bx, by, cx, cy float64) bool {
	side := func(px, py, qx, qy float64) float64 { return (x-qx)*(py-qy) - (px-qx)*(y-qy) }
	d1, d2, d3 := side(ax, ay, bx, by), side(bx, by, cx, cy), side(cx, cy, ax, ay)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}
