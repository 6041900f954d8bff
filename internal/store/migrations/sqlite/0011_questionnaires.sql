-- Questionnaires (问卷): questions of four kinds answered once per account,
-- or anonymously. A response in anonymous mode keeps no account: its
-- respondent key is a one-way hash for signed-in people (one response
-- each) and NULL for visitors (bounded by a rate limit instead).
CREATE TABLE questionnaires (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns (id),
    opens_at    TIMESTAMP NOT NULL,
    closes_at   TIMESTAMP NOT NULL,
    anonymous   INTEGER NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX questionnaires_campaign ON questionnaires (campaign_id);

CREATE TABLE questions (
    id               INTEGER PRIMARY KEY,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    text             TEXT NOT NULL,
    required         INTEGER NOT NULL,
    options          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX questions_questionnaire ON questions (questionnaire_id, position);

CREATE TABLE responses (
    id               INTEGER PRIMARY KEY,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),
    respondent       TEXT,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (questionnaire_id, respondent)
);

CREATE TABLE answers (
    response_id INTEGER NOT NULL REFERENCES responses (id),
    question_id INTEGER NOT NULL REFERENCES questions (id),
    value       INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL DEFAULT ''
);
-- Covers the results' counts, which read no answer text.
CREATE INDEX answers_question ON answers (question_id, value, response_id);
CREATE INDEX answers_response ON answers (response_id);
