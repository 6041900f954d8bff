package main

import (
	"fmt"

	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/segment"
)

// buildModel trains the default classifier on every labelled message of
// dir, as `liuyan train --data DIR -o FILE` does.
func buildModel(dir, out string) error {
	d, err := classify.ReadDir(dir, segment.Default(), nil)
	if err != nil {
		return err
	}
	m, err := classify.Train(d.Examples, classify.DefaultOptions)
	if err != nil {
		return err
	}
	if err := m.SaveFile(out); err != nil {
		return err
	}
	fmt.Printf("%s: %d messages (%d segmented, %d raw), labels %v\n", out, len(d.Examples), d.Segmented, d.Raw, m.Labels())
	return nil
}
