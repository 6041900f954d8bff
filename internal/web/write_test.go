package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// upload is a file to attach to the message form.
type upload struct {
	name string
	data []byte
}

// postMultipart sends the message form with files, as a browser does.
func (b *browser) postMultipart(path string, form url.Values, files []upload) answer {
	b.s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile("images", f.name)
		_, _ = w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// picture draws a small image of a street scene's colours in a format.
func picture(t *testing.T, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteRefusesBadInput sends the message form with one thing wrong at
// a time: the error shows beside its field, the rest of the text is kept,
// and nothing is stored.
func TestWriteRefusesBadInput(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		b := site.as("citizen")
		good := site.draft()
		png1 := picture(t, "png")
		cases := []struct {
			name  string
			form  url.Values
			files []upload
			field string
			text  string
		}{
			{"empty title", with(good, "title", "   "), nil, "title", "请填写留言标题"},
			{"title of 51 characters", with(good, "title", strings.Repeat("路", 51)), nil, "title", "留言标题不能超过 50 个字"},
			{"empty body", with(good, "body", ""), nil, "body", "请填写留言内容"},
			{"body of 2001 characters", with(good, "body", strings.Repeat("噪", 2001)), nil, "body", "留言内容不能超过 2000 个字"},
			{"no board chosen", with(good, "board_id", ""), nil, "board_id", "请选择留言对象"},
			{"unknown board", with(good, "board_id", "99999999"), nil, "board_id", "留言对象不存在"},
			{"type not in the list", with(good, "type", "表扬"), nil, "type", "留言类型无效"},
			{"domain not in the list", with(good, "domain", "航天"), nil, "domain", "留言领域无效"},
			{"six tags", with(good, "tags", "一 二 三 四 五 六"), nil, "tags", "话题标签最多 5 个"},
			{"text named .png", good, []upload{{"工地照片.png", []byte("这不是图片，只是一段文字。")}}, "images", "“工地照片.png”不是 JPEG、PNG 或 GIF 图片"},
			{"truncated PNG", good, []upload{{"截断.png", png1[:len(png1)/2]}}, "images", "图片“截断.png”已损坏"},
			{"six images", good, []upload{{"1.png", png1}, {"2.png", png1}, {"3.png", png1}, {"4.png", png1}, {"5.png", png1}, {"6.png", png1}}, "images", "最多上传 5 张图片"},
			{"image over 5 MB", good, []upload{{"大图.png", append(append([]byte{}, png1...), make([]byte, 5<<20)...)}}, "images", "图片“大图.png”超过 5 MB"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				a := b.postMultipart("/write", c.form, c.files)
				a.want(t, http.StatusUnprocessableEntity, `id="`+c.field+`-err">`+c.text)
				// What was typed comes back, escaped, in the form.
				if c.field != "body" {
					a.want(t, http.StatusUnprocessableEntity, c.form.Get("body"))
				}
				if c.field != "title" {
					a.want(t, http.StatusUnprocessableEntity, `value="`+c.form.Get("title")+`"`)
				}
			})
		}
		if n, _ := s.CountMessages(t.Context()); n != 0 {
			t.Fatalf("refused forms stored %d messages", n)
		}
	})
}

// TestWriteWithImages posts a message with a PNG and a JPEG: they are
// stored, shown on the message page, served with their detected type,
// and hidden from the public until the message is accepted.
func TestWriteWithImages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		b := site.as("citizen")
		key := url.Values{"key": {"写留言-一次性-0001"}}
		form := site.draft()
		form.Set("key", key.Get("key"))
		files := []upload{{"工地.png", picture(t, "png")}, {"夜间.jpg", picture(t, "jpeg")}}
		a := b.postMultipart("/write", form, files)
		if a.status != http.StatusSeeOther {
			t.Fatalf("post: %d %s", a.status, excerptOf(a.body))
		}
		id := messageID(t, a.location)
		// The same form sent again (a double click) is the same message.
		again := b.postMultipart("/write", form, files)
		if again.status != http.StatusSeeOther || messageID(t, again.location) != id {
			t.Fatalf("resubmission: %d %q", again.status, again.location)
		}
		if n, _ := s.CountAttachments(t.Context(), id); n != 2 {
			t.Fatalf("%d attachments stored, want 2", n)
		}
		page := b.get(path(id, "?done=submit"))
		page.want(t, 200, "留言已提交", "待审核", "13957112345", `alt="工地.png"`, `alt="夜间.jpg"`)
		srcs := regexpAll(`src="(/attachments/\d+)"`, page.body)
		if len(srcs) != 2 {
			t.Fatalf("image links %v", srcs)
		}
		got := b.get(srcs[0])
		if got.status != 200 || got.header.Get("Content-Type") != "image/png" || !strings.Contains(got.header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("image: %d %q", got.status, got.header)
		}
		if got := b.get(srcs[1]); got.header.Get("Content-Type") != "image/jpeg" {
			t.Errorf("second image type %q", got.header.Get("Content-Type"))
		}
		site.visitor().get(srcs[0]).want(t, 404)
		site.as("moderator").post(path(id, "/accept"), nil)
		if got := site.visitor().get(srcs[0]); got.status != 200 {
			t.Errorf("accepted message's image: %d", got.status)
		}
	})
}
