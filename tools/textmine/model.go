package main

import (
	"fmt"
	"os"

	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/segment"
)

// buildModel trains the default classifier (classify.DefaultOptions) on
// every labelled message of dir, as `liuyan train --data DIR -o FILE`
// does, and reports what it read and wrote.
func buildModel(dir, out string) error {
	d, err := classify.ReadDir(dir, segment.Default(), nil)
	if err != nil {
		return err
	}
	o := classify.DefaultOptions
	o.Terms = d.Terms
	m, err := classify.Train(d.Examples, o)
	if err != nil {
		return err
	}
	if err := m.SaveFile(out); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes; %d messages (%d segmented, %d raw), %d label-tree terms, labels %v\nfeatures %+v\n",
		out, st.Size(), len(d.Examples), d.Segmented, d.Raw, len(d.Terms), m.Labels(), m.Features())
	return nil
}
