-- CrmKit engine store, schema version 1: the stores of the live care engine (IEngineStore).
-- Every per-customer table has customer_id first in its primary key: it is the distribution column on Citus, and
-- every statement of a unit of work names one customer id, so it runs on one shard.

-- One row per customer: the state as one versioned JSON document (the source of truth), the optimistic-concurrency
-- version, and the next-due index entry.
CREATE TABLE crm_engine_customers (
    customer_id text NOT NULL,
    version bigint NOT NULL,
    state jsonb NOT NULL,
    next_due timestamptz NULL,
    erased boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    CONSTRAINT pk_crm_engine_customers PRIMARY KEY (customer_id)
);
CREATE INDEX ix_crm_engine_customers_next_due ON crm_engine_customers (next_due, customer_id COLLATE "C") WHERE next_due IS NOT NULL;

-- Segment memberships, kept equal to the state's segments by every commit (for SQL reporting and InSegment reads).
CREATE TABLE crm_engine_memberships (
    customer_id text NOT NULL,
    segment text NOT NULL,
    CONSTRAINT pk_crm_engine_memberships PRIMARY KEY (customer_id, segment)
);
CREATE INDEX ix_crm_engine_memberships_segment ON crm_engine_memberships (segment);

-- Journey (process) instances, kept equal to the state's instances by every commit, with their next timer.
CREATE TABLE crm_engine_instances (
    customer_id text NOT NULL,
    journey_id text NOT NULL,
    instance_id text NOT NULL,
    correlation text NOT NULL,
    process_id text NOT NULL,
    process_state text NOT NULL,
    status smallint NOT NULL,
    enrolled_at timestamptz NOT NULL,
    ended_at timestamptz NULL,
    exit_reason text NULL,
    next_due timestamptz NULL,
    CONSTRAINT pk_crm_engine_instances PRIMARY KEY (customer_id, journey_id, instance_id)
);
CREATE INDEX ix_crm_engine_instances_next_due ON crm_engine_instances (next_due) WHERE next_due IS NOT NULL;

-- Event ids already handled, per customer: a repeated event is a duplicate, also after a crash.
CREATE TABLE crm_engine_processed_events (
    customer_id text NOT NULL,
    event_id text NOT NULL,
    CONSTRAINT pk_crm_engine_processed_events PRIMARY KEY (customer_id, event_id)
);

-- The outbox: one row per idempotency key of a customer; dispatchers lease due pending rows.
-- state: 0 pending, 1 sent, 2 cancelled, 3 dead-lettered (OutboxState); channel, purpose, verdict: the enums' values.
CREATE TABLE crm_engine_outbox (
    customer_id text NOT NULL,
    idempotency_key text NOT NULL,
    channel smallint NOT NULL,
    purpose smallint NOT NULL,
    template text NOT NULL,
    due_at timestamptz NOT NULL,
    journey_id text NOT NULL,
    instance_id text NOT NULL,
    state smallint NOT NULL,
    verdict smallint NOT NULL,
    reason text NULL,
    queued_at timestamptz NOT NULL,
    closed_at timestamptz NULL,
    attempts integer NOT NULL DEFAULT 0,
    worker text NULL,
    leased_until timestamptz NULL,
    CONSTRAINT pk_crm_engine_outbox PRIMARY KEY (customer_id, idempotency_key)
);
CREATE INDEX ix_crm_engine_outbox_pending ON crm_engine_outbox (due_at, idempotency_key COLLATE "C") WHERE state = 0;

-- Tasks for staff, one per key of a customer.
CREATE TABLE crm_engine_tasks (
    customer_id text NOT NULL,
    task_key text NOT NULL,
    title text NOT NULL,
    role text NULL,
    created_at timestamptz NOT NULL,
    due_at timestamptz NULL,
    journey_id text NOT NULL,
    instance_id text NOT NULL,
    is_assignment boolean NOT NULL,
    CONSTRAINT pk_crm_engine_tasks PRIMARY KEY (customer_id, task_key)
);
