"""Guardian framework: anomaly alerts."""
THRESHOLD = 3
