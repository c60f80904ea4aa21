"""Domain events, written to an outbox table in the same transaction as the change they
describe, so an event is recorded if and only if its change is."""
