"""Invitations and registrations (see the registration issue)."""
