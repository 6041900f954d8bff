package web

import (
	"bytes"
	"image"
	_ "image/gif" // registers GIF decoding for image.Decode
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"unicode/utf8"

	"liuyan/internal/catalog"
	"liuyan/internal/store"
)

// Limits on the images attached to a message (issue 3: up to five of
// 5 MB each). maxPixels keeps a small file that unpacks to a huge bitmap
// from taking the server's memory when it is decoded.
const (
	maxImages     = 5
	maxImageBytes = 5 << 20
	maxPixels     = 40_000_000
)

// imageTypes are the formats accepted, as http.DetectContentType names
// them from the first bytes: a file is judged by its content, never by
// its name or the type the browser claims.
var imageTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true}

// readImages checks the uploaded files and returns them ready to store,
// or the sentence that says what is wrong with the first bad one.
func readImages(fhs []*multipart.FileHeader) ([]*store.Attachment, string) {
	var out []*store.Attachment
	for _, fh := range fhs {
		if fh.Filename == "" && fh.Size == 0 {
			continue // the empty part a form sends when no file was chosen
		}
		if len(out) == maxImages {
			return nil, catalog.T("web.write.too_many_images", maxImages)
		}
		a, problem := readImage(fh)
		if problem != "" {
			return nil, problem
		}
		out = append(out, a)
	}
	return out, ""
}

func readImage(fh *multipart.FileHeader) (*store.Attachment, string) {
	name := displayName(fh.Filename)
	if fh.Size > maxImageBytes {
		return nil, catalog.T("web.write.image_too_big", name, maxImageBytes>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, catalog.T("web.write.image_broken", name)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		return nil, catalog.T("web.write.image_broken", name)
	}
	if len(data) > maxImageBytes {
		return nil, catalog.T("web.write.image_too_big", name, maxImageBytes>>20)
	}
	ctype := http.DetectContentType(data)
	if !imageTypes[ctype] {
		return nil, catalog.T("web.write.image_type", name)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, catalog.T("web.write.image_broken", name)
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, catalog.T("web.write.image_too_large", name)
	}
	// Decoding the whole image proves the file is one, not just a header.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, catalog.T("web.write.image_broken", name)
	}
	return &store.Attachment{Name: name, ContentType: ctype, Width: cfg.Width, Height: cfg.Height, Data: data}, ""
}

// displayName keeps the last element of a file name, valid UTF-8 and at
// most 100 characters: it is shown to people, never used as a path.
func displayName(s string) string {
	s = filepath.Base(filepath.ToSlash(s))
	if !utf8.ValidString(s) || s == "." || s == "/" {
		return catalog.T("web.write.image_unnamed")
	}
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return s
}
