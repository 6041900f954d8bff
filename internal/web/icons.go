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
// a 4×4 grid of samples, so edges are smooth at every size. A pixel whose
// centre lies farther from every edge of the drawing than any of its
// samples does has one colour throughout, so it is painted from its
// centre alone: the same pixels at a fraction of the cost, which matters
// because the icons are drawn while the server starts.
func drawIcon(size int, maskable bool) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const grid, tile = 4, 8
	done := make([]bool, size*size)
	// Whole tiles of tile×tile pixels first: every sample in a tile lies
	// within tile/√2 pixels of its centre.
	for ty := 0; ty < size; ty += tile {
		for tx := 0; tx < size; tx += tile {
			w, h := min(tile, size-tx), min(tile, size-ty)
			x, y := (float64(tx)+float64(w)/2)/float64(size), (float64(ty)+float64(h)/2)/float64(size)
			if iconMargin(x, y, maskable) <= 0.71*float64(max(w, h))/float64(size) {
				continue
			}
			c, ok := iconAt(x, y, maskable)
			for py := ty; py < ty+h; py++ {
				for px := tx; px < tx+w; px++ {
					if ok {
						img.SetNRGBA(px, py, c)
					}
					done[py*size+px] = true
				}
			}
		}
	}
	// The samples lie within 0.375·√2 ≈ 0.53 of a pixel from its centre.
	uniform := 0.6 / float64(size)
	for py := range size {
		for px := range size {
			if done[py*size+px] {
				continue
			}
			x, y := (float64(px)+0.5)/float64(size), (float64(py)+0.5)/float64(size)
			if iconMargin(x, y, maskable) > uniform {
				if c, ok := iconAt(x, y, maskable); ok {
					img.SetNRGBA(px, py, c)
				}
				continue
			}
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
		if length(bx-dx, by-0.45) < 0.048 {
			return iconRed, true
		}
	}
	return iconWhite, true
}

// iconMargin is how far (x, y) lies from the nearest edge of any shape
// iconAt tests, in the unit square: every point closer than that has the
// colour (x, y) has.
func iconMargin(x, y float64, maskable bool) float64 {
	m := math.Inf(1)
	if !maskable {
		m = roundedRectEdge(x, y, 0, 0, 1, 1, 0.22)
	}
	scale := 1.0
	if maskable {
		scale = 0.78
	}
	bx, by := (x-0.5)/scale+0.5, (y-0.5)/scale+0.5
	b := min(roundedRectEdge(bx, by, 0.2, 0.24, 0.8, 0.66, 0.12),
		segmentDistance(bx, by, 0.32, 0.6, 0.27, 0.8),
		segmentDistance(bx, by, 0.27, 0.8, 0.5, 0.64),
		segmentDistance(bx, by, 0.5, 0.64, 0.32, 0.6))
	for _, dx := range []float64{0.36, 0.5, 0.64} {
		b = min(b, math.Abs(length(bx-dx, by-0.45)-0.048))
	}
	return min(m, b*scale)
}

// roundedRectEdge is the distance from (x, y) to the outline of the shape
// inRoundedRect tests, from inside or outside.
func roundedRectEdge(x, y, x0, y0, x1, y1, radius float64) float64 {
	qx := math.Abs(x-(x0+x1)/2) - ((x1-x0)/2 - radius)
	qy := math.Abs(y-(y0+y1)/2) - ((y1-y0)/2 - radius)
	outside := length(max(qx, 0), max(qy, 0))
	inside := min(max(qx, qy), 0)
	return math.Abs(outside + inside - radius)
}

// segmentDistance is the distance from (x, y) to the segment from (ax, ay)
// to (bx, by).
func segmentDistance(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := max(0, min(1, ((x-ax)*dx+(y-ay)*dy)/(dx*dx+dy*dy)))
	return length(x-(ax+t*dx), y-(ay+t*dy))
}

// length is the length of (x, y); math.Hypot guards against overflow that
// coordinates in the unit square cannot reach, at several times the cost.
func length(x, y float64) float64 { return math.Sqrt(x*x + y*y) }

// inRoundedRect reports whether (x, y) lies in the rectangle from (x0, y0)
// to (x1, y1) with corners rounded by radius.
func inRoundedRect(x, y, x0, y0, x1, y1, radius float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+radius, math.Min(x, x1-radius))
	cy := math.Max(y0+radius, math.Min(y, y1-radius))
	return length(x-cx, y-cy) <= radius
}

// inTriangle reports whether (x, y) lies in the triangle of three points.
func inTriangle(x, y, ax, ay, bx, by, cx, cy float64) bool {
	side := func(px, py, qx, qy float64) float64 { return (x-qx)*(py-qy) - (px-qx)*(y-qy) }
	d1, d2, d3 := side(ax, ay, bx, by), side(bx, by, cx, cy), side(cx, cy, ax, ay)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}
