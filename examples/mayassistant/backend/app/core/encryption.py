"""Field encryption for personal data."""
KEY_ROTATION_DAYS = 90
