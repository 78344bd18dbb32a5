"""Signals other apps listen to, sent after the transaction that caused them commits."""

from django.dispatch import Signal

# Sent with `complaint_id` once a new complaint is committed (the router listens).
complaint_submitted = Signal()
