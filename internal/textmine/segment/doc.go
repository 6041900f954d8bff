// Package segment cuts Chinese text into words.
//
// Why its own segmenter rather than a library such as go-ego/gse: the
// words that matter here are those of this platform's messages, and the
// classifier was trained on jieba's cuts of them with stop-words removed.
// A dictionary built from those very cuts (train_segmented.csv: 64,000
// words with their frequencies) and a unigram maximum-probability path over
// the dictionary's word graph reproduces those cuts on raw text, so the
// classifier sees the same words in training and in use (on the raw
// messages of sample_raw.csv, over 90% of the words kept are words of
// jieba's cut; TestReproducesTrainingCuts). The dictionary is 676 kB of
// text, embedded, and is built into a trie in about 0.2 s on first use;
// gse's default build embeds general dictionaries of tens of megabytes
// that take seconds to load, which would not fit a server that must be
// ready within 2 s, and whose cuts are not the training data's. Cutting a
// message of 430 characters takes about 40 µs.
//
// The dictionary also knows the stop-words that jieba's preprocessing
// dropped (的, 了, 我们, 没有, …), learnt by aligning raw messages with their
// cuts, so that Words returns what the training data kept. On top of the
// file come user words: every region name of internal/region and its short
// form without 省/市/区/县, the masked place names of the data (A3区, K8县),
// and whatever board and unit names the caller adds with With, all kept
// whole (星沙经开区, 梅溪湖).
//
// The text is cut into blocks at punctuation and white space; inside a
// block every Chinese character is a unit and every run of ASCII letters
// and digits is one unit (full-width forms folded to ASCII, letters to
// lower case), and words are made of whole units.
//
// A Segmenter is immutable after it is built and safe for concurrent use.
package segment
