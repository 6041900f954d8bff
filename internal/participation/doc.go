// Package participation carries out what people do in campaigns (征集活动)
// and questionnaires (问卷): staff launch them; citizens file suggestions
// through the message pipeline (internal/workflow: validation, masking,
// moderation, sensitive words), support them and answer questionnaires;
// staff adopt or answer suggestions, logged in the audit log.
//
// The rules come from internal/campaign and internal/questionnaire, the
// figures from internal/stats; this package joins them to the store. It
// does not speak HTTP: the API and the web pages call it and explain its
// errors with Explain.
package participation
