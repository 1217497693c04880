"""Stripe payments. Protected by `backend/app/services/payments*`."""
CURRENCY = "eur"
