-- Demo data for the embedded H2 database "support". Runs on every new connection, so it is idempotent.
CREATE TABLE IF NOT EXISTS tickets (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, status VARCHAR(20) NOT NULL,
    opened_on DATE NOT NULL);
MERGE INTO tickets KEY (id) VALUES (1, 'Cannot log in', 'open', DATE '2026-11-01'),
    (2, 'Invoice is wrong', 'closed', DATE '2026-10-20');
