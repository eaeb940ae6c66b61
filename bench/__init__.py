"""The load test of the production stack (`make bench`); no app imports it."""
