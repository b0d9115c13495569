-- CrmKit engine store, schema version 2: the event inbox that worker processes drain, one customer at a time.

-- Events waiting to be handled, in arrival order per customer (seq is global and increasing).
CREATE TABLE crm_engine_inbox (
    customer_id text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    event_id text NOT NULL,
    payload jsonb NOT NULL,
    enqueued_at timestamptz NOT NULL,
    CONSTRAINT pk_crm_engine_inbox PRIMARY KEY (customer_id, seq)
);

-- One row per customer with waiting events: the per-customer queue head a worker claims with
-- FOR UPDATE SKIP LOCKED and holds while it handles that customer's events in seq order.
CREATE TABLE crm_engine_inbox_customers (
    customer_id text NOT NULL,
    first_seq bigint NOT NULL,
    CONSTRAINT pk_crm_engine_inbox_customers PRIMARY KEY (customer_id)
);
CREATE INDEX ix_crm_engine_inbox_customers_first_seq ON crm_engine_inbox_customers (first_seq);
