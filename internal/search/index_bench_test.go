package search

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkIndex times cutting a message of real sentences into the
// tokens of each store's index: work every stored message costs.
func BenchmarkIndex(b *testing.B) {
	raw, err := os.ReadFile("testdata/sentences.txt")
	if err != nil {
		b.Fatal(err)
	}
	body := strings.ReplaceAll(string(raw), "\n", "")
	title := "A市桂花二村十四栋楼下垃圾站晚上工作太吵"
	b.SetBytes(int64(len(title) + len(body)))
	b.Run("fts5", func(b *testing.B) {
		for b.Loop() {
			IndexText(title)
			IndexText(body)
		}
	})
	b.Run("tsvector", func(b *testing.B) {
		for b.Loop() {
			TSVector(1, title, body, Scope{BoardID: 77, RegionCode: "330106", AuthorID: 5})
		}
	})
}

// BenchmarkScore times judging one candidate of a search (a title and a
// body of about 440 characters, the benchmark messages' average): a
// search scores up to 300 of them (store.SearchWindow).
func BenchmarkScore(b *testing.B) {
	raw, err := os.ReadFile("testdata/sentences.txt")
	if err != nil {
		b.Fatal(err)
	}
	body := []rune(strings.ReplaceAll(string(raw), "\n", ""))
	text := string(body[:min(len(body), 440)])
	title := "A市桂花二村十四栋楼下垃圾站晚上工作太吵"
	for _, query := range []string{"噪音", "垃圾站", "噪音 施工", "噪"} {
		q, err := Parse(query)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(query, func(b *testing.B) {
			for b.Loop() {
				q.Score(title, text)
			}
		})
	}
}
