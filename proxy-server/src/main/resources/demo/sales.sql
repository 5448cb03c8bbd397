-- Demo data for the embedded H2 database "sales". Runs on every new connection, so it is idempotent.
CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, country VARCHAR(2));
CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers(id),
    amount DECIMAL(10, 2) NOT NULL, ordered_at TIMESTAMP NOT NULL);
MERGE INTO customers KEY (id) VALUES (1, 'Acme Corp', 'US'), (2, 'Globex', 'DE'), (3, 'Initech', 'FR');
MERGE INTO orders KEY (id) VALUES (1, 1, 120.50, TIMESTAMP '2026-01-05 10:00:00'),
    (2, 1, 99.99, TIMESTAMP '2026-02-11 14:30:00'), (3, 2, 1500.00, TIMESTAMP '2026-03-01 09:15:00');
