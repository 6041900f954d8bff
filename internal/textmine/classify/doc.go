// Package classify suggests a message's domain (DESIGN §5): it trains a
// linear classifier from labelled messages, evaluates it (accuracy,
// per-label precision, recall and F1, macro-F1, k-fold cross-validation),
// saves and loads it, and embeds a default model trained on the TipDM data
// so that the server can call Suggest from its first request.
//
// Features are words from package segment and character 1–2-grams over the
// kept words, and the same again for the first twelve words (the title, in
// a message read as title then body), and, when the training directory
// holds the platform's label tree (taxonomy.csv), one feature per
// first-level label counting the tree's names under it that the message
// contains; all hashed into 2^18 buckets and weighed by sublinear TF-IDF,
// each of the five groups scaled to unit length; the
// model is one linear SVM per label (one against the rest, errors
// weighed by the inverse of each label's share, which macro-F1 rewards),
// stored as int8 weights. The confidence is a softmax over the SVM scores
// with a scale fitted on held-out folds at training time. The training
// file's cuts have stop-words and punctuation removed while users send raw
// text: the segmenter drops the same stop-words from raw text, so the
// model sees the same kind of input in both cases.
//
// Evaluation never tests a message against its own re-post: near-duplicates
// (NearJaccard) share a cross-validation fold, and ReadDir's exclusion of
// an evaluation file drops them from training too.
//
// The label set is data: whatever the training files hold. Storing staff
// overrides and retraining from the store (train --from-store) belong to
// the server, not here.
package classify
