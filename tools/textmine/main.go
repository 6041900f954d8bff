// Command textmine rebuilds the data files that the text-mining packages
// embed. It is run by hand when the training data changes, from the
// repository root:
//
//	go run ./tools/textmine dict  -data ../shared/data/tipdm   # internal/textmine/segment/dict.tsv
//	go run ./tools/textmine model -data ../shared/data/tipdm   # internal/textmine/classify/model.bin
//	go run ./tools/textmine heldout -data ../shared/data/tipdm # internal/textmine/classify/testdata/heldout.csv
//
// Run dict first: the model is trained on the words of the segmenter that
// the tool was built with, so after a new dictionary the tool must be built
// again (go run does this) before the model is rebuilt.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: textmine dict|model|heldout -data DIR [-o FILE]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	data := fs.String("data", "../shared/data/tipdm", "directory of the TipDM files")
	out := fs.String("o", "", "output file (default: the embedded file in the repository)")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "dict":
		err = buildDict(*data, or(*out, "internal/textmine/segment/dict.tsv"))
	case "model":
		err = buildModel(*data, or(*out, "internal/textmine/classify/model.bin"))
	case "heldout":
		err = buildHeldout(*data, or(*out, "internal/textmine/classify/testdata/heldout.csv"))
	default:
		err = fmt.Errorf("unknown step %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "textmine:", err)
		os.Exit(1)
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
