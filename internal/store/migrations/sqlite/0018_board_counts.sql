-- A board's page counts its messages published and first replied in a
-- period (store.Tally). With only messages_board (board_id, id) each count
-- read every one of the board's rows from the table, so the page cost grew
-- with the board; with these the counts are read from the index alone.
CREATE INDEX messages_board_published ON messages (board_id, published_at);
CREATE INDEX messages_board_first_reply ON messages (board_id, first_reply_at);
