-- Nothing ever looks an event up by its identifier (events are read by global index, or by aggregate and sequence),
-- and identifiers are random version 4 UUIDs. The unique index on them cost every append a third B-tree insert:
-- about 7 % of the event store's append rate (docs/benchmark.md). Uniqueness of (aggregate, sequence) stays: it is
-- what refuses a concurrent append.
ALTER TABLE domain_event_entry DROP CONSTRAINT domain_event_entry_event_identifier_key;
