-- Where the newest :n paid orders spent their time, from the database's own timestamps: order to payment admission
-- (the client's second request), admission to the outbox marking payment.requested published (after the broker
-- confirmed it), and the whole order-to-paid. Usage: psql ... -v n=2000 -f bench/pipeline-stages.sql
WITH o AS (SELECT id, created_at, paid_at FROM orders WHERE paid_at IS NOT NULL ORDER BY id DESC LIMIT :n),
p AS (SELECT p.order_id, p.id, p.created_at AS admitted_at, p.updated_at AS settled_at FROM payments p JOIN o ON o.id = p.order_id),
m AS (SELECT (payload -> 'data' ->> 'payment_id')::bigint AS payment_id, published_at FROM outbox_messages
      WHERE event_type = 'payment.requested'),
s AS (SELECT extract(epoch FROM p.admitted_at - o.created_at) * 1000 AS to_admission,
             extract(epoch FROM m.published_at - p.admitted_at) * 1000 AS to_confirmed_publish,
             extract(epoch FROM p.settled_at - p.admitted_at) * 1000 AS to_settlement,
             extract(epoch FROM o.paid_at - o.created_at) * 1000 AS order_to_paid
      FROM o JOIN p ON p.order_id = o.id JOIN m ON m.payment_id = p.id)
SELECT q, round(percentile_cont(q) WITHIN GROUP (ORDER BY to_admission)) AS to_admission,
       round(percentile_cont(q) WITHIN GROUP (ORDER BY to_confirmed_publish)) AS to_confirmed_publish,
       round(percentile_cont(q) WITHIN GROUP (ORDER BY to_settlement)) AS to_settlement,
       round(percentile_cont(q) WITHIN GROUP (ORDER BY order_to_paid)) AS order_to_paid
FROM s, unnest(ARRAY[0.5, 0.99]) AS q GROUP BY q ORDER BY q;
