-- The admin-managed lists and rules that were code constants: message
-- types (with their handling days), domains and topic tags; a board's own
-- deadlines overriding the defaults; and each unit's reply templates.
-- Messages keep the name of their type, domain and tags, so a rename
-- rewrites them (store.RenameTerm); code is the stable ASCII name Open311
-- service codes are made of.
CREATE TABLE vocab (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('type', 'domain', 'tag')),
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL,
    days     INTEGER NOT NULL DEFAULT 0,
    retired  BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (kind, code),
    UNIQUE (kind, name)
);

INSERT INTO vocab (kind, code, name, position, days) VALUES
    ('type', 'complaint', '投诉/求助', 1, 7),
    ('type', 'inquiry', '咨询', 2, 5),
    ('type', 'suggestion', '建言', 3, 5),
    ('type', 'thanks', '感谢', 4, 5),
    ('domain', 'urban', '城建', 1, 0),
    ('domain', 'transport', '交通', 2, 0),
    ('domain', 'environment', '环保', 3, 0),
    ('domain', 'business', '企业', 4, 0),
    ('domain', 'employment', '就业', 5, 0),
    ('domain', 'government', '政务', 6, 0),
    ('domain', 'education', '教育', 7, 0),
    ('domain', 'security', '治安', 8, 0),
    ('domain', 'rural', '三农', 9, 0),
    ('domain', 'health', '医疗', 10, 0),
    ('domain', 'tourism', '旅游', 11, 0),
    ('domain', 'culture', '文娱', 12, 0),
    ('domain', 'finance', '金融', 13, 0),
    ('domain', 'sports', '体育', 14, 0),
    ('domain', 'other', '其他', 15, 0),
    ('tag', 'epidemic', '疫情防控', 1, 0),
    ('tag', 'resumption', '复工复产', 2, 0),
    ('tag', 'poverty', '脱贫攻坚', 3, 0),
    ('tag', 'safety', '安全生产', 4, 0),
    ('tag', 'flood', '防汛抗灾', 5, 0),
    ('tag', 'wages', '劳资纠纷', 6, 0);

-- A board's own rules; a board without a row follows the defaults.
CREATE TABLE board_rules (
    board_id      INTEGER PRIMARY KEY REFERENCES boards (id),
    max_extension INTEGER NOT NULL,
    max_followups INTEGER NOT NULL
);

-- A board's handling days for a type, overriding the type's own.
CREATE TABLE board_type_days (
    board_id INTEGER NOT NULL REFERENCES boards (id),
    type_id  INTEGER NOT NULL REFERENCES vocab (id),
    days     INTEGER NOT NULL,
    PRIMARY KEY (board_id, type_id)
);

CREATE TABLE reply_templates (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, title)
);
